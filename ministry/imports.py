"""The spreadsheet import of a batch's published list.

A ministry editor uploads the list as the ministry publishes it: CSV (UTF-8,
UTF-8 with BOM or GB18030) or XLSX, with title rows (often a merged title cell)
above the header, Chinese column names and often no status column. The file is
read into plain rows (``read_table``), which finds the header row; the columns
are recognised by their names (``map_columns``); every row is checked against
the database (``build_plan``) and shown as a dry-run preview; only on
confirmation is the plan applied (``apply_plan``), all or nothing. Decisions go
through ``programmes.batches.record_decision``, so re-importing the same list
changes nothing and writes no history. ``manage.py import_schools`` runs the
same steps from the command line.

Columns (names in Chinese or English, any order, spaces, full-width characters
and punctuation ignored):

* Chinese name — 学校名称 / 院校名称 / name_zh (required)
* English name — 英文名称 / name_en (optional)
* province — 省份 / 所在省份 / 所在地 / province (required)
* status — 状态 / status (optional: without it every school is selected):
  入选 / selected, 推荐 / 提名 / nominated, 撤销 / 退出 / withdrawn
* the school's recognition (optional): category — 类别 / 建设类别 / category
  (高水平学校建设单位, 高水平专业群建设单位, 鲁班工坊; a tier written in it, as
  高水平学校建设单位（A档）, is read too), tier — 档次 / 等级 / tier (A档, B档, C档),
  major groups — 专业群 / 专业群名称 / major groups, year — 年份 / year (without
  it, the batch's year). Recorded through ``programmes.recognitions``, so that
  re-importing changes nothing.

Lists are read as the ministry lays them out: sub-headings between groups of
rows (一、高水平学校建设单位（56所）, A档（10所）) give their category and tier to the
rows below; the header repeated, notes (注：…) and other one-text rows are
skipped and listed in the preview (``row_kind``); a row of only more major
groups adds them to the school above (cells merged over two rows are filled
down, ``_fill_merged_down``). A list of recognitions only (the Double High
Plan's own list) records recognitions without selecting any school into a
batch (``build_plan(..., recognitions_only=True)``).

A column the import does not recognise is listed in the preview, where the
editor can say which field it holds; that choice is remembered
(``programmes.models.ImportColumnAlias``).

The reading of a file and the recognition of its columns serve the other
published lists too (``ministry.register``: programmes; ``ministry.partner_list``:
partners): each kind of list declares its columns as a ``ListColumns``.
"""

import csv
import datetime
import difflib
import hashlib
import io
import json
import re
import unicodedata
import zipfile
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from modeltranslation.utils import build_localized_fieldname

from ministry.import_plan import ImportFileError, PlanRows, check_before_applying
from ministry.import_plan import PlanChanged as PlanChanged  # the views find it here, with ImportFileError
from portal.languages import list_separator
from programmes.batches import DecisionError, record_decision
from programmes.models import (
    DOUBLE_HIGH_KINDS,
    Batch,
    BatchSelection,
    ImportColumnAlias,
    Province,
    RecognitionKind,
    SchoolIndexPage,
    SchoolPage,
    SelectionStatus,
    ascii_slug,
    has_latin_letters,
    school_name_key,
    split_former_names,
)
from programmes.recognitions import RecognitionValues, change_of, current_recognitions, record_recognition

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 64
MAX_CELL_CHARS = 500
# A workbook is a zip archive: its parts, unpacked, may not exceed this size
# (a 10 MB upload can unpack to gigabytes).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# The header row is looked for among the first rows (title rows above it).
HEADER_SEARCH_ROWS = 30

FIELDS = ["name_zh", "name_en", "province", "status", "category", "tier", "major_groups", "year"]
RECOGNITION_FIELDS = ["category", "tier", "major_groups", "year"]
REQUIRED_COLUMNS = ["name_zh", "province"]
FIELD_LABELS = {
    "name_zh": gettext_lazy("Chinese name"),
    "name_en": gettext_lazy("English name"),
    "province": gettext_lazy("Province"),
    "status": gettext_lazy("Status"),
    "category": gettext_lazy("Category of the recognition"),
    "tier": gettext_lazy("Tier"),
    "major_groups": gettext_lazy("Major groups"),
    "year": gettext_lazy("Year of the recognition"),
}

COLUMN_ALIASES = {
    "name_zh": [
        "学校名称",
        "院校名称",
        "学校",
        "院校",
        "学校全称",
        "院校全称",
        "学校中文名称",
        "中文名称",
        "单位名称",
        "name_zh",
        "chinese name",
        "name (chinese)",
        "school",
        "school name",
        "name",
    ],
    "name_en": ["英文名称", "英文名", "学校英文名称", "英文校名", "name_en", "english name", "name (english)"],
    "province": [
        "省份",
        "所在省份",
        "所在地",
        "所在地区",
        "省",
        "省区市",
        "所在省区市",
        "省市",
        "地区",
        "province",
        "region",
    ],
    "status": ["状态", "遴选状态", "遴选结果", "结果", "status"],
    "category": ["类别", "建设类别", "入选类别", "建设单位类别", "category", "recognition"],
    "tier": ["档次", "等级", "建设档次", "档位", "tier"],
    "major_groups": [
        "专业群",
        "专业群名称",
        "建设专业群",
        "高水平专业群",
        "major groups",
        "major group",
        "major group name",
        "major_group_zh",
    ],
    "year": ["年份", "年度", "入选年份", "公布年份", "立项年份", "year", "year announced"],
}

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


