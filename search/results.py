"""What a catalogue search returns, whichever engine answered."""

import math
from dataclasses import dataclass, field

from programmes.facts import FACETS, facet_labels


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

    ``programmes`` are ``search.entries.CatalogueEntry``s, in the reader's language."""

    query: object
    programmes: list
    total: int
    facets: list
    engine: str
    # Words to highlight (the query's, with their forms and synonyms); None: the query's own.
    highlight_terms: list = None
    # The query as corrected for spelling, when a misspelt word was corrected.
    corrected_text: str = ""
    # Programmes of this page holding all but one of the words.
    partial_ids: frozenset = frozenset()

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

    def facet(self, key):
        return next((facet for facet in self.facets if facet.key == key), None)


def facet_results(counts, query, labels=None):
    """``FacetResult``s in the order of ``programmes.facts.FACETS`` from
    ``{key: {value: count}}``; a selected value stays listed even when its
    count falls to zero, so that it can be removed. A facet that is not
    ``listed`` has its chosen values only. ``labels`` are looked up when not
    given."""
    values_by_key = {
        facet.key: (set(counts.get(facet.key, {})) if facet.listed else set()) | set(query.filters.get(facet.key, []))
        for facet in FACETS
    }
    if labels is None:
        labels = facet_labels(values_by_key)
    facets = []
    for facet in FACETS:
        selected = set(query.filters.get(facet.key, []))
        values = [
            FacetValue(
                value=value,
                label=labels[facet.key].get(value, value),
                count=counts.get(facet.key, {}).get(value, 0),
                selected=value in selected,
            )
            for value in values_by_key[facet.key]
        ]
        values.sort(key=lambda item: (-item.count, str(item.label)))
        facets.append(FacetResult(key=facet.key, label=str(facet.label), values=values))
    return facets
