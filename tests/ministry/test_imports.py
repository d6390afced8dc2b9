"""The spreadsheet import of a batch list: encodings, the dry-run preview,
row-level errors, all-or-nothing application and idempotence."""

import datetime
import io
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import Workbook

from ministry.imports import ImportFileError, Table, build_plan, normalise_name, read_table
from programmes.batches import record_decision
from programmes.models import BatchDecision, BatchSelection, Province, SchoolPage, SelectionStatus
from tests.factories import BatchFactory, SchoolPageFactory

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)
HEADER_ZH = ["学校名称", "英文名称", "省份", "状态"]


def csv_bytes(rows, encoding="utf-8"):
    text = "\r\n".join(",".join(row) for row in rows) + "\r\n"
    return text.encode(encoding)


def xlsx_bytes(rows, empty=False):
    workbook = Workbook()
    sheet = workbook.active
    if not empty:
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def guangdong():
    return Province.objects.get(code="CN-GD")


def upload(client, batch, data, name="list.csv"):
    return client.post(
        reverse("programmes_batches:import"),
        {"batch": batch.pk, "decided_on": YESTERDAY.isoformat(), "file": SimpleUploadedFile(name, data)},
    )


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
    )


def good_rows(existing):
    return [
        HEADER_ZH,
        [existing.official_name_zh, "", "广东省", "入选"],
        ["新建职业技术学院", "New Vocational College", "四川", "推荐"],
        ["另一所职业学院", "", "Xinjiang", "selected"],
    ]


@pytest.mark.parametrize(
    "name,data_for",
    [
        ("list.csv", lambda rows: csv_bytes(rows, "utf-8")),
        ("list.csv", lambda rows: csv_bytes(rows, "utf-8-sig")),
        ("list.csv", lambda rows: csv_bytes(rows, "gb18030")),
        ("list.xlsx", xlsx_bytes),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "xlsx"],
)
def test_each_file_format_previews_then_applies(logged_in, editor, name, data_for):
    existing = SchoolPageFactory(province=guangdong())
    batch = BatchFactory(number=1)
    before = database_state()
    preview = upload(logged_in, batch, data_for(good_rows(existing)), name)
    assert preview.status_code == 200
    plan = preview.context["plan"]
    assert [row.action for row in plan.rows] == ["match", "create", "create"]
    assert plan.rows[0].school_id == existing.pk
    assert database_state() == before, "the preview saves nothing"

    response = confirm(logged_in, preview)
    assert response.status_code == 302
    selection = BatchSelection.objects.get(school=existing)
    assert (selection.batch, selection.status, selection.decided_on) == (batch, "selected", YESTERDAY)
    new = SchoolPage.objects.get(official_name_zh="新建职业技术学院")
    assert not new.live and new.title == "New Vocational College" and new.province.code == "CN-SC"
    assert new.batch_selections.get().status == SelectionStatus.NOMINATED
    assert SchoolPage.objects.get(official_name_zh="另一所职业学院").province.code == "CN-XJ"
    assert BatchDecision.objects.filter(decided_by=editor).count() == 3


def test_applying_the_same_file_twice_gives_the_same_state(logged_in):
    existing = SchoolPageFactory(province=guangdong())
    batch = BatchFactory(number=1)
    data = csv_bytes(good_rows(existing))
    confirm(logged_in, upload(logged_in, batch, data))
    after_first = database_state()
    second = upload(logged_in, batch, data)
    assert all(row.unchanged for row in second.context["plan"].rows)
    assert confirm(logged_in, second).status_code == 302
    assert database_state() == after_first


