"""The admin's notices of languages still missing: a warning on the edit
page of a page not yet translated into every language, and a panel on the
admin home listing the editor's pages that still miss one. Registered by
``portal/wagtail_hooks.py``."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from modeltranslation.translator import NotRegistered, translator

from portal.languages import list_separator, missing_fields, missing_languages
from portal.roles import school_ids_for

# Translated fields that are not the editor's text to write.
NOT_EDITORIAL = {"slug", "url_path", "seo_title", "search_description"}


def editorial_fields(page):
    """The translated fields an editor writes on this kind of page."""
    try:
        options = translator.get_options_for_model(type(page))
    except NotRegistered:
        return []
    order = {field.name: position for position, field in enumerate(type(page)._meta.get_fields())}
    fields = [name for name in options.all_fields if name not in NOT_EDITORIAL]
    return sorted(fields, key=lambda name: order.get(name, 0))


def latest_version(page):
    page = page.specific
    return page.get_latest_revision_as_object() if page.latest_revision_id else page


def missing_languages_of(page):
    """Language codes still missing on the page's latest version."""
    return missing_languages(latest_version(page), editorial_fields(page.specific))


def field_label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except LookupError:
        return name.replace("_", " ")


def missing_fields_text(page):
    """ "French: Title, Summary; Arabic: Title": per missing language, the
    fields still to translate, labelled as on the edit form."""
    page = page.specific
    missing = missing_fields(latest_version(page), editorial_fields(page))
    separator = list_separator()
    return list_separator(semicolons=True).join(
        _("%(language)s: %(fields)s")
        % {
            "language": language_names([code]),
            "fields": separator.join(field_label(type(page), name) for name in names),
        }
        for code, names in missing.items()
    )


def language_names(codes):
    """The languages' names in the admin's language, comma-separated."""
    names = dict(settings.LANGUAGE_NAMES_EN)
    return list_separator().join(str(names.get(code, code)) for code in codes)


@hooks.register("before_edit_page")
def warn_about_missing_languages(request, page):
    if request.method != "GET":
        return None
    missing = missing_fields_text(page)
    if missing:
        messages.warning(
            request,
            _("Not yet translated: %(fields)s. Readers in those languages see the English (or Chinese) text.")
            % {"fields": missing},
        )
    return None


class MissingLanguagesPanel(Component):
    """Dashboard panel: the editor's pages that still miss a language."""

    name = "missing_languages"
    template_name = "portal/admin/missing_languages_panel.html"
    order = 90

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context):
        return {"rows": self.rows}


def pages_missing_languages(user, limit=50):
    """``[(page, [codes])]`` for the pages of the user's schools (and their
    programmes) with a language still missing."""
    school_ids = school_ids_for(user)
    if not school_ids:
        return []
    schools = Page.objects.filter(pk__in=school_ids)
    query = Q()
    for school in schools:
        query |= Q(path__startswith=school.path)
    rows = []
    for page in Page.objects.filter(query).specific().order_by("path")[:limit]:
        missing = missing_languages_of(page)
        if missing:
            rows.append((page, [language_names([code]) for code in missing]))
    return rows


@hooks.register("construct_homepage_panels")
def add_missing_languages_panel(request, panels):
    rows = pages_missing_languages(request.user)
    if rows:
        panels.append(MissingLanguagesPanel(rows))
