"""The spreadsheet import of a batch's published list.

A ministry editor uploads the list as CSV (UTF-8, UTF-8 with BOM or GB18030) or
XLSX. The file is read into plain rows (``read_table``), every row is checked
against the database (``build_plan``) and shown as a dry-run preview; only on
confirmation is the plan applied (``apply_plan``), all or nothing. Decisions go
through ``programmes.batches.record_decision``, so re-importing the same list
changes nothing and writes no history.

Columns (header names in Chinese or English, any order):

* Chinese name — 学校名称 / 院校名称 / name_zh (required)
* English name — 英文名称 / name_en (optional)
* province — 省份 / 所在省份 / province (required)
* status — 状态 / status (required): 入选 / selected, 推荐 / 提名 / nominated,
  撤销 / 退出 / withdrawn
"""

import csv
import datetime
import hashlib
import io
import json
import re
import unicodedata
import zipfile
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from modeltranslation.utils import build_localized_fieldname

from portal.languages import list_separator
from programmes.batches import DecisionError, record_decision
from programmes.models import Batch, BatchSelection, Province, SchoolIndexPage, SchoolPage, SelectionStatus

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000

COLUMN_ALIASES = {
    "name_zh": ["学校名称", "院校名称", "学校", "name_zh", "chinese name", "name (chinese)", "中文名称"],
    "name_en": ["英文名称", "name_en", "english name", "name (english)"],
    "province": ["省份", "所在省份", "省", "province"],
    "status": ["状态", "遴选状态", "status"],
}
REQUIRED_COLUMNS = ["name_zh", "province", "status"]

STATUS_ALIASES = {
    "入选": SelectionStatus.SELECTED,
    "selected": SelectionStatus.SELECTED,
    "推荐": SelectionStatus.NOMINATED,
    "提名": SelectionStatus.NOMINATED,
    "nominated": SelectionStatus.NOMINATED,
    "撤销": SelectionStatus.WITHDRAWN,
    "退出": SelectionStatus.WITHDRAWN,
    "withdrawn": SelectionStatus.WITHDRAWN,
}

# Official province names carry a suffix (广东省, 北京市, 广西壮族自治区) that the
# reference data leaves out; they are removed before matching.
PROVINCE_SUFFIXES = ["维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"]


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is translated."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def normalise_name(value):
    """A school name as a matching key: NFKC (full-width letters and digits
    become half-width), every kind of whitespace removed, case folded."""
    value = unicodedata.normalize("NFKC", str(value or ""))
    return re.sub(r"\s+", "", value).casefold()


def _header_key(value):
    return normalise_name(value).replace("_", "")


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


# --- Reading the file ---------------------------------------------------------


def read_table(data, filename=""):
    """``(header, rows)`` of the first sheet of an XLSX file or of a CSV file.

    Raises ``ImportFileError`` for an empty, binary or unreadable file."""
    if not data:
        raise ImportFileError(_("The file is empty."))
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(_("The file is larger than 10 MB."))
    if data[:4] == b"PK\x03\x04":
        rows = _read_xlsx(data)
    else:
        rows = _read_csv(data)
    rows = [[_cell_text(cell) for cell in row] for row in rows]
    # Leading blank lines (common above a published list's header) are skipped.
    while rows and not any(rows[0]):
        rows.pop(0)
    if not rows:
        raise ImportFileError(_("The file has no header row and no data."))
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    return rows[0], rows[1:]


def _read_xlsx(data):
    # openpyxl is imported only when a workbook is uploaded: it is large, and
    # most imports (and every other page of the site) never need it.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise ImportFileError(_("The file looks like an Excel workbook but cannot be read.")) from None
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("The workbook has no sheet."))
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _read_csv(data):
    if b"\x00" in data:
        raise ImportFileError(_("The file is neither a CSV text file nor an XLSX workbook."))
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    else:
        encodings = ["utf-8", "gb18030"]
    text = None
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None or any(unicodedata.category(char) == "Cc" and char not in "\r\n\t" for char in text[:4096]):
        raise ImportFileError(
            _("The file could not be read as text in UTF-8 or GB18030. Save it as CSV (UTF-8) or XLSX.")
        )
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max([",", ";", "\t", "，"], key=first_line.count)
    if first_line.count(delimiter) == 0:
        delimiter = ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileError(_("The CSV file is malformed: %(error)s") % {"error": error}) from None