# What the category column says, after its tier is taken out (see ``read_category``).
CATEGORY_ALIASES = {
    "高水平学校建设单位": RecognitionKind.DOUBLE_HIGH_SCHOOL,
    "高水平学校": RecognitionKind.DOUBLE_HIGH_SCHOOL,
    "高水平高职学校": RecognitionKind.DOUBLE_HIGH_SCHOOL,
    "high-level school": RecognitionKind.DOUBLE_HIGH_SCHOOL,
    "double-high-school": RecognitionKind.DOUBLE_HIGH_SCHOOL,
    "高水平专业群建设单位": RecognitionKind.DOUBLE_HIGH_MAJOR,
    "高水平专业群": RecognitionKind.DOUBLE_HIGH_MAJOR,
    "high-level major group": RecognitionKind.DOUBLE_HIGH_MAJOR,
    "double-high-major": RecognitionKind.DOUBLE_HIGH_MAJOR,
    "鲁班工坊": RecognitionKind.LUBAN,
    "luban workshop": RecognitionKind.LUBAN,
    "luban": RecognitionKind.LUBAN,
}
TIER_WORDS = ["档次", "档", "等级", "tier"]
TIER_IN_CATEGORY = re.compile(r"([abc])档|tier([abc])")
YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@dataclass(frozen=True)
class ListColumns:
    """The columns of one kind of published list: its fields in the order the
    preview shows them, the ones it cannot do without, the headings each is
    known by, and its name among the headings editors taught
    (``ImportColumnAlias.import_list``)."""

    name: str
    fields: list
    required: list
    aliases: dict  # field → [heading]
    labels: dict  # field → label
    # A cell longer than this is cut: a register's cell may list several sources.
    max_cell_chars: int = MAX_CELL_CHARS
    # Cells read as NFKC (full-width letters, digits and punctuation become
    # half-width): right for names that are only matched; a list whose text
    # becomes page titles keeps the publisher's Chinese punctuation （、）.
    normalise_cells: bool = True

    def taught(self):
        """``{heading key: field}`` that editors chose for this kind of list."""
        return dict(
            ImportColumnAlias.objects.filter(import_list=self.name, field__in=self.fields).values_list(
                "heading", "field"
            )
        )

    def known_headings(self):
        """Heading key → field, from the built-in names and the ones editors chose."""
        known = {heading_key(alias): name for name, values in self.aliases.items() for alias in values}
        known.update(self.taught())
        return known


SCHOOL_LIST = ListColumns("schools", FIELDS, REQUIRED_COLUMNS, COLUMN_ALIASES, FIELD_LABELS)
# A list of recognitions only needs the schools' names: the province only helps
# to find a renamed school (the Double High list has no province column).
RECOGNITION_LIST = ListColumns("schools", FIELDS, ["name_zh"], COLUMN_ALIASES, FIELD_LABELS)


def recognised_columns(columns=SCHOOL_LIST):
    """``[(label, required, [headings])]`` for the import page's help: what the
    import itself recognises, including the headings editors taught it."""
    taught = {}
    for heading, name in columns.taught().items():
        taught.setdefault(name, []).append(heading)
    return [
        (
            columns.labels[name],
            name in columns.required,
            [*columns.aliases[name], *sorted(taught.get(name, []))],
        )
        for name in columns.fields
    ]


def recognised_categories():
    """``[(recognition label, [values])]``: the category values the import reads."""
    values = {}
    for alias, kind in CATEGORY_ALIASES.items():
        values.setdefault(kind, []).append(alias)
    return [(RecognitionKind(kind).label, aliases) for kind, aliases in values.items()]


def recognised_statuses():
    """``[(status label, [values])]``: the status values the import reads."""
    values = {}
    for alias, status in STATUS_ALIASES.items():
        values.setdefault(status, []).append(alias)
    return [(SelectionStatus(status).label, aliases) for status, aliases in values.items()]


# Official province names carry a suffix (广东省, 北京市, 广西壮族自治区) that the
# reference data leaves out; they are removed before matching.
PROVINCE_SUFFIXES = ["维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"]

# Schools are renamed when they are upgraded: 深圳职业技术学院 became
# 深圳职业技术大学. Names ending in one of a group's suffixes are the same school
# under a known rename when the rest of the name and the province agree.
RENAME_GROUPS = [
    ["职业技术大学", "职业技术学院", "职业大学", "职业学院", "高等职业技术学校"],
    ["高等专科学校", "专科学校"],
    ["大学", "学院"],
]

# Units that published lists give in the province column: the Xinjiang Production
# and Construction Corps (新疆生产建设兵团) and the cities with provincial-level
# planning (计划单列市), read as their province.
PROVINCE_ALIASES = {
    "新疆生产建设兵团": "新疆",
    "兵团": "新疆",
    "大连": "辽宁",
    "青岛": "山东",
    "宁波": "浙江",
    "厦门": "福建",
    "深圳": "广东",
}

# How close two names of the same province must be to ask whether they are one school.
SIMILAR_NAME_RATIO = 0.85

normalise_name = school_name_key


def heading_key(value):
    """A column heading as a matching key: as ``normalise_name``, and without
    punctuation or underscores (省（区、市） → 省区市)."""
    key = normalise_name(value)
    return "".join(char for char in key if not unicodedata.category(char).startswith("P") and char != "_")


def rename_key(name_key):
    """The part of a (normalised) school name that survives a known rename,
    with the rename group it belongs to, or ``None``."""
    for group_number, suffixes in enumerate(RENAME_GROUPS):
        for suffix in sorted(suffixes, key=len, reverse=True):
            if name_key.endswith(suffix) and len(name_key) > len(suffix) + 1:
                return (group_number, name_key[: -len(suffix)])
    return None


def _cell_text(value, columns=SCHOOL_LIST):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value)) if columns.normalise_cells else str(value)
    return text.strip()[: columns.max_cell_chars]


# --- Reading the file ---------------------------------------------------------


@dataclass
class Table:
    """The rows of a file below its header row. ``header_line`` is the
    header's line number in the file (1 for the first line), so that every row
    is reported by the line the editor sees in their spreadsheet."""

    header: list
    rows: list
    header_line: int = 1
    # The rows above the header (a title, sub-headings such as 一、高水平学校建设单位 and A档).
    titles: list = field(default_factory=list)

    def line_of(self, offset):
        return self.header_line + 1 + offset


# A footnote below a published list: 注：…, 备注：…, 说明：…, 数据来源：…, Note: …, * …
NOTE_ROW = re.compile(
    r"^(?:注|备注|附注|说明|注释|数据来源|资料来源|note|notes|source|sources)\s*(?:[:：.\d]|$)|^[*※]", re.IGNORECASE
)
# A sub-heading between groups of rows: 一、…, （一）…, 第一批…, A档（10所）, …（56所）
HEADING_ROW = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十\d]+[批部类档])"
    r"|[(（]\s*(?:共\s*)?\d+\s*[所个项家]\s*[)）]\s*$|^[A-Ca-c]\s*档"
)


def row_kind(row, column_map):
    """Why a row between the header and the end is not data: ``("header", text)``
    for the header repeated (lists in several parts repeat it), ``("note", text)``
    for a footnote (注：…), ``("heading", text)`` for a sub-heading between groups
    of rows (一、高水平学校建设单位（56所）, A档（10所）: one text, often a merged
    cell, outside the columns a row cannot do without, or shaped as a heading);
    ``None`` for a data row (or a blank one)."""
    filled = [(index, cell) for index, cell in enumerate(row) if cell]
    if not filled:
        return None
    header_keys = [heading_key(title) for title in column_map.header if title]
    keys = [heading_key(cell) for _index, cell in filled]
    if len(keys) >= 2 and keys == header_keys:
        return ("header", " | ".join(cell for _index, cell in filled))
    if len({cell for _index, cell in filled}) != 1:
        return None
    index, text = filled[0]
    if NOTE_ROW.search(text):
        return ("note", text)
    if index not in column_map.columns.values() or HEADING_ROW.search(text):
        return ("heading", text)
    return None


