"""The facts of a published programme that the catalogue filters by and shows,
declared once.

``FACTS`` says where each fact's values come from: a column of the programme,
or of its school, or rows of a related table (several values). ``FACETS`` says
which facts a reader can filter by, under which query-string key, how a value
from a request is checked, how each value reads in the reader's language and
which Elasticsearch field holds it.

The facet index, the result entries, the JSON API and both search engines read
these tables by name. Adding a facet or a fact touches this module, the model
(a column or a relation) and a translation of its label, nothing else.
"""

import functools
import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from django_countries import countries

from .continents import CONTINENTS, continent_of
from .models import (
    FILTERED_RECOGNITION_KINDS,
    Batch,
    FeeKind,
    FieldOfStudy,
    Level,
    ProgrammeStatus,
    ProgrammeType,
    Province,
    Region,
    SelectionStatus,
    TeachingLanguage,
    add_months,
    first_of_month,
)

PROGRAMME = "programme"
SCHOOL = "school"
# The paths of a programme's co-operating schools (an ORM lookup on
# ``ProgrammePage``); its lead school is its parent page.
SCHOOL_PATHS = "cooperating_schools__school__path"


@dataclass(frozen=True)
class Fact:
    """One fact of a programme.

    ``column`` is an ORM lookup on ``ProgrammePage`` (``of=PROGRAMME``) or on
    the programme's schools (``of=SCHOOL``): its lead school (the parent page)
    and each co-operating school (``SCHOOL_PATHS``), so that a programme run by
    three schools counts for each of the three. A fact with ``many`` has several
    values (read as one row per value); ``condition`` keeps only the related
    rows that count (a live partner, a selection that stands). A fact
    ``on_entry`` with several values is on each result entry too (the facet
    index holds its values, so that showing it costs no query); a programme's
    own single-valued facts always are."""

    key: str
    label: str
    column: str
    of: str = PROGRAMME
    many: bool = False
    condition: Q | None = None
    on_entry: bool = False

    @property
    def in_main_row(self):
        """Read with the programme's (or school's) own row, not by a query of its own."""
        return not self.many and self.condition is None


FACTS = [
    Fact("programme_type", _("Type"), "programme_type"),
    Fact("level", _("Level"), "level"),
    Fact("status", _("Status"), "status"),
    Fact("delivery_country", _("Country where delivered"), "delivery_country"),
    Fact("field_of_study", _("Field of study"), "fields_of_study__code", many=True, on_entry=True),
    Fact("teaching_languages", _("Languages of teaching"), "teaching_languages__code", many=True),
    Fact(
        "partner_countries",
        _("Country of a partner"),
        "partner_links__partner__country",
        many=True,
        # Foreign partners only: a Chinese enterprise is a partner, not a partner country.
        condition=Q(partner_links__partner__live=True, partner_links__partner__is_foreign=True),
    ),
    Fact("duration_number", _("Duration"), "duration_number"),
    Fact("duration_unit", _("Unit of the duration"), "duration_unit"),
    Fact("duration_days", _("Duration in days"), "duration_days"),
    Fact("capacity", _("Places per intake"), "capacity"),
    Fact("fee_kind", _("Fees"), "fee_kind"),
    Fact("fee_amount", _("Amount of the fees"), "fee_amount"),
    Fact("fee_currency", _("Currency of the fees"), "fee_currency"),
    Fact("fee_period", _("Period of the fees"), "fee_period"),
    Fact("start_dates", _("Start dates"), "intakes__starts_on", many=True, on_entry=True),
    Fact("school_province", _("Province of the school"), "province__code", of=SCHOOL),
    Fact("school_region", _("Region of the school"), "province__region", of=SCHOOL),
    Fact(
        "school_batch",
        _("Batch of the school"),
        "batch_selections__batch__number",
        of=SCHOOL,
        condition=Q(batch_selections__status=SelectionStatus.SELECTED),
    ),
    Fact(
        "recognition",
        _("Recognition of the school"),
        "recognitions__kind",
        of=SCHOOL,
        many=True,
        # The kinds readers filter by: another recognition is each school's own.
        condition=Q(recognitions__kind__in=[kind for kind, _label in FILTERED_RECOGNITION_KINDS]),
    ),
]
FACTS_BY_KEY = {fact.key: fact for fact in FACTS}


# --- How a facet's values read ----------------------------------------------------
# Each takes the values to name and returns ``{value: label}`` in the active
# language, in at most one query whatever the number of values.


def choice_labels(choices):
    def labels(values):
        names = dict(choices)
        return {value: str(names[value]) for value in values if value in names}

    return labels


def field_of_study_labels(values):
    return {field.code: field.name or field.code for field in FieldOfStudy.objects.filter(code__in=list(values))}


def province_labels(values):
    return {province.code: province.name for province in Province.objects.filter(code__in=list(values))}


def batch_labels(values):
    numbers = [int(value) for value in values if str(value).isdigit()]
    return {str(batch.number): batch.name for batch in Batch.objects.filter(number__in=numbers)}


def country_labels(values):
    return {value: str(countries.name(value) or value) for value in values}


def language_labels(values):
    return {value: TeachingLanguage(code=value).name for value in values}


# --- How a value from a request is checked ----------------------------------------


def pattern(regex):
    compiled = re.compile(regex)
    return lambda value: bool(compiled.fullmatch(value))


def one_of(choices):
    """Values among ``choices``: (value, label) pairs, or values."""
    allowed = frozenset(choice[0] if isinstance(choice, tuple) else choice for choice in choices)
    return lambda value: value in allowed


@functools.lru_cache(maxsize=1)
def _country_codes():
    return frozenset(code for code, _name in countries)


