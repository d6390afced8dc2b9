"""What each page gives the search index besides its own fields: one extra
text in the search normal form (``search.text``), holding every language's
text folded and with Chinese segmented, so that 数控 finds 数控技术海外培训 and
"mecanique" finds "Mécanique" on any database."""

from django.conf import settings
from django.utils import translation

from django_countries import countries

from .text import searchable_text, translated_values


def _country_names(code):
    names = []
    if not code:
        return names
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.append(str(countries.name(code)))
    return names


def programme_search_text(programme):
    """Folded, segmented text of a programme in every language, with its
    field of study, its school's names and its country's names."""
    from programmes.models import SchoolPage

    values = []
    for field in ("title", "description", "certificates", "delivery_city"):
        values += translated_values(programme, field)
    if programme.field_of_study_id:
        values += translated_values(programme.field_of_study, "name")
    values += _country_names(programme.delivery_country)
    if programme.path and len(programme.path) > programme.steplen:
        school = SchoolPage.objects.filter(path=programme.path[: -programme.steplen]).first()
        if school is not None:
            values += translated_values(school, "title") + [school.official_name_zh]
    return searchable_text(*values)


def school_search_text(school):
    """Folded, segmented text of a school in every language."""
    values = [school.official_name_zh, school.former_names]
    for field in ("title", "introduction", "city", "contact_department"):
        values += translated_values(school, field)
    if school.province_id:
        values += translated_values(school.province, "name")
    return searchable_text(*values)


def partner_search_text(partner):
    """Folded, segmented text of a partner in every language."""
    values = [partner.native_name]
    for field in ("title", "description", "city"):
        values += translated_values(partner, field)
    values += _country_names(partner.country)
    return searchable_text(*values)
