"""Batch lists in the shape the ministry publishes them: title rows and a
merged title cell above the header, Chinese headers, no status column, extra
columns, schools under former names or renamed, possible duplicates, GB18030
and XLSX, and a workbook whose declared size is a bomb; and the command line."""

import datetime
import io
import re
import tracemalloc
import zipfile

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from wagtail.models import Revision

import pytest
from openpyxl import Workbook

from ministry.imports import MAX_ROWS, ImportFileError, Table, build_plan, map_columns, read_table
from portal.roles import school_editors_group
from programmes.batches import record_decision
from programmes.models import (
    BatchDecision,
    BatchSelection,
    ImportColumnAlias,
    Province,
    SchoolPage,
    SchoolRecognition,
    SelectionStatus,
)
from tests.factories import BatchFactory, SchoolPageFactory

DECIDED = datetime.date(2019, 12, 10)
TITLE = "教育部 财政部关于公布中国特色高水平高职学校和专业建设计划建设单位名单的通知"
HEADER = ["序号", "学校名称", "所在省份", "类别", "备注"]


def province(code):
    return Province.objects.get(code=code)


@pytest.fixture
def schools(home):
    """Schools already in the portal: one renamed since 2019 (its old name is
    recorded), one renamed without a record, one the list spells with a typo."""
    return {
        "former": SchoolPageFactory(
            official_name_zh="深圳职业技术大学",
            title_zh_hans="深圳职业技术大学",
            former_names="深圳职业技术学院",
            province=province("CN-GD"),
        ),
        "renamed": SchoolPageFactory(
            official_name_zh="南京工业职业技术大学", title_zh_hans="南京工业职业技术大学", province=province("CN-JS")
        ),
        "typo": SchoolPageFactory(
            official_name_zh="广州番禺职业技术学院", title_zh_hans="广州番禺职业技术学院", province=province("CN-GD")
        ),
    }


def published_rows():
    """A list as published: title, subtitle, blank line, header, rows."""
    return [
        [TITLE, None, None, None, None],
        ["（按学校名称笔画排序）", None, None, None, None],
        [None, None, None, None, None],
        HEADER,
        ["1", "深圳职业技术学院", "广东省", "高水平学校建设单位（A档）", ""],
        ["2", "南京工业职业技术学院", "江苏省", "高水平学校建设单位（B档）", ""],
        ["3", "广州番禺职业技朮学院", "广东省", "高水平专业群建设单位（C档）", "原文如此"],
        ["4", "天津医学高等专科学校", "天津市", "高水平专业群建设单位（C档）", ""],
    ]


def xlsx_bytes(rows, merge_title=True):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if merge_title:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, encoding="utf-8"):
    text = "\r\n".join(",".join("" if cell is None else str(cell) for cell in row) for row in rows) + "\r\n"
    return text.encode(encoding)


def upload(client, batch, data, name):
    return client.post(
        reverse("programmes_batches:import"),
        {"batch": batch.pk, "decided_on": DECIDED.isoformat(), "file": SimpleUploadedFile(name, data)},
    )


def review(client, preview, **fields):
    return client.post(reverse("programmes_batches:import_review"), {"token": preview.context["token"], **fields})


def confirm(client, preview):
    return client.post(
        reverse("programmes_batches:import_confirm"),
        {"token": preview.context["token"], "digest": preview.context["digest"]},
    )


def database_state():
    return (
        sorted(SchoolPage.objects.values_list("official_name_zh", "live", "province__code")),
        sorted(BatchSelection.objects.values_list("school__official_name_zh", "batch__number", "status", "decided_on")),
        BatchDecision.objects.count(),
        sorted(SchoolRecognition.objects.values_list("school__official_name_zh", "kind", "tier", "year")),
        Revision.objects.count(),
    )


