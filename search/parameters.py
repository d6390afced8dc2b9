"""The catalogue's parameters: what a visitor (or an API client) may ask for,
read from a query string and checked. The same parameters drive the catalogue
page, its JSON API and both engines."""

import functools
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from django_countries import countries

from programmes.models import Level, ProgrammeStatus, ProgrammeType, Region

from .continents import CONTINENTS

SORTS = {
    "relevance": _("Relevance"),
    "newest": _("Newest"),
    "name": _("Name"),
}
PER_PAGE = 20
MAX_PAGE = 10_000
MAX_VALUES_PER_FACET = 50


@functools.lru_cache(maxsize=1)
def _country_codes():
    return frozenset(code for code, _name in countries)


def _country(value):
    return value.upper() in _country_codes()


@dataclass(frozen=True)
class Facet:
    """One facet of the catalogue: its query-string key, its heading and how a
    value is checked."""

    key: str
    label: str
    is_valid: object

    def clean(self, value):
        value = value.strip()
        if self.key in ("country", "partner_country"):
            value = value.upper()
        return value if value and len(value) <= 20 and self.is_valid(value) else None


FACETS = [
    Facet("field", _("Field of study"), lambda v: bool(re.fullmatch(r"\d{2}", v))),
    Facet("subfield", _("Narrow field of study"), lambda v: bool(re.fullmatch(r"\d{3}", v))),
    Facet("type", _("Programme type"), lambda v: v in ProgrammeType.values),
    Facet("continent", _("Continent where delivered"), lambda v: v in CONTINENTS),
    Facet("country", _("Country where delivered"), _country),
    Facet("language", _("Language of teaching"), lambda v: bool(re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})?", v))),
    Facet("level", _("Level"), lambda v: v in Level.values),
    Facet("status", _("Status"), lambda v: v in ProgrammeStatus.values),
    Facet("region", _("Region of the school"), lambda v: v in Region.values),
    Facet("province", _("Province of the school"), lambda v: bool(re.fullmatch(r"CN-[A-Z]{2}", v))),
    Facet("batch", _("Batch of the school"), lambda v: v in ("1", "2", "3")),
    Facet("partner_country", _("Country of a partner"), _country),
]
FACETS_BY_KEY = {facet.key: facet for facet in FACETS}


class InvalidParameters(ValueError):
    """The query string asks for something the catalogue does not have; the
    message says what, in the reader's language."""

    def __init__(self, messages):
        self.messages = [str(message) for message in messages]
        super().__init__("; ".join(self.messages))


@dataclass
class CatalogueQuery:
    """A checked catalogue request: text, facet values, sort and page."""

    text: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    # Values that were not understood and dropped (shown to the reader).
    dropped: list = field(default_factory=list)
    # The facet key chosen last, in query-string order (what "remove the last
    # filter" removes when nothing matches).
    last_facet: tuple = ()

    @classmethod
    def from_querydict(cls, params, strict=False):
        """Read a QueryDict. With ``strict`` (the API), anything not understood
        raises ``InvalidParameters``; otherwise it is dropped and reported."""
        problems = []
        text = params.get("q", "") or ""
        if len(text) > 10_000:
            text = text[:10_000]

        sort = params.get("sort", "") or "relevance"
        if sort not in SORTS:
            problems.append(_("Unknown sort order “%(sort)s”.") % {"sort": sort[:40]})
            sort = "relevance"

        page_value = params.get("page", "") or "1"
        try:
            page = int(page_value)
        except (TypeError, ValueError):
            problems.append(_("The page number must be a whole number."))
            page = 1
        if page < 1 or page > MAX_PAGE:
            problems.append(_("The page number must be between 1 and %(max)s.") % {"max": MAX_PAGE})
            page = max(1, min(page, MAX_PAGE))

        filters = {}
        last_facet = ()
        for key in params.keys():
            facet = FACETS_BY_KEY.get(key)
            if facet is None:
                continue
            values = []
            for raw in params.getlist(key)[: MAX_VALUES_PER_FACET + 1]:
                value = facet.clean(raw or "")
                if value is None:
                    problems.append(
                        _("“%(value)s” is not a known value for %(facet)s.")
                        % {"value": (raw or "")[:40], "facet": facet.label}
                    )
                elif value not in values:
                    values.append(value)
            if len(values) > MAX_VALUES_PER_FACET:
                problems.append(_("Too many values for %(facet)s.") % {"facet": facet.label})
                values = values[:MAX_VALUES_PER_FACET]
            if values:
                filters[key] = values
                last_facet = (key, values[-1])

        if strict and problems:
            raise InvalidParameters(problems)
        return cls(text=text, filters=filters, sort=sort, page=page, dropped=problems, last_facet=last_facet)

    def querydict_items(self, without=None):
        """``[(key, value)]`` of this request, optionally without one facet value."""
        items = []
        if self.text:
            items.append(("q", self.text))
        for facet in FACETS:
            for value in self.filters.get(facet.key, []):
                if without != (facet.key, value):
                    items.append((facet.key, value))
        if self.sort != "relevance":
            items.append(("sort", self.sort))
        return items
