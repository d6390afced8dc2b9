"""Admin views of the ministry editors' batch tools: batches, the decisions on
each school (with their history) and the spreadsheet import with its dry-run
preview. Registered in ``ministry/wagtail_hooks.py``; only ministry editors
(and superusers) reach them."""

import datetime

from django.contrib import messages
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ministry.forms import BatchForm, DecisionForm, ImportForm
from ministry.import_views import apply_previewed, keep_choices, kept_import, kept_table, preview_context, start_import
from ministry.imports import (
    RECOGNITION_LIST,
    SCHOOL_LIST,
    apply_plan,
    batch_warnings,
    build_plan,
    recognised_categories,
    recognised_columns,
    recognised_statuses,
)
from ministry.views import ministry_editor_required
from programmes.batches import DecisionError, record_decision
from programmes.models import Batch, BatchDecision, BatchSelection, SelectionStatus

IMPORT_SESSION_KEY = "programmes:batch_import"


def _render(request, template, context, status=200):
    return TemplateResponse(request, f"ministry/batches/{template}", context, status=status)


@ministry_editor_required
def batch_index(request):
    """Every batch with its counts against its quota."""
    batches = Batch.objects.annotate(
        **{
            f"count_{status}": Count("selections", filter=Q(selections__status=status))
            for status in SelectionStatus.values
        }
    ).order_by("number")
    batches = list(batches)
    outside_year = dict(
        BatchSelection.objects.exclude(decided_on__year=F("batch__year"))
        .values_list("batch")
        .annotate(total=Count("pk"))
    )
    for batch in batches:
        batch.warnings = batch_warnings(batch, None)
        if outside_year.get(batch.pk):
            batch.warnings.append(
                ngettext(
                    "%(count)s decision is dated outside the batch's year (%(year)s).",
                    "%(count)s decisions are dated outside the batch's year (%(year)s).",
                    outside_year[batch.pk],
                )
                % {"count": outside_year[batch.pk], "year": batch.year}
            )
    return _render(request, "index.html", {"page_title": _("Batches"), "header_icon": "list-ol", "batches": batches})


@ministry_editor_required
def batch_edit(request, pk=None):
    """Create a batch, or edit one."""
    batch = get_object_or_404(Batch, pk=pk) if pk else None
    form = BatchForm(request.POST or None, instance=batch)
    if request.method == "POST" and form.is_valid():
        batch = form.save()
        messages.success(request, _("Batch “%(batch)s” saved.") % {"batch": batch})
        return redirect("programmes_batches:detail", batch.pk)
    title = _("Edit batch") if batch else _("Add a batch")
    return _render(request, "edit.html", {"page_title": title, "header_icon": "list-ol", "form": form, "batch": batch})


@ministry_editor_required
def batch_detail(request, pk):
    """The schools of one batch, with a form to nominate, select or withdraw."""
    batch = get_object_or_404(Batch, pk=pk)
    form = DecisionForm(request.POST or None, initial={"status": SelectionStatus.NOMINATED})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _selection, changed = record_decision(
                    form.cleaned_data["school"],
                    batch,
                    form.cleaned_data["status"],
                    form.cleaned_data["decided_on"],
                    request.user,
                    note=form.cleaned_data["note"],
                )
            except DecisionError as error:
                form.add_error(None, error.message)
            else:
                if changed:
                    messages.success(request, _("Decision recorded."))
                else:
                    messages.info(request, _("The school already had this status in this batch; nothing changed."))
                return redirect("programmes_batches:detail", batch.pk)
        status = 400
    selections = batch.selections.select_related("school", "school__province").order_by("status", "school__title")
    status_filter = request.GET.get("status", "")
    if status_filter in SelectionStatus.values:
        selections = selections.filter(status=status_filter)
    context = {
        "page_title": str(batch),
        "header_icon": "list-ol",
        "batch": batch,
        "form": form,
        "selections": selections,
        "statuses": SelectionStatus.choices,
        "status_filter": status_filter,
    }
    return _render(request, "detail.html", context, status=status)


@ministry_editor_required
def selection_history(request, pk):
    """Every decision on one school's selection: who, when, from what to what."""
    selection = get_object_or_404(BatchSelection.objects.select_related("school", "batch"), pk=pk)
    decisions = BatchDecision.objects.filter(selection=selection).select_related("batch", "decided_by")
    context = {
        "page_title": _("History of %(school)s") % {"school": selection.school.title},
        "header_icon": "history",
        "selection": selection,
        "decisions": decisions,
    }
    return _render(request, "history.html", context)


