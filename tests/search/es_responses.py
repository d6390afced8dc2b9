"""Aggregations shaped as Elasticsearch answers the catalogue's request, for
the tests that read a recorded response without a server."""

from programmes.facts import FACETS
from search.engines.elasticsearch_documents import QUERY_TIME_FACETS


def empty_aggregations(doc_count):
    """Every facet's aggregation with no values: a terms aggregation's empty
    buckets, or a query-time facet's filter aggregation counting none."""
    return {
        f"_filter_{facet.key}": {
            "doc_count": doc_count,
            facet.key: {"doc_count": 0} if facet.key in QUERY_TIME_FACETS else {"buckets": []},
        }
        for facet in FACETS
    }
