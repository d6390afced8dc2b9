"""The Elasticsearch engine: answers catalogue searches from the index built
by ``search.documents``, and keeps that index in step with publishing."""

import logging

from django.conf import settings

from elasticsearch.dsl import connections
from elasticsearch.dsl.faceted_search import FacetedResponse

from partners.models import ProgrammePartner
from programmes.models import BatchSelection, ProgrammePage, SchoolPage, SelectionStatus

from .database_engine import DatabaseEngine
from .documents import ProgrammeDocument, ProgrammeFacetedSearch, index_name, programme_document
from .entries import load_entries
from .results import CatalogueResults
from .text import query_terms

logger = logging.getLogger(__name__)


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
        text=query.text, terms=query_terms(query.text), filters=query.filters, sort=query.sort, language=language
    )
    return faceted[start : start + query.per_page]


def parse_response(faceted, raw):
    """``(ids, total, counts)`` from a response body (a dict), as returned by
    Elasticsearch for ``faceted``; used by ``execute`` and by the tests."""
    response = FacetedResponse(faceted._s, raw)
    response._faceted_search = faceted
    return _read_response(response)


def _read_response(response):
    ids = [int(hit.meta.id) for hit in response.hits]
    total = response.hits.total.value if hasattr(response.hits.total, "value") else int(response.hits.total)
    counts = {key: {str(value): count for value, count, _selected in values} for key, values in response.facets.items()}
    return ids, total, counts


class ElasticsearchEngine:
    """Answers catalogue searches from Elasticsearch; the page's programmes
    are then read from the database like the database engine does."""

    name = "elasticsearch"

    def search(self, query, language):
        connect()
        faceted = build_search(query, language)
        ids, total, counts = _read_response(faceted.execute())
        last_page = max(1, -(-total // query.per_page))
        if query.page > last_page and total:
            query.page = last_page
            ids, total, counts = _read_response(build_search(query, language).execute())
        programmes = load_entries(ids, language)
        facets = DatabaseEngine.build_facets(counts, query)
        return CatalogueResults(query=query, programmes=programmes, total=total, facets=facets, engine=self.name)


def _documents(programmes):
    """Documents for programmes, with schools, batches and partner countries
    read in three queries per batch."""
    programmes = list(programmes)
    parent_paths = {p.path[: -ProgrammePage.steplen] for p in programmes}
    schools = {s.path: s for s in SchoolPage.objects.filter(path__in=parent_paths).select_related("province")}
    batches = dict(
        BatchSelection.objects.filter(school__in=schools.values(), status=SelectionStatus.SELECTED).values_list(
            "school_id", "batch__number"
        )
    )
    partner_countries = {}
    for programme_id, country in ProgrammePartner.objects.filter(
        programme__in=programmes, partner__live=True
    ).values_list("programme_id", "partner__country"):
        partner_countries.setdefault(programme_id, []).append(country)
    for programme in programmes:
        school = schools.get(programme.path[: -ProgrammePage.steplen])
        yield programme_document(
            programme,
            school=school,
            batch=batches.get(school.pk) if school else None,
            partner_countries=partner_countries.get(programme.pk, ()),
        )


def live_programmes():
    return ProgrammePage.objects.live().public().select_related("field_of_study").prefetch_related("teaching_languages")


def rebuild(progress=None, batch_size=200):
    """Recreate the index from the database; ``progress(done, total)`` is
    called after each batch. Returns the number of documents indexed."""
    from elasticsearch.helpers import bulk

    client = connect()
    ProgrammeDocument._index._name = index_name()
    if ProgrammeDocument._index.exists():
        ProgrammeDocument._index.delete()
    ProgrammeDocument.init(index=index_name())
    queryset = live_programmes().order_by("pk")
    total = queryset.count()
    done = 0
    for start in range(0, total, batch_size):
        chunk = list(queryset[start : start + batch_size])
        bulk(client, (doc.to_dict(include_meta=True, skip_empty=False) for doc in _documents(chunk)))
        done += len(chunk)
        if progress:
            progress(done, total)
    ProgrammeDocument._index.refresh()
    return done


def sync_page(action, page):
    """Bring the index in step with one page event: a programme is indexed or
    removed; a school or partner reindexes the programmes that show its data."""
    client = connect()
    page = page.specific
    if isinstance(page, ProgrammePage):
        programmes = [page]
    elif isinstance(page, SchoolPage):
        programmes = list(ProgrammePage.objects.descendant_of(page))
    elif page.__class__.__name__ == "PartnerPage":
        programmes = list(ProgrammePage.objects.filter(partner_links__partner=page).distinct())
    else:
        return
    live_ids = set(live_programmes().filter(pk__in=[p.pk for p in programmes]).values_list("pk", flat=True))
    for programme in programmes:
        if action == "index" and programme.pk in live_ids:
            for document in _documents([programme]):
                document.save(index=index_name())
        else:
            client.options(ignore_status=404).delete(index=index_name(), id=programme.pk)
