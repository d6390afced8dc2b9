"""Finding a page by its slugs in the reader's language, in the database.

wagtail-modeltranslation's patched ``Page.route`` loads every child of a page
and compares slugs in Python, so a directory of 3,000 schools would load 3,000
pages per request; Wagtail's own loads each page on the way in full. This
mixin asks the database, in one query, for the few rows (id, path, type)
whose slug matches each step of the path below the page, picks the chain
from them, and loads only the page at its end, with the related rows its
class names in ``select_related_when_served``. Which page a path leads to
changes only when a page is published, unpublished, moved or deleted, and so
does the page as the public sees it: both are kept per public version
(``portal.public_version``), so a page served again costs no query to find
and load (about 1.3 ms of the ORM for a page of ~150 translated columns; a
copy from the cache is unpickled in a few dozen microseconds). The same fallback holds at each
step: an empty slug in the reader's language falls back to English, then
Chinese. A page type on the way that routes in its own way (not this mixin)
is loaded and routes the rest of the path itself."""

import hashlib
import re
from urllib.parse import quote

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.urls import get_script_prefix, reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language

from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.models import Page, PageViewRestriction

from modeltranslation.utils import build_localized_fieldname

from portal.choices import ChoiceLabels
from portal.fragments import shared_value
from portal.languages import reading_order
from portal.page_access import view_restriction_ids


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


def path_candidates(page, components, language):
    """``(id, path, depth, content type id)`` of each page below ``page``
    whose slug matches the component of the path at its depth, in tree order."""
    condition = Q()
    for offset, slug in enumerate(components, start=1):
        condition |= Q(depth=page.depth + offset) & child_slug_filter(slug, language)
    return list(
        Page.objects.filter(condition, path__startswith=page.path)
        .order_by("path")
        .values_list("pk", "path", "depth", "content_type_id")
    )


def load_page(model, pk):
    """The page of class ``model``, with the related rows it names."""
    related = getattr(model, "select_related_when_served", ())
    return model._default_manager.select_related(*related).get(pk=pk)


class LocalizedSlugRouting(ChoiceLabels):
    """Page mixin: route to a descendant by a database lookup of its localized
    slugs, read view restrictions once per public version
    (``portal.page_access``), show editors a published page's title in
    their own language, and give the page's URL and its choices' labels
    (``portal.choices``) without Django's and Wagtail's per-call work."""

    # Related rows (``select_related`` names) read with the page when it is served.
    select_related_when_served = ()

    def get_admin_display_title(self):
        # ``draft_title`` holds the default language's title only; a page
        # without unpublished changes has its title in every language.
        if self.has_unpublished_changes or self.pk is None:
            return super().get_admin_display_title()
        return self.title or super().get_admin_display_title()

    def get_url_parts(self, request=None):
        # Wagtail's reverses its catch-all URL for every link (some 40 µs,
        # paid per card on the directories and profiles); on one site, the
        # same URL is the language's prefix (reversed once) and the path
        # below the site root, quoted as ``reverse()`` quotes it.
        possible_sites = self._get_relevant_site_root_paths(request)
        if not WAGTAIL_APPEND_SLASH or len({values[0] for values in possible_sites}) != 1:
            return super().get_url_parts(request=request)
        site_id, root_path, root_url, _language = possible_sites[0]
        path = self.url_path[len(root_path) :]
        if not SERVED_PATH.fullmatch(path):
            return (site_id, None, None)  # reverse() would refuse it: no URL
        return (site_id, root_url, serve_prefix() + quote(path, safe=RFC3986_SUBDELIMS + "/~:@"))

    def get_view_restrictions(self):
        # The common case, no restriction, costs no query and no filter to build.
        ids = view_restriction_ids(self)
        if not ids:
            # Known to be empty: Wagtail's check on every page served iterates
            # it without compiling a query (some 40 µs); ``exists()``,
            # ``order_by()``… still answer as an empty queryset.
            restrictions = PageViewRestriction.objects.none()
            restrictions._result_cache = []
            return restrictions
        return PageViewRestriction.objects.filter(pk__in=ids)

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        language = get_language() or "en"
        path = hashlib.sha256("/".join(path_components).encode("utf-8", "surrogatepass")).hexdigest()
        found = shared_value(
            request, f"route:{language}:{self.pk}", path, lambda: find_route(self, path_components, language)
        )
        if found is None:
            raise Http404
        steps, pk, content_type_id = found
        # One object per page, version and process, which requests only read.
        page = shared_value(request, "page", pk, lambda: load_page(page_model(content_type_id), pk))
        return page.route(request, path_components[steps:])


# The paths Wagtail's catch-all URL serves (``wagtail.urls``, WAGTAIL_APPEND_SLASH on).
SERVED_PATH = re.compile(r"(?:[\w\-]+/)*")
_SERVE_PREFIXES = {}


def serve_prefix():
    """Where Wagtail's pages start in the active language (``/en/``), as
    ``reverse()`` gives it; reversed once per language and script prefix."""
    key = (get_language(), get_script_prefix())
    prefix = _SERVE_PREFIXES.get(key)
    if prefix is None:
        prefix = _SERVE_PREFIXES[key] = reverse("wagtail_serve", args=("",))
    return prefix


def page_model(content_type_id):
    return ContentType.objects.get_for_id(content_type_id).model_class() or Page


def find_route(page, components, language):
    """``(steps, id, content type id)`` of the page to load for the path
    ``components`` below ``page``: the page at its end, or the first on the
    way whose type routes in its own way (it routes the remaining steps);
    ``None`` when no page is there."""
    candidates = path_candidates(page, components, language)
    parent_path = page.path
    for step in range(1, len(components) + 1):
        depth = page.depth + step
        found = next((row for row in candidates if row[2] == depth and row[1].startswith(parent_path)), None)
        if found is None:
            return None
        pk, parent_path, _depth, content_type_id = found
        if step == len(components) or page_model(content_type_id).route is not LocalizedSlugRouting.route:
            return step, pk, content_type_id
    return None


def restore_localized_slug_routing(models):
    """wagtail-modeltranslation assigns its own ``route`` to every translated
    page class when it registers them; put ours back on the classes that use
    the mixin (called from ``PortalConfig.ready``)."""
    for model in models:
        if issubclass(model, LocalizedSlugRouting):
            model.route = LocalizedSlugRouting.route
