"""The catalogue's parameters: what a visitor (or an API client) may ask for,
read from a query string and checked. The same parameters drive the catalogue
page, its JSON API and both engines."""

import functools
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from programmes.facts import FACETS, FACETS_BY_KEY

from .text import query_terms

SORTS = {
    "relevance": _("Relevance"),
    "newest": _("Newest"),
    "name": _("Name"),
}
# Fifteen cards a page: enough to scan, and the page stays under 60 KB of HTML
# in every language (twenty Russian or Arabic cards with all filters passed it).
PER_PAGE = 15
MAX_PAGE = 10_000
MAX_VALUES_PER_FACET = 50


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
    # Search the words as typed, without correcting their spelling.
    as_typed: bool = False
    # The facet whose every value the page lists (``more=<key>``); the others
    # list their most frequent values and a link to this. One at a time, so
    # that the page stays light. Only the page uses it.
    expanded: str = ""

    @functools.cached_property
    def terms(self):
        """The words of the text query in the index's normal form."""
        return query_terms(self.text)

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
        as_typed = params.get("as_typed", "") == "1"
        # A facet key not known here is ignored: it changes only what the page lists.
        expanded = params.get("more", "") if params.get("more", "") in FACETS_BY_KEY else ""
        return cls(
            text=text,
            filters=filters,
            sort=sort,
            page=page,
            dropped=problems,
            last_facet=last_facet,
            as_typed=as_typed,
            expanded=expanded,
        )

    def querydict_items(self, without=None):
        """``[(key, value)]`` of this request, optionally without one facet value."""
        items = []
        if self.text:
            items.append(("q", self.text))
            if self.as_typed:
                items.append(("as_typed", "1"))
        for facet in FACETS:
            for value in self.filters.get(facet.key, []):
                if without != (facet.key, value):
                    items.append((facet.key, value))
        if self.sort != "relevance":
            items.append(("sort", self.sort))
        if self.expanded:
            items.append(("more", self.expanded))
        return items