def is_country(value):
    return value in _country_codes()


def starts_soon_window(today=None):
    """``(first day, day after the last)`` of the start dates that count as
    "starts within 6 months": this month (a start date is the first of its
    month) and the next six. Both engines ask this, so that they agree."""
    today = today or timezone.localdate()
    return first_of_month(today), add_months(today, 7)


def starts_soon(day):
    """``"6-months"`` when a start date (an ISO date) falls in this month or the
    next six: read when the facet index is built, which is at least every
    five minutes (``search.facet_index.MAX_AGE``). Elasticsearch asks the same
    window of the indexed dates with each query (``StartsSoonFacet``)."""
    first, after = starts_soon_window()
    return STARTS_SOON if first.isoformat() <= day < after.isoformat() else None


STARTS_SOON = "6-months"
STARTS_SOON_CHOICES = [(STARTS_SOON, _("Starts within 6 months"))]

# Upper bounds in days (``ProgrammePage.duration_days``: a month counts 30, a year 365).
DURATION_BANDS = [
    ("under-1-month", 29, _("Less than a month")),
    ("1-6-months", 180, _("1 to 6 months")),
    ("6-12-months", 365, _("6 to 12 months")),
    ("over-1-year", None, _("More than a year")),
]
DURATION_BAND_CHOICES = [(key, label) for key, _days, label in DURATION_BANDS]


def duration_band(days):
    days = int(days)
    return next(key for key, most, _label in DURATION_BANDS if most is None or days <= most)


def broad_field(code):
    return code[:2] if code and len(code) >= 2 else None


def narrow_field(code):
    return code[:3] if code and len(code) >= 3 else None


@dataclass(frozen=True)
class Facet:
    """A filter of the catalogue over one fact.

    ``key`` is its query-string key (``?country=TH``), its key in the API and
    its Elasticsearch field; ``value_of`` turns the fact's value into the
    facet's (a field of study's broad code, a country's continent);
    ``normalize`` and ``is_valid`` check a value given in a request;
    ``labels`` names values in the reader's language."""

    key: str
    label: str
    fact: str
    is_valid: object
    labels: object
    value_of: object = None
    normalize: object = None

    @property
    def es_field(self):
        return self.key

    def values_of(self, value):
        """The facet's value for a fact's value ("" and None hold no value)."""
        if value in (None, ""):
            return None
        value = str(value)
        return self.value_of(value) if self.value_of else value

    def clean(self, value):
        """A value given in a request, checked; None when it is not one this facet can have."""
        value = value.strip()
        if self.normalize:
            value = self.normalize(value)
        return value if value and len(value) <= 20 and self.is_valid(value) else None


FACETS = [
    Facet("field", _("Field of study"), "field_of_study", pattern(r"\d{2}"), field_of_study_labels, broad_field),
    Facet(
        "subfield", _("Narrow field of study"), "field_of_study", pattern(r"\d{3}"), field_of_study_labels, narrow_field
    ),
    Facet(
        "type",
        _("Programme type"),
        "programme_type",
        one_of(ProgrammeType.choices),
        choice_labels(ProgrammeType.choices),
    ),
    Facet(
        "continent",
        _("Continent where delivered"),
        "delivery_country",
        one_of(CONTINENTS),
        choice_labels(CONTINENTS.items()),
        continent_of,
    ),
    Facet("country", _("Country where delivered"), "delivery_country", is_country, country_labels, normalize=str.upper),
    Facet(
        "language",
        _("Language of teaching"),
        "teaching_languages",
        pattern(r"[a-z]{2,3}(-[a-z0-9]{2,8})?"),
        language_labels,
    ),
    Facet("level", _("Level"), "level", one_of(Level.choices), choice_labels(Level.choices)),
    Facet("status", _("Status"), "status", one_of(ProgrammeStatus.choices), choice_labels(ProgrammeStatus.choices)),
    Facet("fees", _("Fees"), "fee_kind", one_of(FeeKind.choices), choice_labels(FeeKind.choices)),
    Facet(
        "starts",
        _("Next start"),
        "start_dates",
        one_of(STARTS_SOON_CHOICES),
        choice_labels(STARTS_SOON_CHOICES),
        starts_soon,
    ),
    Facet(
        "duration",
        _("Duration"),
        "duration_days",
        one_of(DURATION_BAND_CHOICES),
        choice_labels(DURATION_BAND_CHOICES),
        duration_band,
    ),
    Facet("region", _("Region of the school"), "school_region", one_of(Region.choices), choice_labels(Region.choices)),
    Facet("province", _("Province of the school"), "school_province", pattern(r"CN-[A-Z]{2}"), province_labels),
    Facet("batch", _("Batch of the school"), "school_batch", one_of({"1", "2", "3"}), batch_labels),
    Facet(
        "recognition",
        _("Recognition of the school"),
        "recognition",
        one_of(FILTERED_RECOGNITION_KINDS),
        choice_labels(FILTERED_RECOGNITION_KINDS),
    ),
    Facet(
        "partner_country",
        _("Country of a partner"),
        "partner_countries",
        is_country,
        country_labels,
        normalize=str.upper,
    ),
]
FACETS_BY_KEY = {facet.key: facet for facet in FACETS}


def facet_labels(values_by_key):
    """``{key: {value: label}}`` in the active language for the values of each
    facet; a value with no name reads as itself."""
    labels = {}
    for key, values in values_by_key.items():
        values = {str(value) for value in values}
        named = FACETS_BY_KEY[key].labels(values) if values else {}
        labels[key] = {value: named.get(value, value) for value in values}
    return labels
