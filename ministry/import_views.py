"""The steps the admin's three list imports share: the batch list
(``ministry.batch_views``), the register of programmes and the list of
partners (``ministry.register_views``). Each is upload → dry-run preview →
the editor's choices (which column holds which field, each possible
duplicate) → the all-or-nothing confirmation. The parsed rows are kept in the
session between the steps, so that confirming applies exactly the rows that
were previewed; ``manage.py import_*`` (``ministry.management.import_command``)
runs the same steps from the command line."""

import hashlib

from django.contrib import messages
from django.utils.translation import gettext as _

from ministry.imports import ImportFileError, PlanChanged, Table, map_columns, read_table, remember_columns


def start_import(request, form, session_key, list_columns, plan_for, salt, **extra):
    """Step 1, once the upload form is valid: read its file as a list of
    ``list_columns``, plan the dry run (``plan_for(table)``) and keep the rows
    in the session under ``session_key``, with ``extra`` (the form's options):
    ``(plan, stored)``. ``None``, with the reason on the form's file field, when
    the file cannot be read (empty, unreadable, too large…)."""
    upload = form.cleaned_data["file"]
    data = upload.read()
    try:
        table = read_table(data, upload.name, list_columns)
        plan = plan_for(table)
    except ImportFileError as error:
        form.add_error("file", error.message)
        return None
    return plan, _keep_upload(request, session_key, data, salt, table, upload.name, **extra)


def _keep_upload(request, session_key, data, salt, table, filename, **extra):
    """Keep an uploaded list's rows in the session; the import kept. Its
    token names this file with these options (``salt``), so that a preview
    replaced by another one cannot be confirmed."""
    stored = {
        "token": hashlib.sha256(data + salt.encode()).hexdigest()[:32],
        **extra,
        "header": table.header,
        "rows": table.rows,
        "header_line": table.header_line,
        "titles": table.titles,
        "filename": filename,
        "columns": {},
        "choices": {},
    }
    request.session[session_key] = stored
    return stored


def kept_import(request, session_key):
    """The import being previewed, or ``None`` when it is gone (expired, or
    replaced by another upload), with a message saying so."""
    stored = request.session.get(session_key)
    if not stored or stored.get("token") != request.POST.get("token"):
        messages.error(request, _("This preview has expired or was replaced by another one. Upload the file again."))
        return None
    return stored


def kept_table(stored):
    """The ``Table`` of the rows kept by ``keep_upload``."""
    return Table(
        header=stored["header"],
        rows=stored["rows"],
        header_line=stored["header_line"],
        titles=stored.get("titles", []),
    )


def keep_choices(request, session_key, stored, list_columns):
    """The editor's choices on the preview, kept with the import: which column
    holds which field (also remembered for the next lists of this kind) and,
    for each possible duplicate, the one it is or a new one."""
    header = stored["header"]
    columns = {}
    for name in list_columns.fields:
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
    recognised = map_columns(header, None, list_columns).columns
    stored["columns"] = {name: index for name, index in columns.items() if recognised.get(name) != index}
    stored["choices"] = choices
    request.session[session_key] = stored
    remember_columns(map_columns(header, stored["columns"], list_columns), request.user)


def preview_context(plan, stored, list_columns):
    """What every preview page shows: the plan, the columns to choose from,
    the token and digest that confirming sends back."""
    header = stored["header"]
    column_map = map_columns(header, stored.get("columns"), list_columns)
    column_choices = [
        {
            "name": name,
            "label": list_columns.labels[name],
            "current": column_map.columns.get(name),
            "required": name in list_columns.required,
        }
        for name in list_columns.fields
    ]
    return {
        "page_title": _("Check the import"),
        "header_icon": "upload",
        "plan": plan,
        "token": stored["token"],
        "digest": plan.digest(),
        "filename": stored.get("filename", ""),
        "header_options": [(index, title) for index, title in enumerate(header) if title],
        "column_choices": column_choices,
        "missing_labels": [list_columns.labels[name] for name in plan.missing_columns],
    }


def apply_previewed(request, plan, apply_plan, changed_message):
    """Apply the plan as it was previewed: ``(counts, None)``, or ``(None,
    status)`` with a message when the preview must be shown again: 409 when
    the portal changed since the preview (``changed_message``), 400 when the
    list cannot be applied."""
    try:
        return apply_plan(plan, request.user, expected_digest=request.POST.get("digest", "")), None
    except PlanChanged:
        messages.warning(request, changed_message)
        return None, 409
    except ImportFileError as error:
        messages.error(request, error.message)
        return None, 400