@pytest.mark.parametrize(
    "name,data_for",
    [
        ("list.xlsx", xlsx_bytes),
        ("list.csv", lambda rows: csv_bytes(rows, "gb18030")),
        ("list.csv", lambda rows: csv_bytes(rows, "utf-8-sig")),
    ],
    ids=["xlsx-merged-title", "gb18030", "utf-8-bom"],
)
def test_a_published_list_is_previewed_decided_and_applied_once(logged_in, schools, name, data_for):
    batch = BatchFactory(number=1, year=2019, quota=197)
    data = data_for(published_rows())
    before = database_state()
    preview = upload(logged_in, batch, data, name)
    assert preview.status_code == 200
    plan = preview.context["plan"]
    content = preview.content.decode()
    # The header is line 4; rows keep their line numbers in the spreadsheet.
    assert [row.line for row in plan.rows] == [5, 6, 7, 8]
    # The category column (with the tier written in it) is read as recognitions.
    assert plan.columns == {"name_zh": "学校名称", "province": "所在省份", "category": "类别"}
    assert plan.unused_columns == ["序号", "备注"]
    assert "Columns not imported: 序号 | 备注" in content
    assert [(row.recognition_kind, row.recognition_tier, row.recognition_year) for row in plan.rows] == [
        ("double-high-school", "A", 2019),
        ("double-high-school", "B", 2019),
        ("double-high-major", "C", 2019),
        ("double-high-major", "C", 2019),
    ]
    assert "Double High Plan: high-level school, tier A (2019)" in content
    assert not plan.has_status and "no status column" in content
    assert {row.status for row in plan.rows} == {SelectionStatus.SELECTED}
    former, renamed, typo, new = plan.rows
    assert (former.school_id, former.matched_by) == (schools["former"].pk, "former name")
    assert (renamed.school_id, renamed.matched_by) == (schools["renamed"].pk, "rename")
    assert typo.action == "duplicate" and typo.candidates == [(schools["typo"].pk, "广州番禺职业技术学院")]
    assert new.action == "create"
    assert not plan.can_apply and "Apply the import" not in content
    assert database_state() == before

    # The editor says the typo is the same school, then applies.
    decided = review(logged_in, preview, **{"duplicate_7": str(schools["typo"].pk)})
    plan = decided.context["plan"]
    assert plan.rows[2].school_id == schools["typo"].pk and plan.can_apply
    assert confirm(logged_in, decided).status_code == 302
    selected = set(
        BatchSelection.objects.filter(batch=batch, status=SelectionStatus.SELECTED).values_list(
            "school__official_name_zh", flat=True
        )
    )
    assert selected == {"深圳职业技术大学", "南京工业职业技术大学", "广州番禺职业技术学院", "天津医学高等专科学校"}
    draft = SchoolPage.objects.get(official_name_zh="天津医学高等专科学校")
    assert not draft.live and draft.slug == "tian-jin-yi-xue-gao-deng-zhuan-ke-xue-xiao"
    assert draft.needs_english_name
    assert [row.text for row in draft.recognitions.all()] == ["Double High Plan: high-level major group, tier C (2019)"]
    assert set(SchoolRecognition.objects.values_list("school__official_name_zh", "kind", "tier")) == {
        ("深圳职业技术大学", "double-high-school", "A"),
        ("南京工业职业技术大学", "double-high-school", "B"),
        ("广州番禺职业技术学院", "double-high-major", "C"),
        ("天津医学高等专科学校", "double-high-major", "C"),
    }
    after = database_state()

    # Re-importing the same list (with the same decision) changes nothing.
    again = review(logged_in, upload(logged_in, batch, data, name), **{"duplicate_7": str(schools["typo"].pk)})
    assert all(row.unchanged for row in again.context["plan"].rows)
    assert confirm(logged_in, again).status_code == 302
    assert database_state() == after


def test_choosing_new_school_for_a_possible_duplicate_creates_a_draft(logged_in, schools):
    batch = BatchFactory(number=1, year=2019)
    preview = upload(logged_in, batch, xlsx_bytes(published_rows()), "list.xlsx")
    decided = review(logged_in, preview, duplicate_7="new")
    assert decided.context["plan"].rows[2].action == "create"
    assert confirm(logged_in, decided).status_code == 302
    assert SchoolPage.objects.filter(official_name_zh="广州番禺职业技朮学院", live=False).exists()


def test_bad_rows_are_reported_by_their_spreadsheet_line_and_nothing_is_applied(logged_in, schools):
    batch = BatchFactory(number=1, year=2019)
    rows = published_rows()
    rows[5][2] = "火星省"
    rows[7][1] = ""
    before = database_state()
    preview = upload(logged_in, batch, xlsx_bytes(rows), "list.xlsx")
    errors = {row.line: " ".join(row.errors) for row in preview.context["plan"].errors}
    assert set(errors) == {6, 8}
    assert "Unknown province “火星省”" in errors[6] and "empty" in errors[8]
    assert confirm(logged_in, preview).status_code == 400
    assert database_state() == before


def test_row_errors_are_in_the_editors_language(schools):
    batch = BatchFactory(number=1, year=2019)
    rows = [["无名学院", "火星省"]]
    with translation.override("zh-hans"):
        plan = build_plan(Table(["学校名称", "省份"], rows), batch, DECIDED)
    assert plan.rows[0].errors == ["未知省份“火星省”。"]


