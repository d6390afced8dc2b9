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
    text = " ".join(terms)
    for kind, model in SITE_SEARCH_KINDS:
        matches = model.objects.search(text, operator="and").get_queryset()
        queryset = model.objects.live().public().filter(pk__in=matches.order_by().values("pk"))
        total = queryset.count()
        pages = list(matches.filter(pk__in=queryset.values("pk"))[:limit]) if total else []
        groups.append(SiteSearchGroup(kind=kind, label=str(model._meta.verbose_name_plural), pages=pages, total=total))
    return terms, groups
