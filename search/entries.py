"""The programmes of one page of catalogue results, read as plain values.

A result shows a title, a link, the school, a few facts and an excerpt.
Reading them with ``values_list`` costs a fraction of building twenty page
objects of ~150 translated columns each (the largest part of a catalogue
request before). Texts fall back as everywhere on the site (the reader's
language, then English, then Chinese) and links are the pages' own URLs in the
reader's language (a test holds them equal to ``Page.get_url()``)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from wagtail.models import Site

from django_countries import countries

from portal.languages import FALLBACK_ORDER, LANGUAGE_CODES, by_language, reading_order, translated_columns
from programmes.models import Level, ProgrammePage, ProgrammeStatus, ProgrammeType, SchoolPage

# What a programme is filtered and shown by, read for the facet index and for
# each page of results.
PROGRAMME_FACTS = ("pk", "path", "programme_type", "level", "status", "delivery_country", "field_of_study__code")


def _in_language(values, language):
    """``(text, language)`` of the first non-empty translation, in fallback order."""
    for code in [language, *FALLBACK_ORDER]:
        value = values.get(code)
        if value and str(value).strip() not in ("", "<p></p>"):
            return value, code
    return "", language


def _page_url(url_paths, language, root_paths):
    """The page's URL in ``language``, as ``Page.get_url()`` gives it for a
    page of the site whose root path is ``root_paths``'s first."""
    url_path = url_paths.get(language) or url_paths.get(settings.LANGUAGE_CODE) or ""
    for root_path in root_paths:
        if url_path.startswith(root_path):
            with translation.override(language):
                return reverse("wagtail_serve", args=(url_path[len(root_path) :],))
    return None


@dataclass
class SchoolEntry:
    """The school a result belongs to: its title and link."""

    title: str
    url: str


@dataclass
class CatalogueEntry:
    """One programme in a list of results, in the reader's language."""

    pk: int
    title: str
    title_language: str
    # {language: title} in the languages the reader may see (theirs, then the fallbacks)
    titles: dict
    url: str
    description: str
    programme_type: str
    level: str
    status: str
    delivery_country: str
    field_of_study: str
    first_published_at: object
    school_path: str = ""
    school: SchoolEntry = None
    teaching_languages: list = field(default_factory=list)

    def get_programme_type_display(self):
        return ProgrammeType(self.programme_type).label if self.programme_type in ProgrammeType.values else ""

    def get_status_display(self):
        return ProgrammeStatus(self.status).label if self.status in ProgrammeStatus.values else ""

    def get_level_display(self):
        return Level(self.level).label if self.level in Level.values else ""

    @property
    def delivery_country_name(self):
        return str(countries.name(self.delivery_country) or self.delivery_country)


def load_entries(page_ids, language=None, facet_index=None):
    """The programmes ``page_ids`` (in that order) as ``CatalogueEntry``s, in
    three queries whatever the page size; in one when ``facet_index`` (which
    holds the schools and the teaching languages) is given."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language not in LANGUAGE_CODES:
        language = settings.LANGUAGE_CODE
    if not page_ids:
        return []
    root_paths = [root.root_path for root in Site.get_site_root_paths()]
    # Only the languages this reader may see (theirs and the fallbacks), with
    # no ORDER BY (the page's default ordering by tree path costs a sort and
    # the rows are put in order below): building a query of many columns is
    # most of its cost.
    languages = reading_order(language)
    rows = (
        ProgrammePage.objects.filter(pk__in=page_ids)
        .order_by()
        .values_list(
            *PROGRAMME_FACTS,
            "first_published_at",
            *translated_columns("title", "description", "url_path", languages=languages),
        )
    )
    by_id = {}
    school_paths = set()
    steplen = ProgrammePage.steplen
    for row in rows:
        pk, path, programme_type, level, status, country, code, published = row[:8]
        titles, descriptions, url_paths = by_language(row[8:], 3, languages)
        title, title_language = _in_language(titles, language)
        description, _description_language = _in_language(descriptions, language)
        by_id[pk] = CatalogueEntry(
            pk=pk,
            title=title,
            title_language=title_language,
            titles=titles,
            url=_page_url(url_paths, language, root_paths),
            description=description,
            programme_type=programme_type,
            level=level,
            status=status,
            delivery_country=country,
            field_of_study=code,
            first_published_at=published,
            school_path=path[:-steplen],
        )
        school_paths.add(path[:-steplen])
    if facet_index is not None:
        school_pages = {path: facet_index.school_pages.get(path) for path in school_paths}
        for pk, entry in by_id.items():
            position = facet_index.position_of.get(pk)
            if position is not None:
                entry.teaching_languages = facet_index.languages_of(position)
    else:
        school_pages = {}
        for row in SchoolPage.objects.filter(path__in=school_paths).values_list(
            "path", *translated_columns("title", "url_path", languages=languages)
        ):
            school_pages[row[0]] = tuple(by_language(row[1:], 2, languages))
        through = ProgrammePage.teaching_languages.through
        for programme_id, code in (
            through.objects.filter(programmepage_id__in=list(by_id))
            .order_by("teachinglanguage__code")
            .values_list("programmepage_id", "teachinglanguage__code")
        ):
            by_id[programme_id].teaching_languages.append(code)
    schools = {
        path: SchoolEntry(title=_in_language(titles, language)[0], url=_page_url(url_paths, language, root_paths))
        for path, (titles, url_paths) in ((p, v) for p, v in school_pages.items() if v is not None)
    }
    entries = []
    for pk in page_ids:
        entry = by_id.get(pk)
        if entry is not None:
            entry.school = schools.get(entry.school_path)
            entries.append(entry)
    return entries
