"""The programmes of one page of catalogue results, read as plain values.

A result shows a title, a link, the school, a few facts and an excerpt.
Reading them with ``values_list`` costs a fraction of building twenty page
objects of ~150 translated columns each (the largest part of a catalogue
request before). Texts fall back as everywhere on the site (the reader's
language, then English, then Chinese) and links are the pages' own URLs in the
reader's language (a test holds them equal to ``Page.get_url()``)."""

import functools
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import escape
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model
from wagtail.models import Site

from django_countries import countries

from portal.languages import LANGUAGE_CODES, by_language, first_translation, reading_order, translated_columns
from programmes.facts import FACTS, PROGRAMME
from programmes.models import (
    Level,
    ProgrammePage,
    ProgrammeStatus,
    ProgrammeType,
    SchoolPage,
    duration_text,
    fees_text,
    first_of_month,
    month_text,
)

# The programme's own facts a result shows (``programmes.facts``), by name.
ENTRY_FACTS = {fact.key: fact.column for fact in FACTS if fact.of == PROGRAMME and fact.in_main_row}
# And its facts with several values that a result shows.
ENTRY_LIST_FACTS = [fact for fact in FACTS if fact.on_entry]

# Texts a result card and a comparison show when an entry has them, by
# attribute name, each already in the reader's language: the structured facts
# (duration as number + unit, fees or "free", the next intake, places) that
# come with the programme facts of issue #10. An entry without one (a fact not
# declared yet, or left empty) shows nothing for it.
OPTIONAL_FACTS = {
    "duration_display": _("Duration"),
    "fees_display": _("Fees"),
    "next_start_display": _("Next start"),
}
PLACES_FACT = ("places_display", _("Places"))


def city_and_country():
    """Where a programme is delivered, as the reader's language writes it (its punctuation)."""
    return gettext("%(city)s, %(country)s")


def optional_fact(entry, name):
    """The text of an optional fact of ``entry`` (see ``OPTIONAL_FACTS``), "" when it has none."""
    value = getattr(entry, name, None)
    return "" if value in (None, "") else str(value)


def _in_language(values, language):
    """``(text, language)`` of ``values`` (``{language: text}``) as the reader of
    ``language`` sees it."""
    return first_translation(values.get, language)


class _PageUrls:
    """Pages' URLs in one language, as ``Page.get_url()`` gives them on a
    single site: the language prefix and the path below the site root,
    quoted as ``reverse()`` quotes it. ``reverse()`` is asked once for the
    prefix rather than once per link (40 calls on a page of 20 results)."""

    def __init__(self, language):
        self.language = language
        self.root_paths = [root.root_path for root in Site.get_site_root_paths()]
        with translation.override(language):
            self.prefix = reverse("wagtail_serve", args=("",))

    def __call__(self, url_paths):
        url_path = url_paths.get(self.language) or url_paths.get(settings.LANGUAGE_CODE) or ""
        for root_path in self.root_paths:
            if url_path.startswith(root_path):
                path = url_path[len(root_path) :]
                if _SERVED_PATH.fullmatch(path):
                    return self.prefix + quote(path, safe=RFC3986_SUBDELIMS + "/~:@")
                return None  # reverse() would refuse it too: the page has no URL
        return None


# The paths Wagtail's catch-all URL serves (wagtail.urls, WAGTAIL_APPEND_SLASH on).
_SERVED_PATH = re.compile(r"(?:[\w\-]+/)*")


@dataclass
class SchoolEntry:
    """The school a result belongs to: its title and link, and its logo as a
    ``<picture>`` of small renditions when it has one."""

    title: str
    url: str
    title_language: str = ""
    logo_html: str = ""


# A school's logo on a result card, shown at 32 px (CSS: 2rem): WebP for 1x
# and 2x screens, and for the browsers that take no WebP one PNG at 2x (drawn
# at 32 px). Density descriptors rather than widths and sizes, and no PNG 1x:
# fifteen logos on a page of results, each URL of them counts towards 60 KB
# (and no class: CSS finds the logo as the school line's image).
LOGO_SIZE = 32
LOGO_WEBP = (f"fill-{LOGO_SIZE}x{LOGO_SIZE}|format-webp", f"fill-{2 * LOGO_SIZE}x{2 * LOGO_SIZE}|format-webp")
LOGO_FALLBACK = f"fill-{2 * LOGO_SIZE}x{2 * LOGO_SIZE}|format-png"
LOGO_FILTERS = [*LOGO_WEBP, LOGO_FALLBACK]