def map_columns(header):
    """``{column name: index}`` for the columns the import knows. Raises
    ``ImportFileError`` naming the columns that are missing."""
    aliases = {_header_key(alias): name for name, values in COLUMN_ALIASES.items() for alias in values}
    columns = {}
    for index, title in enumerate(header):
        name = aliases.get(_header_key(title))
        if name and name not in columns:
            columns[name] = index
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        expected = {
            "name_zh": "学校名称 / name_zh",
            "province": "省份 / province",
            "status": "状态 / status",
        }
        raise ImportFileError(
            _(
                "Wrong columns: missing %(missing)s. The first row must name the columns %(expected)s; "
                "it reads: %(found)s."
            )
            % {
                "missing": list_separator().join(expected[name] for name in missing),
                "expected": "学校名称 / name_zh, 英文名称 / name_en, 省份 / province, 状态 / status",
                "found": " | ".join(title for title in header if title) or _("(empty)"),
            }
        )
    return columns


# --- Checking the rows -----------------------------------------------------------


@dataclass
class PlannedRow:
    """One data row of the file and what applying it will do."""

    line: int
    name_zh: str
    name_en: str
    province: str
    status_text: str
    status: str = ""
    province_id: int | None = None
    school_id: int | None = None
    school_title: str = ""
    action: str = ""  # "match", "create" or "error"
    current: str = ""  # the school's selection before the import
    unchanged: bool = False
    errors: list = field(default_factory=list)

    @property
    def status_label(self):
        return SelectionStatus(self.status).label if self.status else ""


