"""Keeping search in step with what the public sees, and only with that.

- The search index (through the engine's ``index`` and ``remove``) follows
  publishing, unpublishing, moving and deleting pages, and a page's view
  restrictions and its school's selection and recognitions.
- The public version (``search.page_cache``) changes at the same events
  and when a row that a facet or a public page shows changes (batch selections,
  decisions, programme partners, partnerships, intakes, teaching languages,
  yearly reports, view restrictions, reference data): every cached page (the
  catalogue's and ``portal.middleware.PublicPageCacheMiddleware``'s) and every
  process's facet index are then out of date.

A draft saved, a revision, a workflow step, a lock or a preview changes
nothing the public sees, so none of them touches either: Wagtail saves the
page row then with ``update_fields`` naming only its revision and lock
columns. A page saved in full while live (a publish, or a script) does.

With Elasticsearch, a failure to reach it is logged and never stops an
editor from publishing; ``manage.py catalogue_index rebuild`` repairs the
index.
"""

import logging

from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_unpublished, post_page_move

from partners.models import Partnership, PartnershipEvent, ProgrammePartner
from programmes.models import (
    Batch,
    BatchDecision,
    BatchSelection,
    FieldOfStudy,
    ProgrammeIntake,
    ProgrammePage,
    ProgrammeSchool,
    ProgrammeSource,
    Province,
    SchoolRecognition,
    TeachingLanguage,
    YearlyReport,
)

from .engines import get_engine
from .indexing import pages_to_index
from .models import SynonymGroup
from .page_cache import invalidate_catalogue_cache

logger = logging.getLogger(__name__)

# Columns of the page row that a draft, a revision, a workflow step or a lock
# writes: saving only these changes nothing the public sees.
DRAFT_COLUMNS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "wagtail_admin_comments",
    }
)


def _index(pages):
    engine = get_engine()
    try:
        engine.index(pages)
    except Exception:
        if not engine.external:
            raise
        logger.exception("Could not update the %s index", engine.name)


def _remove(page_ids):
    engine = get_engine()
    try:
        engine.remove(page_ids)
    except Exception:
        if not engine.external:
            raise
        logger.exception("Could not update the %s index", engine.name)


def shows_publicly(update_fields):
    return update_fields is None or not set(update_fields) <= DRAFT_COLUMNS


def on_page_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not isinstance(instance, Page) or not shows_publicly(update_fields):
        return
    if instance.live:
        invalidate_catalogue_cache()
        _index(pages_to_index(instance))
    else:
        # A new draft, or a page just unpublished (page_unpublished follows).
        _remove([instance.pk])


def on_page_unpublished(sender, instance, **kwargs):
    invalidate_catalogue_cache()
    _index(pages_to_index(instance))


def on_page_moved(sender, instance, **kwargs):
    invalidate_catalogue_cache()
    _index(pages_to_index(instance))


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate_catalogue_cache()
        _remove([instance.pk])


def on_view_restriction_changed(sender, instance, **kwargs):
    invalidate_catalogue_cache()
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _index(pages_to_index(page))


def on_selection_changed(sender, instance, **kwargs):
    invalidate_catalogue_cache()
    school = Page.objects.filter(pk=instance.school_id).first()
    if school is not None and school.live:
        _index(pages_to_index(school))


def on_recognition_changed(sender, instance, raw=False, **kwargs):
    """A school's recognition, written when its page is published (after the
    page's own row, which has been indexed already) or by an import: the
    catalogue's recognition facet of its programmes changes."""
    if raw:
        return
    invalidate_catalogue_cache()
    school = Page.objects.filter(pk=instance.school_id).first()
    if school is not None and school.live:
        _index(pages_to_index(school))


def on_catalogue_row_changed(sender, **kwargs):
    invalidate_catalogue_cache()


# Rows that public pages show beside the catalogue's (partnerships on profiles,
# decisions and yearly figures on the progress page): the public version
# changes with them too, so that no cached page keeps an old one.
PUBLIC_ROWS = (BatchDecision, YearlyReport, Partnership, PartnershipEvent, ProgrammeSchool, ProgrammeSource)


def connect():
    post_save.connect(on_page_saved, dispatch_uid="search.page_saved")
    post_delete.connect(on_page_deleted, dispatch_uid="search.page_deleted")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search.page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search.page_moved")
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid=f"search.restriction.{name}"
        )
        signal.connect(on_selection_changed, sender=BatchSelection, dispatch_uid=f"search.selection.{name}")
        signal.connect(on_recognition_changed, sender=SchoolRecognition, dispatch_uid=f"search.recognition.{name}")
        # A synonym group or a field of study changing gives a new version, so
        # each process reloads its dictionary and synonyms (``search.lexicon``).
        for model in (
            Batch,
            FieldOfStudy,
            Province,
            TeachingLanguage,
            ProgrammePartner,
            ProgrammeIntake,
            SynonymGroup,
            *PUBLIC_ROWS,
        ):
            signal.connect(
                on_catalogue_row_changed, sender=model, dispatch_uid=f"search.{model._meta.label_lower}.{name}"
            )
    m2m_changed.connect(
        on_catalogue_row_changed,
        sender=ProgrammePage.teaching_languages.through,
        dispatch_uid="search.programme_languages",
    )