@pytest.mark.parametrize(
    "heading,field",
    [
        ("院校名称", "name_zh"),
        ("学校名称（全称）", "name_zh"),
        ("Name_ZH", "name_zh"),
        ("学 校 名 称", "name_zh"),
        ("所在地", "province"),
        ("省（区、市）", "province"),
        ("ＰＲＯＶＩＮＣＥ", "province"),
        ("学校英文名称", "name_en"),
        ("英文名称", "name_en"),
        ("遴选结果", "status"),
    ],
)
def test_column_names_are_matched_flexibly(db, heading, field):
    column_map = map_columns(["序号", heading])
    assert column_map.columns.get(field) == 1


def test_an_unclear_column_is_asked_for_and_remembered(logged_in, schools):
    batch = BatchFactory(number=1, year=2019)
    rows = [["机构", "属地"], ["深圳职业技术学院", "广东"]]
    preview = upload(logged_in, batch, csv_bytes(rows), "list.csv")
    assert preview.status_code == 200
    assert preview.context["plan"].missing_columns == ["name_zh", "province"]
    assert "Say which column holds each of these fields" in preview.content.decode()
    chosen = review(logged_in, preview, column_name_zh="0", column_province="1")
    plan = chosen.context["plan"]
    assert plan.can_apply and plan.rows[0].school_id == schools["former"].pk
    assert set(ImportColumnAlias.objects.values_list("heading", "field")) == {("机构", "name_zh"), ("属地", "province")}
    # The next list with these headings is understood at once.
    again = upload(logged_in, batch, csv_bytes(rows), "list.csv")
    assert again.context["plan"].can_apply


def test_rename_matching_stays_within_the_province_and_similar_endings_are_not_duplicates(schools):
    batch = BatchFactory(number=1, year=2019)
    rows = [
        ["南京工业职业技术学院", "浙江"],  # same stem, other province: a new school
        ["广州铁路职业技术学院", "广东"],  # shares only the usual ending with 广州番禺职业技术学院
        ["深圳职业技术大学", "广东"],
    ]
    plan = build_plan(Table(["学校名称", "省份"], rows), batch, DECIDED)
    assert [row.action for row in plan.rows] == ["create", "create", "match"]


def test_quota_and_date_warnings_in_the_preview_and_the_batch_list(logged_in, schools):
    batch = BatchFactory(number=1, year=2018, quota=2)
    preview = upload(logged_in, batch, xlsx_bytes(published_rows()), "list.xlsx")
    warnings = " ".join(preview.context["plan"].warnings)
    assert "4 selected schools, more than its quota of 2" in warnings
    assert "2019-12-10, outside the year of Batch 1 (2018)" in warnings
    confirm(logged_in, review(logged_in, preview, duplicate_7="new"))
    listing = logged_in.get(reverse("programmes_batches:index")).content.decode()
    assert "more than its quota of 2" in listing
    assert "4 decisions are dated outside the batch&#x27;s year (2018)." in listing


def test_no_warning_within_quota_and_year(schools):
    batch = BatchFactory(number=1, year=2019, quota=10)
    plan = build_plan(Table(["学校名称", "省份"], [["深圳职业技术学院", "广东"]]), batch, DECIDED)
    assert plan.warnings == []


def _bomb(rows_xml, dimension="A1:XFD1048576"):
    """A small XLSX whose sheet declares ``dimension`` and holds ``rows_xml``."""
    source = io.BytesIO(xlsx_bytes([HEADER, ["1", "深圳职业技术学院", "广东", "", ""]], merge_title=False))
    target = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text = re.sub(r'<dimension ref="[^"]*" ?/>', f'<dimension ref="{dimension}"/>', text)
                text = text.replace("</sheetData>", rows_xml + "</sheetData>")
                data = text.encode()
            bomb.writestr(item, data)
    return target.getvalue()


def test_a_workbook_claiming_a_million_rows_and_columns_is_read_as_it_is(db):
    tracemalloc.start()
    table = read_table(_bomb(""))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert table.header == HEADER and table.rows == [["1", "深圳职业技术学院", "广东"]]
    assert peak < 20 * 1024 * 1024, peak


def test_a_workbook_with_a_row_a_million_lines_down_is_refused_early(db):
    far = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    tracemalloc.start()
    with pytest.raises(ImportFileError) as error:
        read_table(_bomb(far))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert f"more than {MAX_ROWS} rows" in error.value.message
    assert peak < 50 * 1024 * 1024, peak