def _stored_plan(stored, batch):
    recognitions_only = stored.get("recognitions_only", False)
    return build_plan(
        kept_table(stored),
        batch,
        None if recognitions_only else datetime.date.fromisoformat(stored["decided_on"]),
        columns=dict(stored.get("columns", {})),
        choices=stored.get("choices", {}),
        recognitions_only=recognitions_only,
        year=stored.get("year"),
    )


def _preview_response(request, plan, stored, status=200):
    context = preview_context(plan, stored, RECOGNITION_LIST if plan.recognitions_only else SCHOOL_LIST)
    context.update(
        batch=Batch.objects.get(pk=plan.batch_id) if plan.batch_id else None,
        review_url="programmes_batches:import_review",
        confirm_url="programmes_batches:import_confirm",
        upload_url="programmes_batches:import",
    )
    return _render(request, "import_preview.html", context, status=status)


@ministry_editor_required
def batch_import(request):
    """Step 1: upload a file; step 2: the dry-run preview (nothing is saved)."""
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            batch = form.cleaned_data["batch"]
            batch_id = batch.pk if batch else None
            decided_on = form.cleaned_data["decided_on"]
            recognitions_only = form.cleaned_data["recognitions_only"]
            year = form.cleaned_data["year"]
            started = start_import(
                request,
                form,
                IMPORT_SESSION_KEY,
                SCHOOL_LIST,
                lambda table: build_plan(
                    table,
                    batch,
                    None if recognitions_only else decided_on,
                    recognitions_only=recognitions_only,
                    year=year,
                ),
                f"|{batch_id}|{decided_on}|{recognitions_only}|{year}",
                batch_id=batch_id,
                decided_on=str(decided_on),
                recognitions_only=recognitions_only,
                year=year,
            )
            if started:
                return _preview_response(request, *started)
        status = 400
    context = {
        "page_title": _("Import a batch list"),
        "header_icon": "upload",
        "form": form,
        "columns": recognised_columns(),
        "statuses": recognised_statuses(),
        "categories": recognised_categories(),
    }
    return _render(request, "import.html", context, status=status)


def _stored_import(request):
    """The import being previewed, its batch, or a redirect when it is gone."""
    stored = kept_import(request, IMPORT_SESSION_KEY)
    if stored is None:
        return None, None, redirect("programmes_batches:import")
    batch = Batch.objects.filter(pk=stored["batch_id"]).first() if stored["batch_id"] else None
    if batch is None and not stored.get("recognitions_only"):
        messages.error(request, _("The batch no longer exists. Nothing was imported."))
        return None, None, redirect("programmes_batches:import")
    return stored, batch, None


@ministry_editor_required
def batch_import_review(request):
    """Step 2 again, with the editor's choices: which column holds which field
    (remembered for later imports) and, for each possible duplicate, the same
    school or a new one."""
    if request.method != "POST":
        return redirect("programmes_batches:import")
    stored, batch, gone = _stored_import(request)
    if gone:
        return gone
    keep_choices(request, IMPORT_SESSION_KEY, stored, SCHOOL_LIST)
    return _preview_response(request, _stored_plan(stored, batch), stored)


@ministry_editor_required
def batch_import_confirm(request):
    """Step 3: apply the previewed file, all or nothing."""
    if request.method != "POST":
        return redirect("programmes_batches:import")
    stored, batch, gone = _stored_import(request)
    if gone:
        return gone
    plan = _stored_plan(stored, batch)
    counts, status = apply_previewed(
        request,
        plan,
        apply_plan,
        _("The schools or selections changed since the preview. Check the new preview and confirm again."),
    )
    if counts is None:
        return _preview_response(request, plan, stored, status=status)
    del request.session[IMPORT_SESSION_KEY]
    if plan.recognitions_only:
        messages.success(request, _("Recognitions imported: no school was selected into a batch."))
    else:
        messages.success(
            request,
            _(
                "Import applied: %(created)s new draft schools, %(changed)s decisions recorded, "
                "%(unchanged)s rows unchanged."
            )
            % counts,
        )
    if counts["english_names"]:
        messages.success(
            request,
            ngettext(
                "%(count)s existing school got its English name from the file.",
                "%(count)s existing schools got their English names from the file.",
                counts["english_names"],
            )
            % {"count": counts["english_names"]},
        )
    if counts["recognitions"]:
        messages.success(
            request,
            ngettext(
                "%(count)s school's recognition was recorded.",
                "%(count)s schools' recognitions were recorded.",
                counts["recognitions"],
            )
            % {"count": counts["recognitions"]},
        )
    if batch is None:
        return redirect("programmes_batches:import")
    return redirect("programmes_batches:detail", batch.pk)