def logo_pictures(image_ids):
    """``{image id: <picture> HTML}`` of the result-card logo of each image,
    in two queries whatever the number of logos (renditions made once, then
    kept by Wagtail). A logo whose file cannot be read is left out: the card
    shows the school without it."""
    image_ids = {image_id for image_id in image_ids if image_id}
    if not image_ids:
        return {}
    pictures = {}
    for image in get_image_model().objects.filter(pk__in=image_ids).prefetch_renditions(*LOGO_FILTERS):
        try:
            renditions = image.get_renditions(*LOGO_FILTERS)
        except OSError:  # SourceImageIOError: the file is missing
            continue
        one, two = (escape(renditions[spec].url) for spec in LOGO_WEBP)
        pictures[image.pk] = (
            f'<picture><source type="image/webp" srcset="{one}, {two} 2x">'
            f'<img src="{escape(renditions[LOGO_FALLBACK].url)}" alt="" '
            f'width="{LOGO_SIZE}" height="{LOGO_SIZE}" loading="lazy"></picture>'
        )
    return pictures


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
    first_published_at: object
    # The programme's own facts (``programmes.facts``) by name, also readable
    # as attributes: ``entry.programme_type``.
    facts: dict = field(default_factory=dict)
    school_path: str = ""
    school: SchoolEntry = None
    teaching_languages: list = field(default_factory=list)
    # Where it is delivered: the city in the reader's language or its fallback.
    city: str = ""
    city_language: str = ""
    description_language: str = ""
    # The texts of its result card, by variant (``search.templatetags.search_tags.result_items``).
    cards: dict = field(default_factory=dict, compare=False, repr=False)

    def __getattr__(self, name):
        facts = self.__dict__.get("facts", {})
        if name in facts:
            return facts[name]
        raise AttributeError(name)

    def get_programme_type_display(self):
        return _choice_label(ProgrammeType, self.programme_type, translation.get_language())

    def get_status_display(self):
        return _choice_label(ProgrammeStatus, self.status, translation.get_language())

    def get_level_display(self):
        return _choice_label(Level, self.level, translation.get_language())

    @property
    def delivery_country_name(self):
        return _country_name(self.delivery_country, translation.get_language())

    @property
    def duration_display(self):
        """ "12 weeks", "12 周", "12 أسبوعًا" in the active language; "" when not given."""
        return _duration_text(self.facts.get("duration_number"), self.facts.get("duration_unit"), _language())

    @property
    def fees_display(self):
        """ "Free", "CNY 16,000 per year", "Paid by an employer or sponsor"…; "" when not given."""
        facts = self.facts
        return _fees_text(
            facts.get("fee_kind"),
            facts.get("fee_amount"),
            facts.get("fee_currency"),
            facts.get("fee_period"),
            _language(),
        )

    @property
    def places_display(self):
        """ "25 places per intake" in the active language; "" when not given."""
        places = self.facts.get("capacity")
        if not places:
            return ""
        return ngettext("%(counter)s place per intake", "%(counter)s places per intake", places) % {
            "counter": formats.number_format(places, force_grouping=True)
        }

    @property
    def next_start(self):
        """The first day of the month of the next intake (this month or later), or None."""
        this_month = first_of_month(timezone.localdate())
        return next((day for day in self.facts.get("start_dates", ()) if day >= this_month), None)

    @property
    def next_start_display(self):
        """The next intake's month and year in the active language ("September 2026", "2026年9月")."""
        return _month_text(self.next_start, _language())


# Names of fixed vocabularies (choices and countries) in one language: looking
# them up goes through gettext each time (~20 µs a country name), and they
# only change with a new release.
@functools.lru_cache(maxsize=4096)
def _country_name(code, language):
    with translation.override(language):
        return str(countries.name(code) or code)


# The texts of durations, fees and months the same way: a few hundred
# different values, each costing a gettext and a number or date format.
def _language():
    return translation.get_language() or settings.LANGUAGE_CODE


@functools.lru_cache(maxsize=4096)
def _duration_text(number, unit, language):
    with translation.override(language):
        return str(duration_text(number, unit))


@functools.lru_cache(maxsize=4096)
def _fees_text(kind, amount, currency, period, language):
    with translation.override(language):
        return str(fees_text(kind, amount, currency, period))


@functools.lru_cache(maxsize=4096)
def _month_text(day, language):
    with translation.override(language):
        return str(month_text(day))


@functools.lru_cache(maxsize=1024)
def _choice_label(choices, value, language):
    if value not in choices.values:
        return ""
    with translation.override(language):
        return str(choices(value).label)


# Entries a facet index keeps per language (the same for every request until
# the index is rebuilt: a new public version, or after ``MAX_AGE``), so that a
# page of results shown again reads nothing from the database; all of them
# dropped when there are more.
KEPT_ENTRIES = 2000


