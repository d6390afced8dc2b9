"""The Elasticsearch engine: answers the catalogue and the site search from
the indexes described in ``search.engines.elasticsearch_documents``, and keeps
them in step with publishing. A page of results is then read from the
database like the database engine does (``search.entries``)."""

import logging
from dataclasses import replace

from django.conf import settings

from wagtail.models import Page

from elasticsearch.dsl import connections
from elasticsearch.dsl.faceted_search import FacetedResponse
from elasticsearch.helpers import bulk
from modeltranslation.utils import build_localized_fieldname

from programmes.models import ProgrammePage

from ..analysis import forms
from ..entries import load_entries
from ..indexing import MODEL_OF_KIND, page_texts, read_facts, searchable_page_ids, split_searchable
from ..lexicon import current_lexicon
from ..results import CatalogueResults, facet_results
from ..text import query_terms
from .base import (
    SITE_SEARCH_KINDS,
    SITE_SEARCH_LABELS,
    SearchEngine,
    SiteSearchGroup,
    SiteSearchResults,
    live_public_pages,
)
from .elasticsearch_documents import (
    EVERY_WORD,
    SPELLING,
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
    with_spelling_suggestion,
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
        text=query.text,
        terms=query.terms,
        filters=query.filters,
        sort=query.sort,
        language=language,
        as_typed=query.as_typed,
    )
    return _with_spelling(faceted[start : start + query.per_page], query)


# --- spelling corrections and partial matches ---------------------------------------


def _with_spelling(faceted, query):
    """The faceted search asking for spelling suggestions too, unless the
    words are to be searched as typed."""
    if not query.as_typed:
        faceted._s = with_spelling_suggestion(faceted._s, query.terms)
    return faceted


def spelling_correction(response, terms):
    """``terms`` (normal form) with each word the suggester found no page
    holding replaced by its best suggestion, joined; "" when none was
    replaced. A suggestion that is a form of the word itself (drone for
    drones: the index holds the word's stem) is no correction."""
    suggest = getattr(response, "suggest", None)
    if not suggest or SPELLING not in suggest:
        return ""
    corrected = {}
    for entry in suggest[SPELLING]:
        for option in entry.options:
            if not set(forms(option.text)).intersection(forms(entry.text)):
                corrected[entry.text] = option.text
                break
    if not corrected:
        return ""
    return " ".join(corrected.get(term, term) for term in terms)


def partial_ids(response):
    """The ids of the hits that matched no clause asking for every word."""
    partial = set()
    for hit in response.hits:
        names = hit.meta.matched_queries if "matched_queries" in hit.meta else ()
        if EVERY_WORD not in names:
            partial.add(int(hit.meta.id))
    return frozenset(partial)


def _execute_corrected(query, language):
    """``(response, query asked, corrected text)``: the catalogue search of
    ``query`` or, when a word no page holds was corrected by the suggester,
    of the corrected words (as typed, so no second correction)."""
    response = build_search(query, language).execute()
    corrected = "" if query.as_typed else spelling_correction(response, query.terms)
    if not corrected:
        return response, query, ""
    asked = replace(query, text=corrected, as_typed=True)
    return build_search(asked, language).execute(), asked, corrected


def text_details(response, asked, corrected):
    """What catalogue results say of the words matched on Elasticsearch, as
    on the database engine: the correction made, the partial matches and
    (for a correction) the corrected words to highlight."""
    if not asked.terms:
        return {}
    details = {"corrected_text": corrected, "partial_ids": partial_ids(response)}
    if corrected:
        details["highlight_terms"] = asked.terms
    return details


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


def _site_groups(terms, limit):
    groups = []
    for kind in SITE_SEARCH_KINDS:
        response = site_search(terms, kind)[:limit].execute()
        ids = [int(hit.meta.id) for hit in response.hits]
        by_id = live_public_pages(MODEL_OF_KIND[kind], ids)
        total = response.hits.total.value if hasattr(response.hits.total, "value") else len(ids)
        pages = [by_id[page_id] for page_id in ids if page_id in by_id]
        groups.append(
            SiteSearchGroup(
                kind=kind,
                label=str(SITE_SEARCH_LABELS[kind]),
                pages=pages,
                total=total,
                partial=set(partial_ids(response)),
            )
        )
    return groups


def site_spelling_search(terms):
    """A request for spelling suggestions only, from the pages' texts: asked
    when the site search found nothing (so a word no text holds is the cause)."""
    return with_spelling_suggestion(PageDocument.search(index=pages_index_name()), terms, field="body")[:0]


def _site_spelling(terms):
    return spelling_correction(site_spelling_search(terms).execute(), terms)


class ElasticsearchEngine(SearchEngine):
    """Answers searches from Elasticsearch (``ELASTICSEARCH_URL``)."""

    name = "elasticsearch"
    external = True

    def search(self, query, language):
        connect()
        response, asked, corrected = _execute_corrected(query, language)
        ids, total, counts = _read_response(response)
        last_page = max(1, -(-total // query.per_page))
        if query.page > last_page and total:
            query.page = asked.page = last_page
            response = build_search(asked, language).execute()
            ids, total, counts = _read_response(response)
        return CatalogueResults(
            query=query,
            programmes=load_entries(ids, language),
            total=total,
            facets=facet_results(counts, query),
            engine=self.name,
            **text_details(response, asked, corrected),
        )

    def search_site(self, text, language, limit=10, as_typed=False):
        connect()
        terms = query_terms(text)
        groups = _site_groups(terms, limit)
        corrected = ""
        if terms and not as_typed and not any(group.total for group in groups):
            corrected = _site_spelling(terms)
            if corrected:
                terms = corrected.split()
                groups = _site_groups(terms, limit)
        return SiteSearchResults(groups=groups, highlight_terms=terms, corrected_text=corrected)

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