def test_names_match_despite_full_width_characters_spaces_and_former_names(home):
    batch = BatchFactory(number=1)
    school = SchoolPageFactory(official_name_zh="深圳职业技术大学", former_names="深圳职业技术学院；深圳职院")
    other = SchoolPageFactory(official_name_zh="ABC职业学院2")
    rows = [
        ["深圳 职业　技术大学", "", "广东", "入选"],
        ["深圳职院", "", "广东", "入选"],
        ["ＡＢＣ职业学院２", "", "广东", "推荐"],
    ]
    plan = build_plan(Table(["name_zh", "name_en", "province", "status"], rows), batch, YESTERDAY)
    assert plan.rows[0].school_id == school.pk
    assert plan.rows[1].action == "error" and "Duplicate" in plan.rows[1].errors[0]
    assert plan.rows[2].school_id == other.pk
    assert normalise_name(" Ａ Ｂ\u3000c ") == "abc"


def test_row_errors_are_reported_with_their_reason(home):
    batch = BatchFactory(number=1)
    taken = SchoolPageFactory(official_name_zh="已在第二批学院")
    record_decision(taken, BatchFactory(number=2), SelectionStatus.SELECTED, YESTERDAY)
    rows = [
        ["好学院", "", "广东", "入选"],
        ["", "No Chinese name", "广东", "入选"],
        ["未知省份学院", "", "Atlantis", "入选"],
        ["好学院", "", "广东", "入选"],
        ["已在第二批学院", "", "广东", "入选"],
        ["状态错误学院", "", "广东", "maybe"],
    ]
    plan = build_plan(Table(["院校名称", "英文名称", "所在省份", "状态"], rows), batch, YESTERDAY)
    errors = {row.line: " ".join(row.errors) for row in plan.errors}
    assert set(errors) == {3, 4, 5, 6, 7}
    assert "empty" in errors[3]
    assert "Unknown province “Atlantis”" in errors[4]
    assert "line 2" in errors[5]
    assert "already selected in Batch 2" in errors[6]
    assert "Unknown status “maybe”" in errors[7]
    assert not plan.can_apply


