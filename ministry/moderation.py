"""The ministry's queue of pages submitted for approval, on the admin home:
each page with its school, who submitted it and when, and which fields the
submission changes against the published version, linked to Wagtail's
side-by-side comparison. Wagtail's own "Awaiting your review" panel shows a
title and a task; a ministry editor approving 300 schools' pages needs to see
whose page it is and what to look at."""

from dataclasses import dataclass, field

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


def school_of(page):
    """The school a page belongs to: itself, or the school above it."""
    if isinstance(page, SchoolPage):
        return page
    return SchoolPage.objects.ancestor_of(page).first()


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
    states = (
        WorkflowState.objects.active()
        .filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .select_related("current_task_state__revision__user")
        .order_by("current_task_state__started_at")[:limit]
    )
    rows = []
    for state in states:
        page = state.content_object
        if not isinstance(page, Page):
            continue
        page = page.specific
        task_state = state.current_task_state
        revision = task_state.revision if task_state else None
        if revision is None:
            continue
        user = revision.user
        row = Submission(
            page=page,
            school=school_of(page),
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


class ModerationPanel(Component):
    name = "ministry_moderation"
    template_name = "ministry/dashboard/moderation_panel.html"
    order = 60

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context):
        return {"rows": self.rows}