def load_entries(page_ids, language=None, facet_index=None):
    """The programmes ``page_ids`` (in that order) as ``CatalogueEntry``s, in
    three queries and one per fact ``on_entry`` whatever the page size (two
    more when a school has a logo); in one when ``facet_index`` (which holds
    the schools, their logos, the teaching languages and the facts
    ``on_entry``) is given, and in none when that index has read them
    already (it keeps the entries it gave: they must not be changed)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language not in LANGUAGE_CODES:
        language = settings.LANGUAGE_CODE
    if not page_ids:
        return []
    kept = facet_index.entries if facet_index is not None else None
    if kept is None:
        by_id = _read_entries(page_ids, language, facet_index)
    else:
        by_id = {pk: kept[(language, pk)] for pk in page_ids if (language, pk) in kept}
        missing = [pk for pk in page_ids if pk not in by_id]
        if missing:
            read = _read_entries(missing, language, facet_index)
            if len(kept) + len(read) > KEPT_ENTRIES:
                kept.clear()
            kept.update(((language, pk), entry) for pk, entry in read.items())
            by_id.update(read)
    return [by_id[pk] for pk in page_ids if pk in by_id]


def _read_entries(page_ids, language, facet_index):
    """``{pk: CatalogueEntry}`` of those of ``page_ids`` that exist (see ``load_entries``)."""
    page_url = _PageUrls(language)
    # Only the languages this reader may see (theirs and the fallbacks), with
    # no ORDER BY (the page's default ordering by tree path costs a sort and
    # the rows are put in order below), through a plain QuerySet: the columns
    # are named per language already, so modeltranslation's rewriting of field
    # names (a third of the cost of this query) has nothing to do.
    languages = reading_order(language)
    text_columns = translated_columns("title", "description", "url_path", "delivery_city", languages=languages)
    rows = (
        QuerySet(ProgrammePage)
        .filter(pk__in=page_ids)
        .order_by()
        .values("pk", "path", "first_published_at", *ENTRY_FACTS.values(), *text_columns)
    )
    by_id = {}
    school_paths = set()
    steplen = ProgrammePage.steplen
    for row in rows:
        titles, descriptions, url_paths, cities = by_language([row[column] for column in text_columns], 4, languages)
        title, title_language = _in_language(titles, language)
        description, description_language = _in_language(descriptions, language)
        city, city_language = _in_language(cities, language)
        school_path = row["path"][:-steplen]
        by_id[row["pk"]] = CatalogueEntry(
            pk=row["pk"],
            title=title,
            title_language=title_language,
            titles=titles,
            url=page_url(url_paths),
            description=description,
            first_published_at=row["first_published_at"],
            school_path=school_path,
            facts={key: row[column] for key, column in ENTRY_FACTS.items()},
            city=city,
            city_language=city_language,
            description_language=description_language,
        )
        school_paths.add(school_path)
    if facet_index is not None:
        school_pages = {path: facet_index.school_pages.get(path) for path in school_paths}
        for pk, entry in by_id.items():
            position = facet_index.position_of.get(pk)
            if position is not None:
                entry.teaching_languages = facet_index.languages_of(position)
                entry.facts.update(facet_index.entry_facts[position])
    else:
        rows = SchoolPage.objects.filter(path__in=school_paths).values_list(
            "path", "logo_id", *translated_columns("title", "url_path", languages=languages)
        )
        rows = [(path, logo_id, by_language(texts, 2, languages)) for path, logo_id, *texts in rows]
        logos = logo_pictures(logo_id for _path, logo_id, _texts in rows)
        school_pages = {path: (*texts, logos.get(logo_id, "")) for path, logo_id, texts in rows}
        through = ProgrammePage.teaching_languages.through
        for programme_id, code in (
            through.objects.filter(programmepage_id__in=list(by_id))
            .order_by("teachinglanguage__code")
            .values_list("programmepage_id", "teachinglanguage__code")
        ):
            by_id[programme_id].teaching_languages.append(code)
        for fact in ENTRY_LIST_FACTS:
            for entry in by_id.values():
                entry.facts[fact.key] = []
            rows = ProgrammePage.objects.filter(pk__in=list(by_id))
            if fact.condition is not None:
                rows = rows.filter(fact.condition)
            for pk, value in rows.order_by().values_list("pk", fact.column):
                if value not in (None, ""):
                    by_id[pk].facts[fact.key].append(value)
            for entry in by_id.values():
                entry.facts[fact.key].sort()
    schools = {}
    for path, (titles, url_paths, logo_html) in ((p, v) for p, v in school_pages.items() if v is not None):
        title, title_language = _in_language(titles, language)
        schools[path] = SchoolEntry(
            title=title, url=page_url(url_paths), title_language=title_language, logo_html=logo_html
        )
    for entry in by_id.values():
        entry.school = schools.get(entry.school_path)
    return by_id
