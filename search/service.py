"""The one door to search: views and the API call these functions and never
know which engine answers (``search.engines.get_engine``)."""

from django.conf import settings
from django.utils import translation

from .engines import get_engine
from .parameters import CatalogueQuery
from .text import query_terms


def _language(language):
    return language or translation.get_language() or settings.LANGUAGE_CODE


def search_catalogue(query_text="", filters=None, sort="relevance", page=1, language=None, query=None):
    """Programmes matching ``query_text`` and ``filters`` (``{facet: [values]}``),
    sorted (relevance, newest, name) and paged, with facet counts.

    Pass either the parts or a checked ``CatalogueQuery`` as ``query``."""
    if query is None:
        query = CatalogueQuery(text=query_text or "", filters=dict(filters or {}), sort=sort, page=max(1, int(page)))
    return get_engine().search(query, _language(language))


def search_site(query_text, language=None, limit=10, as_typed=False):
    """Schools, programmes and partners matching ``query_text``, grouped by
    kind, at most ``limit`` of each: ``SiteSearchResults``, or None when the
    text holds no word."""
    if not query_terms(query_text):
        return None
    return get_engine().search_site(query_text, _language(language), limit, as_typed=as_typed)


def suggest(prefix, language=None, limit=8):
    """Programme titles that start with ``prefix`` (or have a word that does)."""
    return get_engine().suggest(str(prefix)[:100], _language(language), limit)


def relevance_score_limit():
    """How many matches at most this deployment orders by their score (more
    are ordered by title matches, then newest); None when there is no limit."""
    return get_engine().score_limit()


def partial_matches_below():
    """Below how many full matches partial matches (all words but one) follow
    them; None when this deployment's engine does not add them."""
    return get_engine().partial_matches_below()