def data_runs(table, column_map, plan):
    """The data rows of ``table`` as runs of adjacent rows, ``[[(line, cells)]]``
    (``cells``: field → its cell, ``ColumnMap.cells``): a blank line, or a line
    that is not data (``row_kind``: a sub-heading, a note, the header
    repeated; listed in ``plan.skipped``), ends a run."""
    runs = [[]]
    for offset, row in enumerate(table.rows):
        line = table.line_of(offset)
        if not any(row):
            runs.append([])
            continue
        kind = row_kind(row, column_map)
        if kind:
            plan.skipped.append(skipped_line(line, *kind))
            runs.append([])
            continue
        runs[-1].append((line, column_map.cells(row)))
    return runs


def read_section(text):
    """``(kind, tier)`` a sub-heading gives the rows below it: 一、高水平学校建设单位（56所）
    → (double-high-school, ""), A档（10所） → (None, "A"). Only a heading that is
    a category or a tier, once its numbering and count are taken away, counts: a
    list's title (中国特色高水平高职学校和专业建设计划建设单位名单) gives nothing."""
    text = re.sub(r"^\s*(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）])\s*", "", text)
    text = re.sub(r"[(（]\s*(?:共\s*)?\d+\s*[所个项家]\s*[)）]\s*$", "", text).strip()
    key = heading_key(text)
    tier = read_tier(text)
    if tier:
        return None, tier
    kind, tier = read_category(text)
    aliases = {heading_key(alias) for alias in CATEGORY_ALIASES}
    found = TIER_IN_CATEGORY.search(key)
    bare = key[: found.start()] + key[found.end() :] if found else key
    return (kind, tier) if kind and bare in aliases else (None, "")


def skipped_line(line, kind, text, continues=None):
    """``{"line", "kind", "reason"}``: a row the preview lists as not imported, and why."""
    reasons = {
        "header": _("the header row repeated"),
        "note": _("a note below the list"),
        "heading": _("a sub-heading between groups of rows"),
    }
    if kind == "continued":
        reason = _("adds to line %(line)s") % {"line": continues}
    else:
        reason = reasons[kind]
    return {"line": line, "kind": kind, "text": text, "reason": reason}


def carry_down(runs, value_of, give):
    """Fill the cells of a grouped column left empty below the first row of
    their group, as a spreadsheet with a merged cell (a province over the rows
    of its schools) reads once exported to CSV, or once unmerged. ``runs`` are
    the groups of adjacent data rows, a blank line or a line that is not data
    (a sub-heading, a note, the header repeated) ending one: a value is never
    carried across them. ``value_of(item)`` reads the column, ``give(item,
    value)`` fills it. Returns the items filled.

    Only a list clearly laid out this way is filled: when two adjacent rows
    both give the column the same value, the publisher wrote it on every row,
    and an empty cell is a value missing, not a group continued (it stays an
    error). An empty cell with no filled cell above it in its run stays empty."""
    for run in runs:
        for above, below in zip(run, run[1:], strict=False):
            first, second = normalise_name(value_of(above)), normalise_name(value_of(below))
            if first and first == second:
                return []
    filled = []
    for run in runs:
        value = ""
        for item in run:
            if value_of(item):
                value = value_of(item)
            elif value:
                give(item, value)
                filled.append(item)
    return filled


def line_ranges(lines):
    """Line numbers as ranges: [5, 6, 7, 9] → "5–7, 9" (the list separator of
    the editor's language)."""
    ranges = []
    for line in sorted(lines):
        if ranges and line == ranges[-1][1] + 1:
            ranges[-1][1] = line
        else:
            ranges.append([line, line])
    return list_separator().join(f"{first}–{last}" if last > first else str(first) for first, last in ranges)


def carried_down_note(field_name, lines):
    """The preview's note on a column carried down (see ``carry_down``)."""
    messages = {
        "province": lambda count: ngettext(
            "Province carried down from the row above on line %(lines)s (the cell is empty below the first school "
            "of its group, as a merged cell reads).",
            "Province carried down from the row above on lines %(lines)s (the cells are empty below the first "
            "school of their group, as a merged cell reads).",
            count,
        ),
        "country": lambda count: ngettext(
            "Host country carried down from the row above on line %(lines)s (the cell is empty below the first "
            "row of its group, as a merged cell reads).",
            "Host country carried down from the row above on lines %(lines)s (the cells are empty below the first "
            "row of their group, as a merged cell reads).",
            count,
        ),
    }
    return messages[field_name](len(lines)) % {"lines": line_ranges(lines)}


# A range of years in a title (2019—2023年, 2019-2023): its first year counts.
YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*年?\s*[-—–~～至到]+\s*(?:19|20)\d{2}")


def title_year(table):
    """``(year, line, years)``: the list's year as its title rows above the
    header give it (…名单的通知（2019年）, 2019年…名单, 第一批…（2019—2023年）: the
    first year of a range), with the line of the title naming it. When the
    titles name several different years, ``year`` is ``None`` and ``years``
    lists them: the import does not guess."""
    found = {}
    for index, row in enumerate(table.titles):
        for cell in dict.fromkeys(cell for cell in row if cell):
            for match in YEAR_IN_TEXT.finditer(YEAR_RANGE.sub(r"\1", cell)):
                found.setdefault(int(match.group(1)), index + 1)
    if len(found) == 1:
        year, line = next(iter(found.items()))
        return year, line, [year]
    return None, None, sorted(found)


def read_table(data, filename="", columns=SCHOOL_LIST):
    """The ``Table`` of the first sheet of an XLSX file or of a CSV file, its
    header found below any title rows by the headings of ``columns``.

    Raises ``ImportFileError`` for an empty, binary, oversized or unreadable file."""
    if not data:
        raise ImportFileError(_("The file is empty."))
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(_("The file is larger than 10 MB."))
    rows = _read_xlsx(data, columns) if data[:4] == b"PK\x03\x04" else _read_csv(data, columns)
    cells = []
    for row in rows:
        if len(cells) > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise ImportFileError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
        cells.append(_capped_row(row, columns))
    while cells and not any(cells[-1]):
        cells.pop()
    if not any(any(row) for row in cells):
        raise ImportFileError(_("The file has no header row and no data."))
    header_index = find_header_row(cells, columns)
    data_rows = cells[header_index + 1 :]
    if len(data_rows) > MAX_ROWS:
        raise ImportFileError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    return Table(header=cells[header_index], rows=data_rows, header_line=header_index + 1, titles=cells[:header_index])


