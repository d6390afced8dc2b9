"""The Elasticsearch engine: answers the catalogue and the site search from
the indexes described in ``search.engines.elasticsearch_documents``, and keeps
them in step with publishing. A page of results is then read from the
database like the database engine does (``search.entries``)."""

import logging

from django.conf import settings

from wagtail.models import Page

from elasticsearch.dsl import connections
from elasticsearch.dsl.faceted_search import FacetedResponse
from elasticsearch.helpers import bulk
from modeltranslation.utils import build_localized_fieldname

from programmes.models import ProgrammePage

from ..entries import load_entries
from ..indexing import MODEL_OF_KIND, page_texts, read_facts, searchable_page_ids, split_searchable
from ..lexicon import current_lexicon
from ..results import CatalogueResults, facet_results
from ..text import query_terms
from .base import SITE_SEARCH_KINDS, SITE_SEARCH_LABELS, SearchEngine, SiteSearchGroup, SiteSearchResults
from .elasticsearch_documents import (
    PageDocument,
    ProgrammeDocument,
    ProgrammeFacetedSearch,
    index_body,
    index_name,
    page_document,
    pages_index_name,
    programme_document,
    site_search,
    suggest_search,
)

logger = logging.getLogger(__name__)

BATCH_SIZE = 200


def connect():
    """The default elasticsearch-dsl connection, made once from ELASTICSEARCH_URL."""
    try:
        return connections.get_connection()
    except KeyError:
        return connections.create_connection(hosts=[settings.ELASTICSEARCH_URL], request_timeout=10)


def build_search(query, language):
    """The faceted search for a checked ``CatalogueQuery`` (no server needed)."""
    start = (query.page - 1) * query.per_page
    faceted = ProgrammeFacetedSearch(
        text=query.text, terms=query.terms, filters=query.filters, sort=query.sort, language=language
    )
    return faceted[start : start + query.per_page]


def parse_response(faceted, raw):
    """``(ids, total, counts)`` from a response body (a dict), as returned by
    Elasticsearch for ``faceted``; used by ``search`` and by the tests."""
    response = FacetedResponse(faceted._s, raw)
    response._faceted_search = faceted
    return _read_response(response)


def _read_response(response):
    ids = [int(hit.meta.id) for hit in response.hits]
    total = response.hits.total.value if hasattr(response.hits.total, "value") else int(response.hits.total)
    counts = {key: {str(value): count for value, count, _selected in values} for key, values in response.facets.items()}
    return ids, total, counts


def documents(pages):
    """``(programme documents, page documents)`` of live, public pages, with
    the facts of all the programmes read in a few queries."""
    texts = page_texts(pages)
    programmes = {page.pk: page for page in pages if isinstance(page, ProgrammePage)}
    facts = read_facts(ProgrammePage.objects.filter(pk__in=list(programmes))) if programmes else {}
    programme_documents = [
        programme_document(programmes[text.page_id], facts.get(text.page_id, {}), f"{text.title} {text.body}")
        for text in texts
        if text.page_id in programmes
    ]
    return programme_documents, [page_document(text) for text in texts]


class ElasticsearchEngine(SearchEngine):
    """Answers searches from Elasticsearch (``ELASTICSEARCH_URL``)."""

    name = "elasticsearch"
    external = True

    def search(self, query, language):
        connect()
        ids, total, counts = _read_response(build_search(query, language).execute())
        last_page = max(1, -(-total // query.per_page))
        if query.page > last_page and total:
            query.page = last_page
            ids, total, counts = _read_response(build_search(query, language).execute())
        return CatalogueResults(
            query=query,
            programmes=load_entries(ids, language),
            total=total,
            facets=facet_results(counts, query),
            engine=self.name,
        )

    def search_site(self, text, language, limit=10, as_typed=False):
        connect()
        terms = query_terms(text)
        groups = []
        for kind in SITE_SEARCH_KINDS:
            response = site_search(terms, kind)[:limit].execute()
            ids = [int(hit.meta.id) for hit in response.hits]
            by_id = MODEL_OF_KIND[kind].objects.live().public().in_bulk(ids)
            total = response.hits.total.value if hasattr(response.hits.total, "value") else len(ids)
            pages = [by_id[page_id] for page_id in ids if page_id in by_id]
            groups.append(SiteSearchGroup(kind=kind, label=str(SITE_SEARCH_LABELS[kind]), pages=pages, total=total))
        return SiteSearchResults(groups=groups, highlight_terms=terms)

    def suggest(self, prefix, language, limit=8):
        if not prefix.strip():
            return []
        connect()
        field = build_localized_fieldname("title", language)
        response = suggest_search(prefix, language)[:limit].execute()
        return [getattr(hit, field, "") for hit in response.hits if getattr(hit, field, "")]

    def index(self, pages):
        client = connect()
        searchable, others = split_searchable(pages)
        self.remove(others)
        programme_documents, page_documents = documents(searchable)
        actions = [
            {**document.to_dict(include_meta=True, skip_empty=False), "_index": name}
            for documents_of_index, name in ((programme_documents, index_name()), (page_documents, pages_index_name()))
            for document in documents_of_index
        ]
        if actions:
            bulk(client, actions)

    def remove(self, page_ids):
        client = connect()
        for page_id in page_ids:
            for name in (index_name(), pages_index_name()):
                client.options(ignore_status=404).delete(index=name, id=page_id)

    def rebuild(self, progress=None):
        connect()
        rules = current_lexicon().synonym_rules()
        for document, name in ((ProgrammeDocument, index_name()), (PageDocument, pages_index_name())):
            index = document._index.clone(name)
            if index.exists():
                index.delete()
            connections.get_connection().indices.create(index=name, **index_body(document, name, rules))
        ids = searchable_page_ids()
        total = len(ids)
        for start in range(0, total, BATCH_SIZE):
            self.index(Page.objects.filter(pk__in=ids[start : start + BATCH_SIZE]).specific())
            if progress:
                progress(min(start + BATCH_SIZE, total), total)
        for name in (index_name(), pages_index_name()):
            connections.get_connection().indices.refresh(index=name)
        return total