@dataclass
class ImportPlan:
    """The checked rows of one file for one batch: the dry-run preview."""

    batch_id: int
    decided_on: str
    rows: list

    @property
    def errors(self):
        return [row for row in self.rows if row.action == "error"]

    @property
    def matched(self):
        return [row for row in self.rows if row.action == "match"]

    @property
    def created(self):
        return [row for row in self.rows if row.action == "create"]

    @property
    def changes(self):
        return [row for row in self.rows if row.action != "error" and not row.unchanged]

    @property
    def decided_on_date(self):
        return datetime.date.fromisoformat(self.decided_on)

    @property
    def can_apply(self):
        return bool(self.rows) and not self.errors

    def digest(self):
        """A fingerprint of what applying will do, to check at confirmation
        that it is exactly what the editor previewed."""
        payload = json.dumps([self.batch_id, self.decided_on, [asdict(row) for row in self.rows]], sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()


def _province_lookup():
    lookup = {}
    fields = ["code", "name"] + [build_localized_fieldname("name", code) for code, _label in settings.LANGUAGES]
    for values in Province.objects.values("pk", *fields):
        keys = {values["code"], values["code"].removeprefix("CN-")}
        keys.update(values[name] for name in fields[1:] if values.get(name))
        for key in keys:
            lookup[normalise_name(key)] = values["pk"]
    return lookup


def _find_province(text, lookup):
    key = normalise_name(text)
    if key in lookup:
        return lookup[key]
    for suffix in PROVINCE_SUFFIXES:
        if key.endswith(suffix) and key[: -len(suffix)] in lookup:
            return lookup[key[: -len(suffix)]]
    return None


def _school_lookup():
    """Normalised Chinese names (official, Chinese title, former names) → school."""
    lookup = {}
    rows = SchoolPage.objects.values_list("pk", "official_name_zh", "title_zh_hans", "former_names", "title")
    for pk, official, title_zh, former, title in rows:
        names = [official, title_zh] + re.split(r"[;；,，、]", former or "")
        for name in names:
            key = normalise_name(name)
            if key:
                lookup.setdefault(key, (pk, title or official))
    return lookup


def build_plan(header, rows, batch, decided_on):
    """Check every row against the database and say what applying will do.
    Reads the database in a fixed number of queries, whatever the file's size."""
    columns = map_columns(header)
    provinces = _province_lookup()
    schools = _school_lookup()
    selections = {
        selection["school_id"]: selection
        for selection in BatchSelection.objects.values("school_id", "batch_id", "batch__name", "status")
    }
    statuses = {normalise_name(alias): status for alias, status in STATUS_ALIASES.items()}
    seen = {}
    planned = []
    for offset, row in enumerate(rows):
        line = offset + 2  # the header is line 1
        if not any(row):
            continue

        def cell(name, row=row):
            index = columns.get(name)
            return row[index] if index is not None and index < len(row) else ""

        entry = PlannedRow(
            line=line,
            name_zh=cell("name_zh"),
            name_en=cell("name_en"),
            province=cell("province"),
            status_text=cell("status"),
        )
        key = normalise_name(entry.name_zh)
        if not key:
            entry.errors.append(_("The Chinese name is empty."))
        entry.province_id = _find_province(entry.province, provinces)
        if entry.province_id is None:
            if entry.province:
                entry.errors.append(_("Unknown province “%(province)s”.") % {"province": entry.province})
            else:
                entry.errors.append(_("The province is empty."))
        entry.status = statuses.get(normalise_name(entry.status_text), "")
        if not entry.status:
            entry.errors.append(
                _("Unknown status “%(status)s”: use 入选/selected, 推荐/nominated or 撤销/withdrawn.")
                % {"status": entry.status_text}
            )
        match = schools.get(key) if key else None
        if match:
            entry.school_id, entry.school_title = match
        identity = ("school", entry.school_id) if entry.school_id else ("name", key)
        if key:
            if identity in seen:
                entry.errors.append(_("Duplicate row: the same school as line %(line)s.") % {"line": seen[identity]})
            else:
                seen[identity] = line
        current = selections.get(entry.school_id) if entry.school_id else None
        if current:
            entry.current = f"{current['batch__name']}: {SelectionStatus(current['status']).label}"
            if current["batch_id"] != batch.pk and current["status"] != SelectionStatus.WITHDRAWN:
                entry.errors.append(
                    _("This school is already %(status)s in %(batch)s.")
                    % {"status": SelectionStatus(current["status"]).label.lower(), "batch": current["batch__name"]}
                )
            elif current["batch_id"] == batch.pk and current["status"] == entry.status:
                entry.unchanged = True
        if entry.errors:
            entry.action = "error"
        elif entry.school_id:
            entry.action = "match"
        else:
            entry.action = "create"
        planned.append(entry)
    return ImportPlan(batch_id=batch.pk, decided_on=str(decided_on), rows=planned)


# --- Applying ----------------------------------------------------------------------


def _unique_slug(base, taken):
    base = base[:70].strip("-") or "school"
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug


def create_draft_school(index, row, taken_slugs):
    """A new school page, not published, under the school directory: the
    school's editors complete and publish it later."""
    title = row.name_en or row.name_zh
    slug = _unique_slug(slugify(row.name_en) or slugify(row.name_zh, allow_unicode=True), taken_slugs)
    page = SchoolPage(
        title=title,
        title_en=title,
        title_zh_hans=row.name_zh,
        official_name_zh=row.name_zh,
        province_id=row.province_id,
        live=False,
        slug=slug,
    )
    for code, _label in settings.LANGUAGES:
        setattr(page, build_localized_fieldname("slug", code), slug)
    index.add_child(instance=page)
    return page


class PlanChanged(Exception):
    """The database changed between the preview and the confirmation."""


def apply_plan(plan, user, expected_digest=None):
    """Apply a checked plan, all or nothing. Returns ``{"created", "changed",
    "unchanged"}`` counts. Raises ``ImportFileError`` when the plan has errors,
    or ``PlanChanged`` when it no longer matches what was previewed."""
    if expected_digest is not None and plan.digest() != expected_digest:
        raise PlanChanged()
    if not plan.can_apply:
        raise ImportFileError(_("The file has errors; nothing was imported."))
    batch = Batch.objects.get(pk=plan.batch_id)
    counts = {"created": 0, "changed": 0, "unchanged": 0}
    with transaction.atomic():
        index = SchoolIndexPage.objects.first()
        if index is None and plan.created:
            raise ImportFileError(_("There is no school directory to create new schools in."))
        taken_slugs = set(index.get_children().values_list("slug", flat=True)) if index else set()
        for row in plan.rows:
            if row.action == "create":
                school_id = create_draft_school(index, row, taken_slugs).pk
                counts["created"] += 1
            else:
                school_id = row.school_id
            try:
                _selection, changed = record_decision(
                    school_id, batch, row.status, plan.decided_on_date, user, note=_("Imported from a spreadsheet.")
                )
            except DecisionError as error:
                raise ImportFileError(
                    _("Line %(line)s: %(error)s Nothing was imported.") % {"line": row.line, "error": error.message}
                ) from None
            counts["changed" if changed else "unchanged"] += 1
    return counts