def test_too_many_columns_and_long_cells_are_capped(db):
    wide = '<row r="3">' + "".join(f'<c r="{col}3" t="inlineStr"><is><t>y</t></is></c>' for col in ["BZ"]) + "</row>"
    with pytest.raises(ImportFileError) as error:
        read_table(_bomb(wide))
    assert "more than 64 columns" in error.value.message
    long_cell = csv_bytes([["学校名称", "省份"], ["长" * 5000, "广东"]])
    assert len(read_table(long_cell).rows[0][0]) == 500


def test_a_workbook_that_unpacks_to_gigabytes_is_refused(db):
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (201 * 1024 * 1024))
    with pytest.raises(ImportFileError) as error:
        read_table(target.getvalue())
    assert "unpacks to more than 200 MB" in error.value.message


# --- The command line ----------------------------------------------------------------


def run(*args):
    out = io.StringIO()
    call_command("import_schools", *args, stdout=out)
    return out.getvalue()


def test_command_prints_the_preview_and_applies_only_with_apply(tmp_path, schools):
    batch = BatchFactory(number=1, year=2019)
    path = tmp_path / "list.xlsx"
    path.write_bytes(xlsx_bytes(published_rows()))
    before = database_state()
    output = run(str(path), "--batch", "1", "--date", "2019-12-10")
    assert "Columns not imported: 序号 | 备注" in output
    assert "recognition: Double High Plan: high-level school, tier A (2019) (new)" in output
    assert "No status column" in output
    assert "line 7: 广州番禺职业技朮学院" in output and "POSSIBLE DUPLICATE" in output
    assert output.strip().splitlines()[-1] == (
        "Rows understood: 4 of 4, matched: 2, new: 1, possible duplicates: 1, errors: 0"
    )
    assert database_state() == before
    with pytest.raises(CommandError, match="Possible duplicates on lines 7"):
        run(str(path), "--batch", "1", "--date", "2019-12-10", "--apply")
    assert database_state() == before

    output = run(str(path), "--batch", "1", "--date", "2019-12-10", "--duplicate", f"7={schools['typo'].pk}", "--apply")
    assert "Applied: 1 new draft schools, 4 decisions recorded, 0 rows unchanged." in output
    assert "Recognitions recorded or changed: 4." in output
    assert output.strip().splitlines()[-1].startswith("Rows understood: 4 of 4, matched: 3, new: 1")
    assert BatchSelection.objects.filter(batch=batch, status=SelectionStatus.SELECTED).count() == 4
    after = database_state()
    output = run(str(path), "--batch", "1", "--date", "2019-12-10", "--duplicate", f"7={schools['typo'].pk}", "--apply")
    assert "0 new draft schools, 0 decisions recorded, 4 rows unchanged" in output
    assert "Recognitions recorded or changed: 0." in output
    assert database_state() == after


def test_command_exits_with_status_1_on_a_row_error(tmp_path, schools):
    BatchFactory(number=1, year=2019)
    rows = published_rows()
    rows[4][2] = "火星省"
    path = tmp_path / "list.csv"
    path.write_bytes(csv_bytes(rows, "gb18030"))
    before = database_state()
    with pytest.raises(CommandError) as error:
        run(str(path), "--batch", "1", "--apply")
    assert error.value.returncode == 1
    assert database_state() == before


def test_command_takes_columns_by_name_and_remembers_them_on_apply(tmp_path, schools):
    BatchFactory(number=1, year=2019)
    path = tmp_path / "list.csv"
    path.write_bytes(csv_bytes([["机构", "属地", "结论"], ["深圳职业技术学院", "广东", "推荐"]]))
    with pytest.raises(CommandError, match="--column"):
        run(str(path), "--batch", "1")
    output = run(str(path), "--batch", "1", "--column", "name_zh=机构", "--column", "province=属地", "--apply")
    assert "matches 深圳职业技术大学" in output
    assert "Columns not imported: 结论" in output
    assert run(str(path), "--batch", "1").strip().splitlines()[-1].endswith("errors: 0")


def test_add_school_editor_finds_a_school_by_a_former_name(schools):
    call_command("add_school_editor", "深圳 职业技术学院", "szpt", "--email", "szpt@example.cn", stdout=io.StringIO())
    assert User.objects.get(username="szpt").groups.get() == school_editors_group(schools["former"])


def test_an_existing_selection_elsewhere_is_still_an_error(schools):
    record_decision(schools["former"], BatchFactory(number=2), SelectionStatus.SELECTED, DECIDED)
    plan = build_plan(Table(["学校名称", "省份"], [["深圳职业技术学院", "广东"]]), BatchFactory(number=1), DECIDED)
    assert plan.rows[0].action == "error"
