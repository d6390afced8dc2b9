"""Finding a child page by its slug in the reader's language, in the database.

wagtail-modeltranslation's patched ``Page.route`` loads every child of a page
and compares slugs in Python, so a directory of 3,000 schools would load 3,000
pages per request. This mixin asks the database for the one child instead,
with the same fallback (an empty slug in the reader's language falls back to
English, then Chinese)."""

from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language

from modeltranslation.utils import build_localized_fieldname

from portal.languages import reading_order


def _empty(field):
    return Q(**{f"{field}__isnull": True}) | Q(**{field: ""})


def child_slug_filter(slug, language):
    """Children whose slug, as read in ``language`` with fallbacks, is ``slug``."""
    condition = Q()
    earlier_empty = Q()
    for code in reading_order(language):
        field = build_localized_fieldname("slug", code)
        condition |= earlier_empty & Q(**{field: slug})
        earlier_empty &= _empty(field)
    return condition


class LocalizedSlugRouting:
    """Page mixin: route to a child by a database lookup of its localized slug,
    and show editors a published page's title in their own language."""

    def get_admin_display_title(self):
        # ``draft_title`` holds the default language's title only; a page
        # without unpublished changes has its title in every language.
        if self.has_unpublished_changes or self.pk is None:
            return super().get_admin_display_title()
        return self.title or super().get_admin_display_title()

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        child_slug, remaining = path_components[0], path_components[1:]
        child = self.get_children().filter(child_slug_filter(child_slug, get_language() or "en")).first()
        if child is None:
            raise Http404
        return child.specific.route(request, remaining)


def restore_localized_slug_routing(models):
    """wagtail-modeltranslation assigns its own ``route`` to every translated
    page class when it registers them; put ours back on the classes that use
    the mixin (called from ``PortalConfig.ready``)."""
    for model in models:
        if issubclass(model, LocalizedSlugRouting):
            model.route = LocalizedSlugRouting.route
