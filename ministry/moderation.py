"""The ministry's queue of pages submitted for approval, on the admin home:
each page with its school, who submitted it and when, and which fields the
submission changes against the published version, linked to Wagtail's
side-by-side comparison. Wagtail's own "Awaiting your review" panel shows a
title and a task; a ministry editor approving 300 schools' pages needs to see
whose page it is and what to look at."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from programmes.models import SchoolPage

# Bookkeeping a revision carries that is not the editor's content.
NOT_CONTENT = {
    "id",
    "page_ptr",
    "path",
    "depth",
    "numchild",
    "url_path",
    "draft_title",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "latest_revision",
    "latest_revision_created_at",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "go_live_at",
    "expire_at",
    "expired",
    "content_type",
    "locale",
    "translation_key",
    "alias_of",
}


@dataclass
class Submission:
    page: Page
    school: Page | None
    submitted_by: str
    submitted_at: object
    changed: list = field(default_factory=list)
    is_new: bool = False
    compare_url: str = ""
    edit_url: str = ""


def schools_of(pages):
    """``{page id: school}`` for ``pages``: the page itself when it is a
    school, else the school above it; one query for them all."""
    ancestor_paths = {
        page.path[:depth] for page in pages for depth in range(Page.steplen, len(page.path), Page.steplen)
    }
    by_path = {school.path: school for school in SchoolPage.objects.filter(path__in=ancestor_paths)}
    schools = {}
    for page in pages:
        if isinstance(page, SchoolPage):
            schools[page.pk] = page
        else:
            found = [by_path[path] for path in sorted(by_path) if page.path.startswith(path)]
            schools[page.pk] = found[-1] if found else None
    return schools


def changed_fields(live, draft):
    """Labels of the content fields whose value differs between the live page
    and the submitted revision, in the model's order."""
    labels = []
    for model_field in type(draft)._meta.get_fields():
        name = model_field.name
        if name in NOT_CONTENT or not getattr(model_field, "concrete", False) or model_field.auto_created:
            continue
        if model_field.many_to_many:
            before = {item.pk for item in getattr(live, name).all()}
            after = {item.pk for item in getattr(draft, name).all()}
        else:
            before, after = model_field.value_from_object(live), model_field.value_from_object(draft)
        if before != after:
            labels.append(str(model_field.verbose_name))
    return labels


def submissions(limit=50):
    """The pages in moderation, oldest submission first."""
    states = list(
        WorkflowState.objects.active()
        .filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .select_related("current_task_state__revision__user")
        .order_by("current_task_state__started_at")[:limit]
    )
    # The pages in one query per kind of page, not two per row.
    page_ids = [int(state.object_id) for state in states if state.base_content_type_id == page_content_type_id()]
    pages = Page.objects.filter(pk__in=page_ids).specific().in_bulk()
    schools = schools_of(list(pages.values()))
    rows = []
    for state in states:
        page = pages.get(int(state.object_id)) if state.base_content_type_id == page_content_type_id() else None
        if page is None:
            continue
        task_state = state.current_task_state
        revision = task_state.revision if task_state else None
        if revision is None:
            continue
        user = revision.user
        row = Submission(
            page=page,
            school=schools[page.pk],
            submitted_by=(user.get_full_name() or user.get_username()) if user else "",
            submitted_at=task_state.started_at,
            is_new=not page.live,
            edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
        )
        if page.live:
            row.changed = changed_fields(page, revision.as_object())
            row.compare_url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", revision.pk])
        rows.append(row)
    return rows


def page_content_type_id():
    return ContentType.objects.get_for_model(Page).pk


class ModerationPanel(Component):
    name = "ministry_moderation"
    template_name = "ministry/dashboard/moderation_panel.html"
    order = 60

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context):
        return {"rows": self.rows}
