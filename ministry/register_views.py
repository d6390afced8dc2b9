"""Admin views of the register import (programmes) and the partner-list import:
upload, the dry-run preview with the editor's choices (columns, possible
duplicates), and the all-or-nothing confirmation. The same three steps as the
batch-list import (``ministry.batch_views``), from ``ministry.import_views``;
one view per step, its URLs (in ``ministry/wagtail_hooks.py``, under
Ministry) saying which list (``REGISTER`` or ``PARTNERS``). Only ministry
editors reach them."""

from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ministry.forms import ListImportForm
from ministry.import_views import apply_previewed, keep_choices, kept_import, kept_table, preview_context, start_import
from ministry.imports import ListColumns, recognised_columns
from ministry.partner_list import KIND_VALUES, PARTNER_LIST, apply_partner_plan, build_partner_plan
from ministry.register import (
    CERTAINTY_VALUES,
    REGISTER_LIST,
    STATUS_VALUES,
    TYPE_VALUES,
    apply_register_plan,
    build_register_plan,
)
from ministry.views import ministry_editor_required
from partners.models import PartnerKind
from programmes.models import ProgrammeCertainty, ProgrammeStatus, ProgrammeType


@dataclass(frozen=True)
class ListImport:
    """One kind of list the ministry imports: its columns, how its rows are
    checked and applied, its pages and its URLs."""

    name: str  # the session key and the URL names' prefix
    list_columns: ListColumns
    build_plan: object
    apply_plan: object
    title: str
    preview_template: str


REGISTER = ListImport(
    "register",
    REGISTER_LIST,
    build_register_plan,
    apply_register_plan,
    gettext_lazy("Import a register of programmes"),
    "ministry/register_preview.html",
)
PARTNERS = ListImport(
    "partners",
    PARTNER_LIST,
    build_partner_plan,
    apply_partner_plan,
    gettext_lazy("Import a list of partners"),
    "ministry/register_partners_preview.html",
)


def _session_key(kind):
    return f"ministry:{kind.name}_import"


def _url(kind, step):
    return f"ministry_register:{kind.name}_{step}"


def _values(choices, extra):
    """``[(label, [values])]`` for the upload page's help."""
    return [(choice.label, extra.get(choice, [])) for choice in choices]


def _upload_context(kind, form):
    context = {
        "page_title": kind.title,
        "header_icon": "upload",
        "form": form,
        "kind": kind.name,
        "columns": recognised_columns(kind.list_columns),
    }
    if kind is REGISTER:
        context["values"] = [
            (_("Status"), _values(ProgrammeStatus, STATUS_VALUES)),
            (_("Type"), _values(ProgrammeType, TYPE_VALUES)),
            (_("How sure the facts are"), _values(ProgrammeCertainty, CERTAINTY_VALUES)),
        ]
    else:
        context["values"] = [(_("Kind"), _values(PartnerKind, KIND_VALUES))]
    return context


def _stored_plan(kind, stored):
    return kind.build_plan(kept_table(stored), columns=stored.get("columns", {}), choices=stored.get("choices", {}))


def _preview_response(request, kind, plan, stored, status=200):
    context = preview_context(plan, stored, kind.list_columns)
    context.update(
        kind=kind.name,
        review_url=_url(kind, "review"),
        confirm_url=_url(kind, "confirm"),
        upload_url=_url(kind, "import"),
    )
    return TemplateResponse(request, kind.preview_template, context, status=status)


@ministry_editor_required
def list_import(request, kind):
    """Step 1: upload a file; step 2: the dry-run preview (nothing is saved)."""
    form = ListImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            started = start_import(request, form, _session_key(kind), kind.list_columns, kind.build_plan, kind.name)
            if started:
                return _preview_response(request, kind, *started)
        status = 400
    return TemplateResponse(request, "ministry/register_upload.html", _upload_context(kind, form), status=status)


@ministry_editor_required
def list_review(request, kind):
    """Step 2 again, with the editor's choices: which column holds which field
    (remembered for later lists of this kind) and, for each possible duplicate,
    the same one or a new one."""
    if request.method != "POST":
        return redirect(_url(kind, "import"))
    stored = kept_import(request, _session_key(kind))
    if stored is None:
        return redirect(_url(kind, "import"))
    keep_choices(request, _session_key(kind), stored, kind.list_columns)
    return _preview_response(request, kind, _stored_plan(kind, stored), stored)


@ministry_editor_required
def list_confirm(request, kind):
    """Step 3: apply the previewed file, all or nothing."""
    if request.method != "POST":
        return redirect(_url(kind, "import"))
    stored = kept_import(request, _session_key(kind))
    if stored is None:
        return redirect(_url(kind, "import"))
    plan = _stored_plan(kind, stored)
    counts, status = apply_previewed(
        request,
        plan,
        kind.apply_plan,
        _("The portal changed since the preview. Check the new preview and confirm again."),
    )
    if counts is None:
        return _preview_response(request, kind, plan, stored, status=status)
    del request.session[_session_key(kind)]
    if kind is REGISTER:
        message = _(
            "Register imported: %(created)s new draft programmes, %(updated)s programmes completed, "
            "%(unchanged)s rows unchanged, %(partners)s new draft partners."
        )
    else:
        message = _(
            "Partner list imported: %(created)s new draft partners, %(updated)s partners completed, "
            "%(unchanged)s rows unchanged."
        )
    messages.success(request, message % counts)
    if counts.get("recognitions"):
        messages.success(
            request,
            ngettext(
                "%(count)s lead school was recorded as holding a Luban Workshop.",
                "%(count)s Luban Workshop recognitions were recorded for their lead schools.",
                counts["recognitions"],
            )
            % {"count": counts["recognitions"]},
        )
    return redirect(_url(kind, "import"))