def _capped_row(row, columns=SCHOOL_LIST):
    """A row's cells as text (as ``columns`` reads a cell), without
    trailing empty cells; refused when it has something beyond the
    ``MAX_COLUMNS`` th column."""
    if len(row) > MAX_COLUMNS and set(row[MAX_COLUMNS:]) - {None, ""}:
        raise ImportFileError(_("The file has more than %(max)s columns.") % {"max": MAX_COLUMNS})
    cells = [_cell_text(cell, columns) for cell in row[:MAX_COLUMNS]]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def find_header_row(rows, columns=SCHOOL_LIST):
    """The index of the header row: among the first rows, the one naming the
    most known columns of ``columns``; title rows (one filled cell, often a
    merged cell) and blank rows above it are skipped. Without any known column
    name, the first row with two or more filled cells (the editor then says
    which is which)."""
    aliases = columns.known_headings()
    best, best_score = None, 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = len({aliases[key] for key in map(heading_key, row) if key in aliases})
        if score > best_score:
            best, best_score = index, score
    if best is not None:
        return best
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(1 for cell in row if cell) >= 2:
            return index
    return next(index for index, row in enumerate(rows) if any(row))


def _read_xlsx(data, columns=SCHOOL_LIST):
    """The rows of the first sheet, streamed: the declared dimension of the
    sheet is ignored (a file can claim a million rows and columns), and at most
    ``MAX_ROWS`` rows of ``MAX_COLUMNS`` columns are read."""
    # openpyxl is imported only when a workbook is uploaded: it is large, and
    # most imports (and every other page of the site) never need it.
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportFileError(_("The file looks like an Excel workbook but cannot be read.")) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(
            _("The workbook unpacks to more than %(max)s MB: it cannot be a list of schools.")
            % {"max": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise ImportFileError(_("The file looks like an Excel workbook but cannot be read.")) from None
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("The workbook has no sheet."))
        sheet = workbook.worksheets[0]
        # Without this, openpyxl pads every row (and the gaps between rows) to
        # the size the file declares.
        sheet.reset_dimensions()
        rows = []
        try:
            for row in sheet.iter_rows(min_row=1, values_only=True):
                if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                    raise ImportFileError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
                rows.append(_capped_row(row, columns))
            _fill_merged_down(rows, _merged_ranges(workbook, sheet))
        except (KeyError, ValueError, TypeError, zipfile.BadZipFile, OSError, SyntaxError):
            raise ImportFileError(_("The file looks like an Excel workbook but cannot be read.")) from None
        return rows
    finally:
        workbook.close()


MERGE_REF = re.compile(r"^([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)$")


def _merged_ranges(workbook, sheet):
    """``[(first row, first column, last row, last column)]`` (1-based) of the
    sheet's merged cells. A workbook read as a stream does not give them, so
    they are read from the sheet's XML (they follow its rows)."""
    from openpyxl.utils import column_index_from_string
    from openpyxl.xml.functions import iterparse

    ranges = []
    path = getattr(sheet, "_worksheet_path", None)
    if not path:
        return ranges
    with workbook._archive.open(path) as source:
        for _event, element in iterparse(source):
            if element.tag.endswith("}mergeCell"):
                found = MERGE_REF.match(element.get("ref", ""))
                if found and len(ranges) < MAX_ROWS:
                    first_col, first_row, last_col, last_row = found.groups()
                    ranges.append(
                        (
                            int(first_row),
                            column_index_from_string(first_col),
                            int(last_row),
                            column_index_from_string(last_col),
                        )
                    )
            element.clear()
    return ranges


def _fill_merged_down(rows, ranges):
    """Give every row of a cell merged over several rows (a school's name and
    province beside its two major groups) the merged cell's value, as the
    editor sees it. A cell merged across columns only (a title) is left alone.
    At most one cell per cell of the sheet read is filled (a file cannot
    declare millions of overlapping merges)."""
    budget = len(rows) * MAX_COLUMNS
    for first_row, first_col, last_row, _last_col in ranges:
        if last_row <= first_row or first_row > len(rows) or first_col > MAX_COLUMNS:
            continue
        budget -= min(last_row, len(rows)) - first_row
        if budget < 0:
            break
        anchor = rows[first_row - 1]
        value = anchor[first_col - 1] if first_col <= len(anchor) else ""
        if not value:
            continue
        for number in range(first_row + 1, min(last_row, len(rows)) + 1):
            row = rows[number - 1]
            row.extend([""] * (first_col - len(row)))
            if not row[first_col - 1]:
                row[first_col - 1] = value


def _read_csv(data, columns=SCHOOL_LIST):
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
    # The delimiter is the one most used on the line with the most of them (a
    # title line above the header has few or none).
    lines = text.lstrip("\ufeff").splitlines()[:HEADER_SEARCH_ROWS]
    delimiter = max(
        [",", ";", "\t", "，"], key=lambda candidate: max((line.count(candidate) for line in lines), default=0)
    )
    if not any(delimiter in line for line in lines):
        delimiter = ","
    csv.field_size_limit(columns.max_cell_chars * 10)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileError(_("The CSV file is malformed: %(error)s") % {"error": error}) from None


# --- Recognising the columns ----------------------------------------------------


@dataclass
class ColumnMap:
    """Which column of the file holds which field."""

    header: list
    columns: dict  # field → column index
    chosen: dict  # field → column index, as the editor chose it
    list_columns: ListColumns = SCHOOL_LIST

    @property
    def missing(self):
        return [name for name in self.list_columns.required if name not in self.columns]

    @property
    def unused(self):
        used = set(self.columns.values())
        return [title for index, title in enumerate(self.header) if title and index not in used]

    @property
    def has_status(self):
        return "status" in self.columns

    def heading(self, name):
        index = self.columns.get(name)
        return self.header[index] if index is not None else ""

    def cells(self, row):
        """``{field: cell}`` of a data row, for the fields of its kind of list found in the header."""
        return {
            name: row[index] if index < len(row) else ""
            for name, index in self.columns.items()
            if name in self.list_columns.fields
        }

    def plan_columns(self):
        """What a plan says of the columns: ``{"columns": {field: heading},
        "unused_columns", "missing_columns"}``."""
        return {
            "columns": {name: self.heading(name) for name in self.list_columns.fields if name in self.columns},
            "unused_columns": self.unused,
            "missing_columns": self.missing,
        }


def map_columns(header, chosen=None, list_columns=SCHOOL_LIST):
    """The ``ColumnMap`` of a header row for a kind of list (``list_columns``).
    ``chosen`` maps fields to column indexes (or to headings, as given on the
    command line) and wins over the names recognised; a field chosen as
    ``None`` is not read."""
    known = list_columns.known_headings()
    chosen = dict(chosen or {})
    for name, value in list(chosen.items()):
        if isinstance(value, str):
            key = heading_key(value)
            matches = [index for index, title in enumerate(header) if heading_key(title) == key]
            chosen[name] = matches[0] if matches else -1
    columns = {name: index for name, index in chosen.items() if index is not None and 0 <= index < len(header)}
    taken = set(columns.values())
    keys = [heading_key(title) for title in header]
    for index, key in enumerate(keys):
        name = known.get(key)
        if name and name not in columns and name not in chosen and index not in taken:
            columns[name] = index
            taken.add(index)
    # A heading that contains a known name (院校名称（中文） holds 院校名称), the
    # longest known name first: 学校英文名称 is an English name, not a 学校.
    by_length = sorted(
        ((alias, name) for alias, name in known.items() if len(alias) >= 2), key=lambda item: -len(item[0])
    )
    for index, key in enumerate(keys):
        if index in taken or not key:
            continue
        for alias, name in by_length:
            if alias in key:
                if name not in columns and name not in chosen:
                    columns[name] = index
                    taken.add(index)
                break
    return ColumnMap(header=list(header), columns=columns, chosen=chosen, list_columns=list_columns)


def remember_columns(column_map, user=None):
    """Keep the headings an editor chose for fields, for the next imports."""
    list_columns = column_map.list_columns
    for name, index in column_map.chosen.items():
        if index is None or not 0 <= index < len(column_map.header):
            continue
        key = heading_key(column_map.header[index])
        builtin = {heading_key(alias) for alias in list_columns.aliases[name]}
        if key and key not in builtin:
            ImportColumnAlias.objects.update_or_create(
                import_list=list_columns.name, heading=key, defaults={"field": name, "chosen_by": user}
            )


def missing_columns_message(column_map):
    expected = {
        "name_zh": "学校名称 / name_zh",
        "province": "省份 / province",
    }
    return _(
        "Wrong columns: missing %(missing)s. The header row must name the columns %(expected)s; it reads: %(found)s."
    ) % {
        "missing": list_separator().join(expected[name] for name in column_map.missing),
        "expected": "学校名称 / name_zh, 英文名称 / name_en, 省份 / province, 状态 / status",
        "found": " | ".join(title for title in column_map.header if title) or _("(empty)"),
    }


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
    matched_by: str = ""  # "name", "former name", "rename" or "editor"
    action: str = ""  # "match", "create", "duplicate" (the editor decides) or "error"
    candidates: list = field(default_factory=list)  # [(school id, name)] of a possible duplicate
    choice: str = ""  # the editor's decision on a possible duplicate: "new" or a school id
    current: str = ""  # the school's selection before the import
    fills_english: bool = False  # an existing school without an English name gets the file's
    unchanged: bool = False
    errors: list = field(default_factory=list)
    # The school's recognition, as the row's cells say it and as read.
    category_text: str = ""
    tier_text: str = ""
    major_groups_text: str = ""
    year_text: str = ""
    recognition_kind: str = ""
    recognition_tier: str = ""
    recognition_groups: str = ""
    recognition_year: int | None = None
    recognition_change: str = ""  # "add", "update" or "" (none, or already recorded)
    # The category and tier of the sub-heading above the row (一、高水平学校建设单位, A档).
    section_kind: str = ""
    section_tier: str = ""
    section_text: str = ""

    @property
    def status_label(self):
        return SelectionStatus(self.status).label if self.status else ""

    @property
    def recognition(self):
        """The ``RecognitionValues`` the row gives its school, or ``None``."""
        if not self.recognition_kind:
            return None
        return RecognitionValues(
            kind=self.recognition_kind,
            year=self.recognition_year,
            tier=self.recognition_tier,
            major_groups=self.recognition_groups,
        )

    @property
    def recognition_display(self):
        """The recognition in the editor's language: "Double High Plan: high-level school, tier A (2019)"."""
        recognition = self.recognition
        return recognition.row().text if recognition else ""


@dataclass
class ImportPlan(PlanRows):
    """The checked rows of one file for one batch: the dry-run preview."""

    batch_id: int
    decided_on: str
    rows: list
    columns: dict = field(default_factory=dict)  # field → heading
    unused_columns: list = field(default_factory=list)
    missing_columns: list = field(default_factory=list)
    has_status: bool = True
    reads_recognitions: bool = False
    warnings: list = field(default_factory=list)
    # Rows that are not data (see ``build_plan``): [{"line", "kind", "text", "reason"}].
    skipped: list = field(default_factory=list)
    recognitions_only: bool = False
    # What the import read beyond the cells, in the editor's language: a province
    # carried down, the year read from the title (``carry_down``, ``title_year``).
    notes: list = field(default_factory=list)

    @property
    def changes(self):
        return [row for row in self.rows if row.action in ("match", "create") and not row.unchanged]

    @property
    def recognitions(self):
        """Rows that record a recognition or change one."""
        return [row for row in self.rows if row.action in ("match", "create") and row.recognition_change]

    @property
    def decided_on_date(self):
        return datetime.date.fromisoformat(self.decided_on) if self.decided_on else None

    def digest(self):
        """A fingerprint of what applying will do, to check at confirmation
        that it is exactly what the editor previewed."""
        payload = json.dumps(
            [self.batch_id, self.decided_on, self.recognitions_only, [asdict(row) for row in self.rows]],
            sort_keys=True,
        )
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
    for suffix in ["", *PROVINCE_SUFFIXES]:
        stem = key[: -len(suffix)] if suffix and key.endswith(suffix) else key
        if suffix and stem == key:
            continue
        if stem in lookup:
            return lookup[stem]
        if stem in PROVINCE_ALIASES and normalise_name(PROVINCE_ALIASES[stem]) in lookup:
            return lookup[normalise_name(PROVINCE_ALIASES[stem])]
    return None


class SchoolIndex:
    """Every school's names, for matching rows in a fixed number of queries."""

    def __init__(self):
        self.by_name = {}  # name key → (pk, title, "name" or "former name")
        self.by_rename = {}  # (province, rename key) → {pk}
        self.by_province = {}  # province → [(name key, pk)]
        self.titles = {}
        rows = SchoolPage.objects.values_list(
            "pk", "official_name_zh", "title_zh_hans", "former_names", "title", "province_id"
        )
        for pk, official, title_zh, former, title, province in rows:
            self.titles[pk] = official or title
            current = [official, title_zh]
            for kind, names in (("name", current), ("former name", split_former_names(former))):
                for name in names:
                    key = normalise_name(name)
                    if not key:
                        continue
                    self.by_name.setdefault(key, (pk, kind))
                    renamed = rename_key(key)
                    if renamed:
                        self.by_rename.setdefault((province, renamed), set()).add(pk)
                    self.by_province.setdefault(province, []).append((key, pk))

    def exact(self, key):
        return self.by_name.get(key)

    def renamed(self, key, province):
        renamed = rename_key(key)
        return sorted(self.by_rename.get((province, renamed), ())) if renamed else []

    def renamed_anywhere(self, key):
        """The schools of any province a known rename of ``key`` fits."""
        renamed = rename_key(key)
        if not renamed:
            return []
        return sorted({pk for (_province, other), pks in self.by_rename.items() if other == renamed for pk in pks})

    def similar(self, key, province, limit=3):
        """Schools of the province whose name differs from ``key`` by about
        one character (a typo, a variant character). Names that only share
        the usual endings (广州番禺职业技术学院, 广州铁路职业技术学院) are not similar."""
        scores = {}
        for other, pk in self.by_province.get(province, ()):
            if abs(len(other) - len(key)) > 1:
                continue
            matcher = difflib.SequenceMatcher(None, key, other)
            if matcher.quick_ratio() >= SIMILAR_NAME_RATIO and matcher.ratio() >= SIMILAR_NAME_RATIO:
                scores[pk] = max(scores.get(pk, 0), matcher.ratio())
        return sorted(scores, key=lambda pk: -scores[pk])[:limit]


def build_plan(table, batch, decided_on, *, columns=None, choices=None, recognitions_only=False, year=None):
    """Check every row against the database and say what applying will do.
    ``columns`` are the editor's choices of columns (see ``map_columns``);
    ``choices`` their decisions on possible duplicates, ``{line: "new" or
    school id}``. Reads the database in a fixed number of queries, whatever
    the file's size.

    Rows that are not data are listed in ``plan.skipped``, not checked: the
    header repeated, footnotes (注：…), and sub-headings between groups of rows.
    A sub-heading naming a category or a tier of the Double High Plan
    (一、高水平学校建设单位（56所）, A档（10所）) gives it to the rows below it
    that have none of their own, as the ministry's own list is laid out. A row
    without a name or province that only adds major groups, or that repeats the
    school of the row above (cells merged over two rows), continues that row.
    A province written only on the first row of its group (a merged cell
    exported to CSV) is carried down to the rows below (``carry_down``).

    ``recognitions_only``: the list is a list of recognitions (the Double High
    Plan's own list), not a batch's decisions: no status is read and no school
    is selected into a batch (``batch`` may be ``None``); the recognitions and
    English names of the schools in the portal are recorded, and a school the
    portal does not have is listed as skipped, never created. ``year`` is the
    recognitions' year when the file has no year column (default: the year its
    title gives, see ``title_year``, else the batch's); the province column is
    then optional."""
    column_map = map_columns(table.header, columns, RECOGNITION_LIST if recognitions_only else SCHOOL_LIST)
    plan = ImportPlan(
        batch_id=batch.pk if batch else None,
        decided_on=str(decided_on) if decided_on else "",
        rows=[],
        **column_map.plan_columns(),
        has_status=column_map.has_status and not recognitions_only,
        reads_recognitions=any(name in column_map.columns for name in RECOGNITION_FIELDS),
        recognitions_only=recognitions_only,
    )
    if recognitions_only and "status" in plan.columns:
        del plan.columns["status"]
    if column_map.missing:
        return plan
    choices = {int(line): str(choice) for line, choice in (choices or {}).items()}
    entries = _read_entries(table, column_map, plan)
    if any(entry.section_kind for entry in entries):
        plan.reads_recognitions = True
    default_year = year or _year_of_title(table, column_map, plan) or (batch.year if batch else None)
    provinces = _province_lookup()
    schools = SchoolIndex()
    selections = {
        selection["school_id"]: selection
        for selection in BatchSelection.objects.values("school_id", "batch_id", "batch__name", "status")
    }
    statuses = {normalise_name(alias): status for alias, status in STATUS_ALIASES.items()}
    needs_english = schools_to_name_in_english()
    recognitions = current_recognitions() if plan.reads_recognitions else {}
    seen = {}
    for entry in entries:
        _check_row(entry, plan, provinces, schools, statuses, choices)
        _check_recognition(entry, default_year)
        if recognitions_only and not entry.recognition_kind and not entry.errors:
            entry.errors.append(_("No recognition on this row: a category (or a sub-heading above the row) is needed."))
        key = normalise_name(entry.name_zh)
        identity = ("school", entry.school_id) if entry.school_id else ("name", key)
        if key:
            if identity in seen:
                entry.errors.append(_("Duplicate row: the same school as line %(line)s.") % {"line": seen[identity]})
            else:
                seen[identity] = entry.line
        current = selections.get(entry.school_id) if entry.school_id else None
        if recognitions_only:
            entry.unchanged = True
        elif current:
            entry.current = f"{current['batch__name']}: {SelectionStatus(current['status']).label}"
            if current["batch_id"] != batch.pk and current["status"] != SelectionStatus.WITHDRAWN:
                entry.errors.append(
                    _("This school is already %(status)s in %(batch)s.")
                    % {"status": SelectionStatus(current["status"]).label.lower(), "batch": current["batch__name"]}
                )
            elif current["batch_id"] == batch.pk and current["status"] == entry.status:
                entry.unchanged = True
        if entry.school_id in needs_english and has_latin_letters(entry.name_en):
            entry.fills_english = True
            entry.unchanged = False
        if entry.recognition:
            entry.recognition_change = change_of(recognitions.get(entry.school_id, []), entry.recognition)
            if entry.recognition_change:
                entry.unchanged = False
        if entry.errors:
            entry.action = "error"
        elif entry.action != "duplicate":
            if entry.school_id:
                entry.action = "match"
            elif recognitions_only:
                entry.action = "skip"
            else:
                entry.action = "create"
        plan.rows.append(entry)
    plan.warnings = [] if recognitions_only else batch_warnings(batch, decided_on, plan, selections)
    return plan


def _year_of_title(table, column_map, plan):
    """The recognitions' year the list's title gives (see ``title_year``), when
    the list reads recognitions and has no year column, with a note saying so
    (or saying why it gives none)."""
    if not plan.reads_recognitions or "year" in column_map.columns:
        return None
    year, line, years = title_year(table)
    if year:
        plan.notes.append(_("Year %(year)s read from the title on line %(line)s.") % {"year": year, "line": line})
    elif years:
        plan.notes.append(
            _("The title names several years (%(years)s): none is taken as the list's year.")
            % {"years": list_separator().join(map(str, years))}
        )
    return year


def _read_entries(table, column_map, plan):
    """The data rows of ``table`` as ``PlannedRow``s, not yet checked; the rows
    that are not data go to ``plan.skipped`` (see ``build_plan``)."""
    entries = []
    section_kind, section_tier, section_text = "", "", ""
    # Sub-headings above the header (一、高水平学校建设单位 then A档, then the header).
    for row in table.titles:
        filled = [cell for cell in row if cell]
        if len(set(filled)) == 1:
            category, tier = read_section(filled[0])
            if category:
                section_kind, section_tier, section_text = category, tier, filled[0]
            elif tier and section_kind:
                section_tier, section_text = tier, filled[0]
    previous = None  # the entry of the row just above, for a row that continues it
    runs = [[]]  # the groups of adjacent rows a province may be carried down in
    for offset, row in enumerate(table.rows):
        line = table.line_of(offset)
        if not any(row):
            previous = None
            runs.append([])
            continue
        kind = row_kind(row, column_map)
        if kind:
            plan.skipped.append(skipped_line(line, *kind))
            previous = None
            runs.append([])
            if kind[0] == "heading":
                category, tier = read_section(kind[1])
                if category:
                    section_kind, section_tier, section_text = category, tier, kind[1]
                elif tier and section_kind:
                    section_tier, section_text = tier, kind[1]
            continue

        def cell(name, row=row):
            index = column_map.columns.get(name)
            return row[index] if index is not None and index < len(row) else ""

        if previous is not None and _continues(previous, cell):
            groups = cell("major_groups")
            if groups and groups not in split_former_names(previous.major_groups_text):
                previous.major_groups_text = "、".join([*split_former_names(previous.major_groups_text), groups])
            plan.skipped.append(
                skipped_line(line, "continued", " | ".join(value for value in row if value), previous.line)
            )
            continue
        entry = PlannedRow(
            line=line,
            name_zh=cell("name_zh"),
            name_en=cell("name_en"),
            province=cell("province"),
            status_text=cell("status"),
            category_text=cell("category"),
            tier_text=cell("tier"),
            major_groups_text=cell("major_groups"),
            year_text=cell("year"),
            section_kind=section_kind,
            section_tier=section_tier,
            section_text=section_text,
        )
        entries.append(entry)
        runs[-1].append(entry)
        previous = entry
    carried = carry_down(runs, lambda entry: entry.province, lambda entry, value: setattr(entry, "province", value))
    if carried:
        plan.notes.append(carried_down_note("province", [entry.line for entry in carried]))
    return entries


def _continues(previous, cell):
    """Whether a row only adds major groups to the school of the row above:
    its name and province are empty or the same (cells merged over the rows),
    and it says nothing else of its own."""
    if not cell("major_groups"):
        return False
    same_name = not cell("name_zh") or normalise_name(cell("name_zh")) == normalise_name(previous.name_zh)
    same_province = not cell("province") or normalise_name(cell("province")) == normalise_name(previous.province)
    others = ("status", "category", "tier", "year", "name_en")
    same_rest = all(
        not cell(name) or cell(name) == getattr(previous, f"{name}_text" if name != "name_en" else name)
        for name in others
    )
    return same_name and same_province and same_rest and bool(cell("name_zh") or not cell("province"))


def _check_row(entry, plan, provinces, schools, statuses, choices):
    key = normalise_name(entry.name_zh)
    if not key:
        entry.errors.append(_("The Chinese name is empty."))
    entry.province_id = _find_province(entry.province, provinces)
    if entry.province_id is None:
        if entry.province:
            entry.errors.append(_("Unknown province “%(province)s”.") % {"province": entry.province})
        elif not plan.recognitions_only:
            entry.errors.append(_("The province is empty."))
    if plan.recognitions_only:
        entry.status = ""
    elif plan.has_status:
        entry.status = statuses.get(normalise_name(entry.status_text), "")
        if not entry.status:
            entry.errors.append(
                _("Unknown status “%(status)s”: use 入选/selected, 推荐/nominated or 撤销/withdrawn.")
                % {"status": entry.status_text}
            )
    else:
        entry.status = SelectionStatus.SELECTED
    if not key:
        return
    exact = schools.exact(key)
    if exact:
        entry.school_id, entry.matched_by = exact
    elif entry.province_id is None and plan.recognitions_only:
        # Without a province, a known rename counts only when one school fits it.
        renamed = schools.renamed_anywhere(key)
        if len(renamed) == 1:
            entry.school_id, entry.matched_by = renamed[0], "rename"
    elif entry.province_id is not None:
        renamed = schools.renamed(key, entry.province_id)
        if len(renamed) == 1:
            entry.school_id, entry.matched_by = renamed[0], "rename"
        else:
            candidates = renamed or schools.similar(key, entry.province_id)
            if candidates:
                entry.candidates = [(pk, schools.titles[pk]) for pk in candidates]
                entry.choice = choices.get(entry.line, "")
                if entry.choice == "new":
                    pass
                elif entry.choice.isdigit() and int(entry.choice) in candidates:
                    entry.school_id, entry.matched_by = int(entry.choice), "editor"
                else:
                    entry.choice = ""
                    entry.action = "duplicate"
    if entry.school_id:
        entry.school_title = schools.titles[entry.school_id]


def read_category(text):
    """``(kind, tier)`` of a category cell ("高水平学校建设单位（A档）" →
    (double-high-school, "A")); ``kind`` is ``None`` when it is not one the
    import knows, ``tier`` "" when it names none."""
    key = heading_key(text)
    tier = ""
    found = TIER_IN_CATEGORY.search(key)
    if found:
        tier = (found.group(1) or found.group(2)).upper()
        key = key[: found.start()] + key[found.end() :]
    aliases = {heading_key(alias): kind for alias, kind in CATEGORY_ALIASES.items()}
    if key in aliases:
        return aliases[key], tier
    # A longer official wording (中国特色高水平高职学校建设单位) holds a known one.
    for alias in sorted(aliases, key=len, reverse=True):
        if alias in key:
            return aliases[alias], tier
    return None, tier


def read_tier(text):
    """ "A", "B" or "C" of a tier cell (A档, B, Tier C); "" when it is none of them."""
    key = heading_key(text)
    for word in TIER_WORDS:
        key = key.replace(word, "")
    return key.upper() if key in ("a", "b", "c") else ""


def _check_recognition(entry, default_year):
    """Read the row's recognition (category, tier, major groups, year) into
    ``entry``; a row that gives none of them, under no sub-heading naming a
    category, records none. ``default_year``: the year when the row gives none."""
    if not (entry.category_text or entry.tier_text or entry.major_groups_text or entry.section_kind):
        return
    kind, tier = read_category(entry.category_text)
    if not entry.category_text and entry.section_kind:
        kind, tier = entry.section_kind, entry.section_tier
    elif not entry.category_text:
        entry.errors.append(
            _("A tier or major groups need a category: 高水平学校建设单位, 高水平专业群建设单位 or 鲁班工坊.")
        )
    elif kind is None:
        entry.errors.append(
            _(
                "Unknown category “%(category)s”: use 高水平学校建设单位, 高水平专业群建设单位 or 鲁班工坊, "
                "or choose no column for the category."
            )
            % {"category": entry.category_text}
        )
    if entry.tier_text:
        tier = read_tier(entry.tier_text)
        if not tier:
            entry.errors.append(
                _("Unknown tier “%(tier)s”: use A, B or C (A档, B档, C档).") % {"tier": entry.tier_text}
            )
    groups = split_former_names(entry.major_groups_text)
    if kind is not None and kind not in DOUBLE_HIGH_KINDS and (tier or groups):
        entry.errors.append(_("Only the Double High Plan has tiers and major groups."))
    year = default_year
    if entry.year_text:
        found = YEAR_IN_TEXT.search(entry.year_text)
        year = int(found.group(1)) if found else None
        if year is None:
            entry.errors.append(
                _("Unknown year “%(year)s”: write it with four digits, e.g. 2019.") % {"year": entry.year_text}
            )
    elif year is None and kind is not None:
        entry.errors.append(_("The year of the recognition is unknown: give it with the list, or in a year column."))
    if kind is not None and year is not None:
        entry.recognition_kind = kind
        entry.recognition_tier = tier
        entry.recognition_groups = "、".join(groups)
        entry.recognition_year = year


def batch_warnings(batch, decided_on, plan=None, selections=None):
    """What the editor should know before applying (or on the batch list):
    the batch passing its quota, decisions dated outside the batch's year."""
    warnings = []
    if selections is None:
        selections = {
            selection["school_id"]: selection
            for selection in BatchSelection.objects.values("school_id", "batch_id", "status")
        }
    statuses = {pk: row["status"] for pk, row in selections.items() if row["batch_id"] == batch.pk}
    for row in plan.rows if plan else ():
        # A possible duplicate counts either way: as the same school or a new one.
        if row.action == "match":
            statuses[row.school_id] = row.status
        elif row.action in ("create", "duplicate"):
            statuses[("new", row.line)] = row.status
    selected = sum(1 for status in statuses.values() if status == SelectionStatus.SELECTED)
    if selected > batch.quota:
        warnings.append(
            _("%(batch)s will have %(selected)s selected schools, more than its quota of %(quota)s.")
            % {"batch": batch, "selected": selected, "quota": batch.quota}
            if plan
            else _("%(batch)s has %(selected)s selected schools, more than its quota of %(quota)s.")
            % {"batch": batch, "selected": selected, "quota": batch.quota}
        )
    if decided_on is not None and decided_on.year != batch.year:
        warnings.append(
            _("The decisions are dated %(date)s, outside the year of %(batch)s (%(year)s).")
            % {"date": decided_on.isoformat(), "batch": batch, "year": batch.year}
        )
    return warnings


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
    school's editors complete and publish it later. Its slug is ASCII (the
    English name, or the Chinese name in pinyin)."""
    title = row.name_en or row.name_zh
    slug = _unique_slug(ascii_slug(row.name_en or row.name_zh), taken_slugs)
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
    if row.recognition:
        page.recognitions = [row.recognition.row(sort_order=0)]
    index.add_child(instance=page)
    return page


def fill_english_name(school_id, name_en, user):
    """Give an existing school the English name of an official list when it has
    none (its English title repeats the Chinese name). A draft school's row is
    what the public list shows, so it is written there; every school also gets a
    revision, published when the live page had no pending draft (the name is the
    ministry's own), otherwise left as a draft beside the school's changes."""
    page = SchoolPage.objects.get(pk=school_id)
    pending = page.has_unpublished_changes
    latest = page.get_latest_revision_as_object() if page.latest_revision_id else page
    # title_en, never title: modeltranslation would write the admin's language.
    page.title_en = latest.title_en = name_en
    if not page.live:
        page.save(update_fields=["title_en"])
    if page.latest_revision_id or page.live:
        revision = latest.save_revision(user=user, log_action=True)
        if page.live and not pending:
            revision.publish(user=user)


def apply_plan(plan, user, expected_digest=None):
    """Apply a checked plan, all or nothing. Returns ``{"created", "changed",
    "unchanged", "english_names", "recognitions"}`` counts. Raises ``ImportFileError`` when the plan has errors
    or undecided rows, or ``PlanChanged`` when it no longer matches what was
    previewed."""
    check_before_applying(
        plan,
        expected_digest,
        undecided_message=_(
            "Decide for each possible duplicate whether it is the same school or a new one; nothing was imported."
        ),
        errors_message=_("The file has errors; nothing was imported."),
    )
    batch = Batch.objects.get(pk=plan.batch_id) if plan.batch_id else None
    counts = {"created": 0, "changed": 0, "unchanged": 0, "english_names": 0, "recognitions": 0}
    with transaction.atomic():
        index = SchoolIndexPage.objects.first()
        if index is None and plan.created:
            raise ImportFileError(_("There is no school directory to create new schools in."))
        taken_slugs = set(index.get_children().values_list("slug", flat=True)) if index else set()
        for row in plan.rows:
            if row.action == "skip":
                continue
            if row.action == "create":
                school_id = create_draft_school(index, row, taken_slugs).pk
                counts["created"] += 1
                counts["recognitions"] += bool(row.recognition)
            else:
                school_id = row.school_id
                if row.fills_english:
                    fill_english_name(school_id, row.name_en, user)
                    counts["english_names"] += 1
                if row.recognition_change:
                    counts["recognitions"] += record_recognition(school_id, row.recognition, user)
            if plan.recognitions_only:
                counts["unchanged"] += not (row.fills_english or row.recognition_change)
                continue
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


def schools_to_name_in_english():
    """Ids of the schools an English column would name: no English name, and
    none waiting in a draft either (so a re-import changes nothing)."""
    ids = set()
    for school in schools_needing_english_name().select_related("latest_revision"):
        revision = school.latest_revision
        if revision is None or not has_latin_letters(revision.content.get("title_en")):
            ids.add(school.pk)
    return ids


def schools_needing_english_name():
    """Schools whose English title is missing or not in Latin letters (drafts
    created from a list without an English column), for the dashboard."""
    no_latin = ~Q(title_en__regex=r"[A-Za-z]") | Q(title_en__isnull=True)
    return SchoolPage.objects.filter(no_latin).select_related("province").order_by("official_name_zh")
