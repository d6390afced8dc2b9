"""The one door to search: views and the API call these functions and never
know which engine answers (the database by default, Elasticsearch when
``ELASTICSEARCH_URL`` is set)."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from partners.models import PartnerPage
from programmes.models import ProgrammePage, SchoolPage

from .parameters import CatalogueQuery
from .text import query_terms


def elasticsearch_enabled():
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def catalogue_engine():
    """The engine that answers catalogue searches in this deployment."""
    if elasticsearch_enabled():
        from .elasticsearch_engine import ElasticsearchEngine

        return ElasticsearchEngine()
    from .database_engine import DatabaseEngine

    return DatabaseEngine()


def relevance_score_limit():
    """How many matches at most this deployment orders by their score (more
    are ordered by title matches, then newest); None when there is no limit."""
    return getattr(catalogue_engine(), "score_limit", lambda: None)()


def search_catalogue(query_text="", filters=None, sort="relevance", page=1, language=None, query=None):
    """Programmes matching ``query_text`` and ``filters`` (``{facet: [values]}``),
    sorted (relevance, newest, name) and paged, with facet counts.

    Pass either the parts or a checked ``CatalogueQuery`` as ``query``."""
    if query is None:
        query = CatalogueQuery(text=query_text or "", filters=dict(filters or {}), sort=sort, page=max(1, int(page)))
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return catalogue_engine().search(query, language)


@dataclass
class SiteSearchGroup:
    """The matches of one kind of page (schools, programmes or partners)."""

    kind: str
    label: str
    pages: list
    total: int


SITE_SEARCH_KINDS = [
    ("schools", SchoolPage),
    ("programmes", ProgrammePage),
    ("partners", PartnerPage),
]


def search_site(query_text, limit=10):
    """Schools, programmes and partners matching ``query_text``, grouped by
    kind, at most ``limit`` of each. Returns ``(terms, groups)``."""
    terms = query_terms(query_text)
    groups = []
    if not terms:
        return terms, groups
    from .database_engine import text_matches

    for kind, model in SITE_SEARCH_KINDS:
        ids, _fuzzy = text_matches(model, terms)
        found = _published_in_order(model, ids)
        by_id = model.objects.in_bulk(found[:limit])
        pages = [by_id[pk] for pk in found[:limit] if pk in by_id]
        groups.append(
            SiteSearchGroup(kind=kind, label=str(model._meta.verbose_name_plural), pages=pages, total=len(found))
        )
    return terms, groups


# Ids per query when checking which matches are published: well below
# SQLite's limit of bound parameters.
ID_CHUNK = 5000


def _published_in_order(model, ids):
    """The ids among ``ids`` of live, public pages, in the same order."""
    published = set()
    for start in range(0, len(ids), ID_CHUNK):
        chunk = ids[start : start + ID_CHUNK]
        published.update(model.objects.live().public().filter(pk__in=chunk).values_list("pk", flat=True))
    return [pk for pk in ids if pk in published]
