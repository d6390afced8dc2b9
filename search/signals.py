"""Keeping search in step with publishing.

- The catalogue's page cache (``search.page_cache``) is invalidated whenever a
  page is published, unpublished, moved or deleted, so that a new programme
  shows at once.
- When ``ELASTICSEARCH_URL`` is set, the Elasticsearch index follows the same
  events. A failure to reach Elasticsearch is logged and never stops an editor
  from publishing; ``manage.py catalogue_index rebuild`` repairs the index.
"""

import logging

from django.db.models.signals import post_delete

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .page_cache import invalidate_catalogue_cache
from .service import elasticsearch_enabled

logger = logging.getLogger(__name__)


def _sync_elasticsearch(action, page):
    if not elasticsearch_enabled():
        return
    try:
        from . import elasticsearch_engine

        elasticsearch_engine.sync_page(action, page)
    except Exception:  # noqa: BLE001 - publishing must never fail because the index is down
        logger.exception("Could not update the Elasticsearch index for page %s", getattr(page, "pk", None))


def on_page_published(sender, instance, **kwargs):
    invalidate_catalogue_cache()
    _sync_elasticsearch("index", instance)


def on_page_unpublished(sender, instance, **kwargs):
    invalidate_catalogue_cache()
    _sync_elasticsearch("remove", instance)


def on_page_moved(sender, instance, **kwargs):
    invalidate_catalogue_cache()
    _sync_elasticsearch("index", instance)


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate_catalogue_cache()
        _sync_elasticsearch("remove", instance)


def connect():
    page_published.connect(on_page_published, dispatch_uid="search.page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search.page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search.page_moved")
    post_delete.connect(on_page_deleted, dispatch_uid="search.page_deleted")
