"""The search engines and the one place that chooses between them: the
database engine by default, Elasticsearch when ``ELASTICSEARCH_URL`` is set."""

from django.conf import settings

from .base import SearchEngine, SiteSearchGroup
from .database import DatabaseEngine
from .elasticsearch import ElasticsearchEngine

__all__ = ["SearchEngine", "SiteSearchGroup", "get_engine", "elasticsearch_enabled"]


def elasticsearch_enabled():
    return bool(settings.ELASTICSEARCH_URL)


def get_engine():
    """The engine that answers searches and keeps the index in this deployment."""
    return ElasticsearchEngine() if elasticsearch_enabled() else DatabaseEngine()