def test_unknown_province_in_the_middle_of_good_rows_blocks_the_whole_file(logged_in):
    batch = BatchFactory(number=1)
    rows = [HEADER_ZH] + [[f"好职业学院{n}", "", "广东", "入选"] for n in range(20)]
    rows[11][2] = "火星省"
    before = database_state()
    preview = upload(logged_in, batch, csv_bytes(rows))
    plan = preview.context["plan"]
    assert [row.line for row in plan.errors] == [12]
    content = preview.content.decode()
    assert "火星省" in content and "Unknown province" in content
    assert "Apply the import" not in content
    response = confirm(logged_in, preview)
    assert response.status_code == 400
    assert database_state() == before


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("list.csv", bytes(range(256)) * 20, "neither a CSV"),
        ("list.csv", b"\x89PNG\r\n\x1a\n\x00\x00junk", "neither a CSV"),
        ("list.xlsx", b"PK\x03\x04 not really a zip file", "cannot be read"),
        ("list.xlsx", xlsx_bytes([], empty=True), "no header row"),
        ("list.csv", b"", "empty"),
    ],
    ids=["binary-junk", "png", "broken-zip", "empty-sheet", "empty-file"],
)
def test_broken_files_get_a_clear_message_and_change_nothing(logged_in, name, data, message):
    batch = BatchFactory(number=1)
    SchoolPageFactory()
    before = database_state()
    response = upload(logged_in, batch, data, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert database_state() == before


def test_read_table_detects_gb18030_and_skips_blank_leading_rows(db):
    table = read_table(
        csv_bytes([["", "", "", ""], HEADER_ZH, ["广州番禺职业技术学院", "", "广东", "入选"]], "gb18030")
    )
    assert table.header == HEADER_ZH and table.rows == [["广州番禺职业技术学院", "", "广东", "入选"]]
    assert table.header_line == 2
    with pytest.raises(ImportFileError):
        read_table(b"\xff\xfe\x00\x00")


def test_confirmation_refuses_a_plan_that_changed_since_the_preview(logged_in):
    existing = SchoolPageFactory(province=guangdong())
    batch = BatchFactory(number=1)
    preview = upload(logged_in, batch, csv_bytes(good_rows(existing)))
    # Someone selects the school in another batch before the editor confirms.
    record_decision(existing, BatchFactory(number=2), SelectionStatus.SELECTED, YESTERDAY)
    before = database_state()
    response = confirm(logged_in, preview)
    assert response.status_code == 409
    assert database_state() == before


def test_confirmation_without_a_preview_imports_nothing(logged_in):
    BatchFactory(number=1)
    response = logged_in.post(reverse("programmes_batches:import_confirm"), {"token": "x", "digest": "y"})
    assert response.status_code == 302
    assert not BatchSelection.objects.exists()


def test_five_thousand_rows_are_checked_quickly_and_one_bad_row_blocks_them(logged_in):
    batch = BatchFactory(number=1)
    provinces = ["广东", "四川", "河南", "Xinjiang", "CN-BJ"]
    rows = [HEADER_ZH] + [[f"第{n}职业技术学院", f"College {n}", provinces[n % 5], "入选"] for n in range(5000)]
    rows[2500][2] = "Narnia"
    data = csv_bytes(rows)
    before = database_state()
    started = time.monotonic()
    preview = upload(logged_in, batch, data)
    elapsed = time.monotonic() - started
    assert elapsed < 10, elapsed
    plan = preview.context["plan"]
    assert len(plan.rows) == 5000 and [row.line for row in plan.errors] == [2501]
    assert confirm(logged_in, preview).status_code == 400
    assert database_state() == before


def test_an_english_column_gives_existing_schools_their_missing_english_names(logged_in):
    """Schools created from a list without English names get them from the
    next list that has them: a draft at once, a live page published, a live
    page with a school's pending draft as a draft beside it. A school that
    has an English name keeps it; re-importing changes nothing."""
    draft = SchoolPageFactory(
        official_name_zh="草稿职业学院", title_en="草稿职业学院", live=False, province=guangdong()
    )
    live = SchoolPageFactory(official_name_zh="已发布职业学院", title_en="已发布职业学院", province=guangdong())
    live.save_revision().publish()
    pending = SchoolPageFactory(official_name_zh="有草稿职业学院", title_en="有草稿职业学院", province=guangdong())
    pending.save_revision().publish()
    pending.introduction_en = "<p>Being rewritten by the school.</p>"
    pending.save_revision()
    named = SchoolPageFactory(official_name_zh="有英文名学院", title_en="Named College", province=guangdong())
    batch = BatchFactory(number=1)
    data = csv_bytes(
        [
            HEADER_ZH,
            ["草稿职业学院", "Draft Vocational College", "广东", "入选"],
            ["已发布职业学院", "Published Vocational College", "广东", "入选"],
            ["有草稿职业学院", "Pending Vocational College", "广东", "入选"],
            ["有英文名学院", "Another English Name", "广东", "入选"],
        ]
    )
    preview = upload(logged_in, batch, data)
    assert "Its English name will be “Published Vocational College”" in preview.content.decode()
    assert [row.fills_english for row in preview.context["plan"].rows] == [True, True, True, False]
    confirm(logged_in, preview)

    draft.refresh_from_db()
    live.refresh_from_db()
    pending.refresh_from_db()
    named.refresh_from_db()
    assert draft.title_en == "Draft Vocational College" and not draft.live
    assert live.title_en == "Published Vocational College" and not live.has_unpublished_changes
    assert pending.title_en == "有草稿职业学院" and pending.has_unpublished_changes
    pending_draft = pending.get_latest_revision_as_object()
    assert pending_draft.title_en == "Pending Vocational College"
    assert pending_draft.introduction_en == "<p>Being rewritten by the school.</p>"
    assert named.title_en == "Named College"

    again = upload(logged_in, batch, data)
    assert all(row.unchanged and not row.fills_english for row in again.context["plan"].rows)
