"""Keeping search in step with publishing.

- The catalogue's version (``search.page_cache``) changes whenever a page is
  published, unpublished, moved, saved or deleted, and whenever a row that a
  facet shows is saved or deleted (batch selections, programme partners,
  teaching languages, view restrictions, reference data): cached pages and
  every process's facet index (``search.facet_index``) are then out of date,
  so that a new programme shows at once.
- When ``ELASTICSEARCH_URL`` is set, the Elasticsearch index follows the same
  events. A failure to reach Elasticsearch is logged and never stops an editor
  from publishing; ``manage.py catalogue_index rebuild`` repairs the index.
"""

import logging

from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import Page, PageViewRestriction
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


def on_catalogue_row_changed(sender, **kwargs):
    invalidate_catalogue_cache()


def on_any_save(sender, instance, **kwargs):
    # Pages saved without publishing (drafts, imports, factories, moves of the
    # tree) can change what is live or where a programme sits.
    if isinstance(instance, Page):
        invalidate_catalogue_cache()


def connect():
    from partners.models import ProgrammePartner
    from programmes.models import Batch, BatchSelection, FieldOfStudy, ProgrammePage, Province, TeachingLanguage

    post_save.connect(on_any_save, dispatch_uid="search.page_saved")
    for model in (
        Batch,
        BatchSelection,
        FieldOfStudy,
        Province,
        TeachingLanguage,
        ProgrammePartner,
        PageViewRestriction,
    ):
        uid = f"search.{model._meta.label_lower}"
        post_save.connect(on_catalogue_row_changed, sender=model, dispatch_uid=f"{uid}.saved")
        post_delete.connect(on_catalogue_row_changed, sender=model, dispatch_uid=f"{uid}.deleted")
    m2m_changed.connect(
        on_catalogue_row_changed,
        sender=ProgrammePage.teaching_languages.through,
        dispatch_uid="search.programme_languages",
    )
    page_published.connect(on_page_published, dispatch_uid="search.page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search.page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search.page_moved")
    post_delete.connect(on_page_deleted, dispatch_uid="search.page_deleted")
