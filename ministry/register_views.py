"""Admin views of the register import (programmes) and the partner-list import:
upload, the dry-run preview with the editor's choices (columns, possible
duplicates), and the all-or-nothing confirmation. The same three steps as the
batch-list import (``ministry.batch_views``); registered in
``ministry/wagtail_hooks.py`` under Ministry; only ministry editors reach them."""

import hashlib
from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ministry.forms import ListImportForm
from ministry.imports import (
    ImportFileError,
    ListColumns,
    PlanChanged,
    Table,
    map_columns,
    read_table,
    recognised_columns,
    remember_columns,
)
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
    table = Table(header=stored["header"], rows=stored["rows"], header_line=stored["header_line"])
    return kind.build_plan(table, columns=stored.get("columns", {}), choices=stored.get("choices", {}))


def _preview_response(request, kind, plan, stored, status=200):
    header = stored["header"]
    column_map = map_columns(header, stored.get("columns"), kind.list_columns)
    column_choices = [
        {
            "name": name,
            "label": kind.list_columns.labels[name],
            "current": column_map.columns.get(name),
            "required": name in kind.list_columns.required,
        }
        for name in kind.list_columns.fields
    ]
    context = {
        "page_title": _("Check the import"),
        "header_icon": "upload",
        "plan": plan,
        "kind": kind.name,
        "token": stored["token"],
        "digest": plan.digest(),
        "filename": stored.get("filename", ""),
        "header_options": [(index, title) for index, title in enumerate(header) if title],
        "column_choices": column_choices,
        "missing_labels": [kind.list_columns.labels[name] for name in plan.missing_columns],
        "review_url": _url(kind, "review"),
        "confirm_url": _url(kind, "confirm"),
        "upload_url": _url(kind, "import"),
    }
    return TemplateResponse(request, kind.preview_template, context, status=status)


def _upload(request, kind):
    """Step 1: upload a file; step 2: the dry-run preview (nothing is saved)."""
    form = ListImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                table = read_table(data, upload.name, kind.list_columns)
                plan = kind.build_plan(table)
            except ImportFileError as error:
                form.add_error("file", error.message)
            else:
                # The rows are kept in the session: confirming applies exactly the rows previewed.
                stored = {
                    "token": hashlib.sha256(data + kind.name.encode()).hexdigest()[:32],
                    "header": table.header,
                    "rows": table.rows,
                    "header_line": table.header_line,
                    "filename": upload.name,
                    "columns": {},
                    "choices": {},
                }
                request.session[_session_key(kind)] = stored
                return _preview_response(request, kind, plan, stored)
        status = 400
    return TemplateResponse(request, "ministry/register_upload.html", _upload_context(kind, form), status=status)


def _stored_import(request, kind):
    """The import being previewed, or ``None`` when it is gone (expired, replaced)."""
    stored = request.session.get(_session_key(kind))
    if not stored or stored.get("token") != request.POST.get("token"):
        messages.error(request, _("This preview has expired or was replaced by another one. Upload the file again."))
        return None
    return stored


def _review(request, kind):
    """Step 2 again, with the editor's choices: which column holds which field
    (remembered for later lists of this kind) and, for each possible duplicate,
    the same one or a new one."""
    if request.method != "POST":
        return redirect(_url(kind, "import"))
    stored = _stored_import(request, kind)
    if stored is None:
        return redirect(_url(kind, "import"))
    header = stored["header"]
    columns = {}
    for name in kind.list_columns.fields:
        value = request.POST.get(f"column_{name}")
        if value is None:
            continue
        if value == "":
            columns[name] = None
        elif value.isdigit() and int(value) < len(header):
            columns[name] = int(value)
    choices = dict(stored.get("choices", {}))
    for key, value in request.POST.items():
        if key.startswith("duplicate_") and key.removeprefix("duplicate_").isdigit():
            if value == "new" or value.isdigit():
                choices[key.removeprefix("duplicate_")] = value
    recognised = map_columns(header, None, kind.list_columns).columns
    stored["columns"] = {name: index for name, index in columns.items() if recognised.get(name) != index}
    stored["choices"] = choices
    request.session[_session_key(kind)] = stored
    remember_columns(map_columns(header, stored["columns"], kind.list_columns), request.user)
    return _preview_response(request, kind, _stored_plan(kind, stored), stored)


def _confirm(request, kind):
    """Step 3: apply the previewed file, all or nothing."""
    if request.method != "POST":
        return redirect(_url(kind, "import"))
    stored = _stored_import(request, kind)
    if stored is None:
        return redirect(_url(kind, "import"))
    plan = _stored_plan(kind, stored)
    try:
        counts = kind.apply_plan(plan, request.user, expected_digest=request.POST.get("digest", ""))
    except PlanChanged:
        messages.warning(request, _("The portal changed since the preview. Check the new preview and confirm again."))
        return _preview_response(request, kind, plan, stored, status=409)
    except ImportFileError as error:
        messages.error(request, error.message)
        return _preview_response(request, kind, plan, stored, status=400)
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


@ministry_editor_required
def register_import(request):
    return _upload(request, REGISTER)


@ministry_editor_required
def register_review(request):
    return _review(request, REGISTER)


@ministry_editor_required
def register_confirm(request):
    return _confirm(request, REGISTER)


@ministry_editor_required
def partners_import(request):
    return _upload(request, PARTNERS)


@ministry_editor_required
def partners_review(request):
    return _review(request, PARTNERS)


@ministry_editor_required
def partners_confirm(request):
    return _confirm(request, PARTNERS)
