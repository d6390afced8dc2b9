"""What a catalogue search returns, whichever engine answered."""

import math
from dataclasses import dataclass, field


@dataclass
class FacetValue:
    """One value of a facet with the number of programmes it would show."""

    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class FacetResult:
    """A facet's heading and its values, most frequent first."""

    key: str
    label: str
    values: list = field(default_factory=list)


@dataclass
class CatalogueResults:
    """One page of programmes, the total, the facets and how to page on.

    ``programmes`` are ``ProgrammePage`` objects, each with ``catalogue_school``
    set to its school (loaded in one query for the page)."""

    query: object
    programmes: list
    total: int
    facets: list
    engine: str
    fuzzy: bool = False

    @property
    def page(self):
        return min(self.query.page, self.num_pages)

    @property
    def num_pages(self):
        return max(1, math.ceil(self.total / self.query.per_page))

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.num_pages

    @property
    def start_index(self):
        return 0 if not self.total else (self.page - 1) * self.query.per_page + 1

    @property
    def end_index(self):
        return min(self.total, self.page * self.query.per_page)

    def facet(self, key):
        return next((facet for facet in self.facets if facet.key == key), None)
