"""Lists shaped as the ministry and the provinces publish them, tried as an
officer would: the Double High Plan's list (教育部 财政部 2019, 197 schools) with
its title, sub-headings between groups (一、高水平学校建设单位（56所）, A档（10所）)
that give the rows below them their category and tier, the header repeated,
a school's two major groups on two rows (cells merged over them, or left
empty), footnotes (注：…), full-width digits, trailing spaces and provinces
such as 新疆生产建设兵团; a register of Luban Workshops with a footnote; a list of
partners in several scripts. Every line is either understood or listed as
skipped with its reason, never dropped silently; the Double High list can be
loaded as recognitions only (no batch selection); a Luban Workshop in a
register records its lead school's recognition."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

import pytest
from openpyxl import Workbook

from ministry.imports import apply_plan, build_plan, read_section, read_table
from ministry.partner_list import apply_partner_plan, build_partner_plan
from ministry.register import apply_register_plan, build_register_plan
from partners.models import PartnerPage
from programmes.models import BatchSelection, FieldOfStudy, Province, RecognitionKind, SchoolPage, SchoolRecognition
from programmes.specialties import SpecialtyIndex
from tests.factories import BatchFactory, SchoolPageFactory

DECIDED = datetime.date(2019, 12, 18)

# The published list, small: title, section and tier headings, the header
# repeated for the second part, a school on two rows, a footnote.
DOUBLE_HIGH = [
    ["中国特色高水平高职学校和专业建设计划建设单位名单"],
    [],
    ["一、高水平学校建设单位（56所）"],
    ["A档（10所）"],
    ["序号", "学校名称", "省份", "专业群名称"],
    ["１", "北京电子科技职业学院 ", "北京市", "汽车制造与装配技术"],
    [None, None, None, "药品生物技术"],
    ["２", "深圳职业技术学院", "广东省", "通信技术\n软件技术"],
    ["B档（20所）"],
    ["3", "新疆农业职业技术学院", "新疆生产建设兵团", "畜牧兽医、农业装备应用技术"],
    ["二、高水平专业群建设单位（141所）"],
    ["A档（26所）"],
    ["序号", "学校名称", "省份", "专业群名称"],
    ["1", "长春职业技术学院", "吉林省", "计算机网络技术"],
    ["C档（59所）"],
    ["2", "广西机电职业技术学院", "广西壮族自治区", "电气自动化技术"],
    [],
    ["注：1.各档内学校按学校代码排序。2.专业群以学校申报材料为准。"],
]


def xlsx_bytes(rows, merges=()):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for merge in merges:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, encoding):
    def quoted(cell):
        text = "" if cell is None else str(cell)
        return '"' + text.replace('"', '""') + '"' if any(char in text for char in ',"\n') else text

    return ("\r\n".join(",".join(quoted(cell) for cell in row) for row in rows) + "\r\n").encode(encoding)


# The school's name, number and province merged over its two rows, titles merged across.
MERGES = ["A1:D1", "A3:D3", "A4:D4", "A6:A7", "B6:B7", "C6:C7", "A18:D18"]
FILES = {
    "xlsx with merged cells": lambda: xlsx_bytes(DOUBLE_HIGH, MERGES),
    "csv utf-8 with bom": lambda: csv_bytes(DOUBLE_HIGH, "utf-8-sig"),
    "csv gb18030": lambda: csv_bytes(DOUBLE_HIGH, "gb18030"),
}


def province(code):
    return Province.objects.get(code=code)


@pytest.fixture
def schools(home):
    def school(name_zh, code, **kwargs):
        return SchoolPageFactory(official_name_zh=name_zh, title_zh_hans=name_zh, province=province(code), **kwargs)

    return {
        "bpi": school("北京电子科技职业学院", "CN-BJ"),
        "szpu": school("深圳职业技术大学", "CN-GD", former_names="深圳职业技术学院"),
        "ccvit": school("长春职业技术学院", "CN-JL"),
    }


def recognitions(school):
    return sorted(
        SchoolRecognition.objects.filter(school=school).values_list("kind", "tier", "major_groups", "year", "name")
    )


@pytest.mark.parametrize("shape", FILES)
def test_the_double_high_list_as_published_is_understood_line_by_line(schools, shape):
    batch = BatchFactory(number=1, year=2019)
    plan = build_plan(read_table(FILES[shape](), f"list.{shape[:4].strip()}"), batch, DECIDED)
    by_line = {row.line: row for row in plan.rows}
    assert not plan.errors, [(row.line, row.errors) for row in plan.errors]
    # The sub-headings give the rows their category and tier; the second row
    # of a school adds its major group.
    assert by_line[6].recognition_kind == RecognitionKind.DOUBLE_HIGH_SCHOOL
    assert by_line[6].recognition_tier == "A"
    assert by_line[6].recognition_groups == "汽车制造与装配技术、药品生物技术"
    assert by_line[8].school_id == schools["szpu"].pk
    assert by_line[8].recognition_groups == "通信技术、软件技术"
    assert by_line[10].recognition_tier == "B"
    assert by_line[10].province_id == province("CN-XJ").pk
    assert (by_line[14].recognition_kind, by_line[14].recognition_tier) == (RecognitionKind.DOUBLE_HIGH_MAJOR, "A")
    assert by_line[16].recognition_tier == "C"
    assert by_line[16].province_id == province("CN-GX").pk
    # Every other line is listed as skipped, with its reason.
    skipped = {line["line"]: line["kind"] for line in plan.skipped}
    assert skipped == {
        7: "continued",
        9: "heading",
        11: "heading",
        12: "heading",
        13: "header",
        15: "heading",
        18: "note",
    }
    assert sorted(by_line) == [6, 8, 10, 14, 16]


def test_a_title_naming_the_plan_gives_no_category():
    assert read_section("中国特色高水平高职学校和专业建设计划建设单位名单") == (None, "")
    assert read_section("一、高水平学校建设单位（56所）") == (RecognitionKind.DOUBLE_HIGH_SCHOOL, "")
    assert read_section("A档（10所）") == (None, "A")


def test_a_data_row_with_only_a_name_is_still_an_error_not_a_heading(schools):
    batch = BatchFactory(number=1, year=2019)
    rows = [["学校名称", "省份"], ["长春职业技术学院", ""]]
    plan = build_plan(read_table(csv_bytes(rows, "utf-8")), batch, DECIDED)
    assert [row.line for row in plan.errors] == [2]
    assert not plan.skipped


def test_recognitions_only_records_recognitions_without_any_selection(schools, editor):
    table = read_table(FILES["xlsx with merged cells"]())
    plan = build_plan(table, None, None, recognitions_only=True, year=2019)
    assert not plan.errors
    # Schools the portal does not have are skipped, never created.
    assert [row.line for row in plan.not_in_portal] == [10, 16]
    counts = apply_plan(plan, editor)
    assert counts["created"] == 0
    assert not BatchSelection.objects.exists()
    assert SchoolPage.objects.count() == 3
    assert recognitions(schools["bpi"]) == [
        (RecognitionKind.DOUBLE_HIGH_SCHOOL, "A", "汽车制造与装配技术、药品生物技术", 2019, "")
    ]
    assert recognitions(schools["ccvit"]) == [(RecognitionKind.DOUBLE_HIGH_MAJOR, "A", "计算机网络技术", 2019, "")]
    again = build_plan(table, None, None, recognitions_only=True, year=2019)
    assert not again.recognitions
    assert apply_plan(again, editor)["recognitions"] == 0


def run_schools(*args):
    out = io.StringIO()
    call_command("import_schools", *args, stdout=out)
    return out.getvalue()


def test_command_recognitions_only(tmp_path, schools):
    path = tmp_path / "双高名单.xlsx"
    path.write_bytes(FILES["xlsx with merged cells"]())
    output = run_schools(str(path), "--recognitions-only", "--year", "2019")
    assert "Recognitions only: no school is selected into a batch" in output
    assert "line 18: skipped, a note below the list: 注:1.各档内学校按学校代码排序。" in output
    assert "line 7: skipped, adds to line 6" in output
    assert "line 10: 新疆农业职业技术学院 | 新疆生产建设兵团 | not in the portal: skipped" in output
    assert output.strip().endswith("lines skipped: 7, not in the portal: 2")
    run_schools(str(path), "--recognitions-only", "--year", "2019", "--apply")
    assert not BatchSelection.objects.exists()
    assert SchoolRecognition.objects.count() == 3
    with pytest.raises(CommandError, match="--year"):
        run_schools(str(path), "--recognitions-only")
    with pytest.raises(CommandError, match="--batch"):
        run_schools(str(path))


def test_the_import_form_offers_recognitions_only(logged_in, schools):
    response = logged_in.post(
        reverse("programmes_batches:import"),
        {
            "recognitions_only": "on",
            "year": "2019",
            "decided_on": "2019-12-18",
            "file": SimpleUploadedFile("list.xlsx", FILES["xlsx with merged cells"]()),
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "no school is selected into a batch" in content
    assert "import-skipped" in content
    confirmed = logged_in.post(
        reverse("programmes_batches:import_confirm"),
        {"token": response.context["token"], "digest": response.context["digest"]},
    )
    assert confirmed.status_code == 302
    assert not BatchSelection.objects.exists()
    assert SchoolRecognition.objects.filter(school=schools["bpi"]).exists()
    refused = logged_in.post(
        reverse("programmes_batches:import"),
        {"decided_on": "2019-12-18", "file": SimpleUploadedFile("list.xlsx", FILES["xlsx with merged cells"]())},
    )
    assert refused.status_code == 400


REGISTER = [
    ["鲁班工坊建设情况一览表（截至2023年12月）"],
    ["序号", "名称", "合作国家", "牵头院校", "合作院校", "合作企业", "建设时间", "专业", "来源", "备注"],
    [
        "1",
        "柬埔寨鲁班工坊",
        "柬埔寨",
        "北京电子科技职业学院",
        "长春职业技术学院",
        "",
        "2021年9月",
        "汽车运用与维修技术",
        "新华网：https://www.xinhuanet.com/a.htm",
        "",
    ],
    ["2", "深职院泰国培训中心", "泰国曼谷", "深圳职业技术学院", "", "", "2019.06", "通信技术", "", ""],
    ["3", "吉布提鲁班工坊", "吉布提", "长春职业技术学院", "", "", "", "计算机网络技术", "", ""],
    [],
    ["注：建设时间以揭牌时间为准。"],
]


def test_a_register_footnote_is_skipped_and_a_luban_workshop_recognises_its_lead_school(schools, editor):
    table = read_table(xlsx_bytes(REGISTER, ["A1:J1", "A7:J7"]))
    plan = build_register_plan(table)
    assert not plan.errors, [(row.line, row.errors) for row in plan.errors]
    assert [(line["line"], line["kind"]) for line in plan.skipped] == [(7, "note")]
    luban, centre, no_year = plan.rows
    assert luban.luban and luban.luban_change == "add"
    assert not centre.luban
    assert no_year.luban and no_year.luban_recognition is None and no_year.notes
    counts = apply_register_plan(plan, editor)
    assert counts["recognitions"] == 1
    # The lead school only: the co-operating school shows the programme, not the recognition.
    assert recognitions(schools["bpi"]) == [(RecognitionKind.LUBAN, "", "", 2021, "柬埔寨鲁班工坊")]
    assert recognitions(schools["ccvit"]) == []
    again = build_register_plan(table)
    assert all(row.unchanged for row in again.rows)
    assert apply_register_plan(again, editor)["recognitions"] == 0


def test_a_partner_list_footnote_is_skipped_not_an_error(db):
    rows = [
        ["合作机构名单"],
        ["序号", "机构名称", "中文名称", "国家", "城市", "类型", "网址"],
        ["1", "Chulalongkorn University", "朱拉隆功大学", "泰国", "曼谷", "大学", "https://www.chula.ac.th"],
        ["2", "Université de Djibouti（吉布提大学）", "", "吉布提", "吉布提市", "大学", ""],
        [],
        ["注：排名不分先后"],
    ]
    plan = build_partner_plan(read_table(csv_bytes(rows, "utf-8-sig")))
    assert not plan.errors
    assert [(line["line"], line["kind"]) for line in plan.skipped] == [(6, "note")]
    assert len(plan.rows) == 2


def test_a_name_in_its_own_script_is_the_native_name_not_an_english_one(home, editor):
    rows = [
        ["序号", "机构名称", "中文名称", "国家", "城市", "类型", "网址"],
        ["1", "جامعة القاهرة", "开罗大学", "埃及", "开罗", "", ""],
        ["2", "Московский политехнический университет", "莫斯科理工大学", "俄罗斯", "莫斯科", "", ""],
        ["3", "มหาวิทยาลัยเกษตรศาสตร์", "", "泰国", "曼谷", "", ""],
    ]
    plan = build_partner_plan(read_table(csv_bytes(rows, "utf-8-sig")))
    assert not plan.errors
    cairo, moscow, kasetsart = plan.rows
    assert (cairo.title_en, cairo.native_name, cairo.native_language) == ("", "جامعة القاهرة", "ar")
    assert (moscow.title_en, moscow.native_language) == ("", "ru")
    # Without a Chinese name, the name in its own script is also the page's title.
    assert (kasetsart.title_en, kasetsart.native_language) == ("มหาวิทยาลัยเกษตรศาสตร์", "th")
    # The kind is guessed from the name in any script, or from the Chinese name.
    assert [row.kind for row in plan.rows] == ["university", "university", "university"]
    apply_partner_plan(plan, editor)
    again = build_partner_plan(read_table(csv_bytes(rows, "utf-8-sig")))
    assert [row.action for row in again.rows] == ["match", "match", "match"]
    assert all(row.unchanged for row in again.rows)
    cairo_page = PartnerPage.objects.get(native_name="جامعة القاهرة")
    assert cairo_page.slug == "kai-luo-da-xue"


def test_a_list_of_recognitions_needs_no_province_column(schools, editor):
    rows = [
        ["中国特色高水平高职学校和专业建设计划建设单位名单"],
        ["一、高水平学校建设单位（56所）"],
        ["序号", "学校名称", "专业群名称"],
        ["1", "北京电子科技职业学院", "汽车制造与装配技术、药品生物技术"],
        ["2", "深圳职业技术学院", "通信技术、软件技术"],
        ["3", "长春职业技术大学", "汽车制造与装配技术"],  # its name after an upgrade
    ]
    table = read_table(csv_bytes(rows, "gb18030"))
    assert build_plan(table, BatchFactory(number=1, year=2019), DECIDED).missing_columns == ["province"]
    plan = build_plan(table, None, None, recognitions_only=True, year=2019)
    assert not plan.missing_columns and not plan.errors
    by_line = {row.line: row for row in plan.rows}
    assert by_line[4].school_id == schools["bpi"].pk
    assert (by_line[5].school_id, by_line[5].matched_by) == (schools["szpu"].pk, "former name")
    # 长春职业技术大学 ↔ 长春职业技术学院 is a known rename, and the only school it fits.
    assert (by_line[6].school_id, by_line[6].matched_by) == (schools["ccvit"].pk, "rename")


def test_in_a_list_of_recognitions_a_possible_duplicate_said_new_is_skipped_not_created(schools, editor):
    rows = [["学校名称", "省份", "类别"], ["北京电子科枝职业学院", "北京", "高水平学校建设单位"]]
    table = read_table(csv_bytes(rows, "utf-8"))
    plan = build_plan(table, None, None, recognitions_only=True, year=2019)
    assert [row.action for row in plan.rows] == ["duplicate"]
    plan = build_plan(table, None, None, recognitions_only=True, year=2019, choices={2: "new"})
    assert [row.action for row in plan.rows] == ["skip"]
    apply_plan(plan, editor)
    assert SchoolPage.objects.count() == 3
    assert not SchoolRecognition.objects.exists()


@pytest.mark.parametrize("text", ["商贸", "连锁经营与管理", "零售"])
def test_a_register_s_trade_specialties_are_a_field_of_study(db, text):
    # 商贸 (commerce and trade) in a Luban Workshop register was an error.
    index = SpecialtyIndex()
    assert FieldOfStudy.objects.get(pk=index.match(text)[0]).code == "0416"


def test_merged_cells_fill_at_most_the_sheet_read():
    from ministry.imports import _fill_merged_down

    rows = [["北京电子科技职业学院"]] + [[""] for _ in range(99)]
    # A hostile file: a hundred thousand merges, each over a million rows.
    _fill_merged_down(rows, [(1, 1, 1_000_000, 1)] * 100_000)
    assert len(rows) == 100
    assert rows[-1] == ["北京电子科技职业学院"]
