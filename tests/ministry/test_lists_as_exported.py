"""Lists as officers receive them once exported from the publisher's
spreadsheet: a province (or a register's host country) written only on the
first row of its group, the cells below left empty where a merged cell was
(CSV export, or an XLSX unmerged by hand), carried down with a note; and a
list whose year is only in its title (…名单的通知（2019年）, 第一批…（2019—2023年）),
read from it for the recognitions, an explicit year winning; a register naming
a lead school the portal does not hold (the row skipped, listed and counted, to
import again once the school is loaded) or a co-operating one (kept as its
published name on the programme)."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from ministry.imports import ImportFileError, Table, build_plan, line_ranges, read_table, title_year
from ministry.register import apply_register_plan, build_register_plan
from programmes.models import (
    BatchSelection,
    ProgrammePage,
    Province,
    RecognitionKind,
    SchoolPage,
    SchoolRecognition,
)
from tests.factories import BatchFactory, SchoolPageFactory
from tests.ministry.test_real_shaped_lists import csv_bytes, xlsx_bytes

DECIDED = datetime.date(2019, 12, 18)


def province(code):
    return Province.objects.get(code=code)


@pytest.fixture
def schools(home):
    def school(name_zh, code):
        return SchoolPageFactory(official_name_zh=name_zh, title_zh_hans=name_zh, province=province(code))

    return {
        "bpi": school("北京电子科技职业学院", "CN-BJ"),
        "bjpc": school("北京工业职业技术学院", "CN-BJ"),
        "tjpu": school("天津职业大学", "CN-TJ"),
        "tjlp": school("天津轻工职业技术学院", "CN-TJ"),
        "ccvit": school("长春职业技术学院", "CN-JL"),
    }


# A batch list grouped by province, exported from a sheet whose province cells
# were merged over each group: the province on the first row of the group only.
GROUPED = [
    ["2019年第一批入选学校名单"],
    ["序号", "学校名称", "所在省份"],
    ["1", "北京电子科技职业学院", "北京市"],
    ["2", "北京工业职业技术学院", ""],
    ["3", "北京财贸职业学院", ""],
    ["4", "天津职业大学", "天津市"],
    ["5", "天津轻工职业技术学院", ""],
    ["6", "长春职业技术学院", "吉林省"],
]


@pytest.mark.parametrize("shape", ["csv", "xlsx"])
def test_a_province_left_empty_below_its_group_is_carried_down_with_a_note(schools, shape):
    data = csv_bytes(GROUPED, "utf-8") if shape == "csv" else xlsx_bytes(GROUPED)
    plan = build_plan(read_table(data), BatchFactory(number=1, year=2019), DECIDED)
    assert not plan.errors, [(row.line, row.errors) for row in plan.errors]
    by_line = {row.line: row for row in plan.rows}
    assert by_line[4].province_id == province("CN-BJ").pk
    assert by_line[4].school_id == schools["bjpc"].pk
    assert by_line[5].action == "create" and by_line[5].province_id == province("CN-BJ").pk
    assert by_line[7].school_id == schools["tjlp"].pk
    assert plan.notes == [
        "Province carried down from the row above on lines 4–5, 7 (the cells are empty below the first school "
        "of their group, as a merged cell reads)."
    ]


def test_a_province_is_not_carried_across_a_sub_heading_nor_from_nothing(schools):
    rows = [
        ["学校名称", "省份", "类别"],
        ["北京电子科技职业学院", "", "高水平学校建设单位"],
        ["北京工业职业技术学院", "北京", "高水平学校建设单位"],
        ["二、高水平专业群建设单位（141所）"],
        ["天津职业大学", "", "高水平专业群建设单位"],
    ]
    plan = build_plan(read_table(csv_bytes(rows, "utf-8")), BatchFactory(number=1, year=2019), DECIDED)
    assert {row.line: row.errors for row in plan.errors} == {
        2: ["The province is empty."],
        5: ["The province is empty."],
    }
    assert not plan.notes


def test_a_province_missing_from_a_list_that_writes_it_on_every_row_stays_an_error(schools):
    rows = [
        ["学校名称", "省份"],
        ["北京电子科技职业学院", "北京"],
        ["北京工业职业技术学院", "北京"],
        ["天津职业大学", ""],
        ["天津轻工职业技术学院", "天津"],
    ]
    plan = build_plan(read_table(csv_bytes(rows, "utf-8")), BatchFactory(number=1, year=2019), DECIDED)
    assert [(row.line, row.errors) for row in plan.errors] == [(4, ["The province is empty."])]
    assert not plan.notes


def test_a_school_s_second_major_group_row_still_continues_it_in_a_grouped_list(schools):
    rows = [
        ["学校名称", "省份", "类别", "专业群"],
        ["北京电子科技职业学院", "北京", "高水平学校建设单位", "汽车制造与装配技术"],
        ["", "", "", "药品生物技术"],
        ["北京工业职业技术学院", "", "高水平专业群建设单位", "工业机器人技术"],
    ]
    plan = build_plan(read_table(csv_bytes(rows, "utf-8")), BatchFactory(number=1, year=2019), DECIDED)
    assert not plan.errors
    assert [line["kind"] for line in plan.skipped] == ["continued"]
    assert plan.rows[0].recognition_groups == "汽车制造与装配技术、药品生物技术"
    assert plan.rows[1].province_id == province("CN-BJ").pk
    assert plan.notes[0].startswith("Province carried down from the row above on line 4 ")


def test_the_note_is_in_the_editor_s_language(schools):
    with translation.override("zh-hans"):
        plan = build_plan(read_table(csv_bytes(GROUPED, "utf-8")), BatchFactory(number=1, year=2019), DECIDED)
        assert plan.notes[0].startswith("第4–5、7行的省份沿用上一行")


def test_the_command_says_what_it_carried_down(tmp_path, schools):
    BatchFactory(number=1, year=2019)
    path = tmp_path / "名单.csv"
    path.write_bytes(csv_bytes(GROUPED, "gb18030"))
    out = io.StringIO()
    call_command("import_schools", str(path), "--batch", "1", "--date", "2019-12-18", stdout=out)
    assert "Note: Province carried down from the row above on lines 4–5, 7" in out.getvalue()


def test_the_preview_shows_the_note(logged_in, schools):
    BatchFactory(number=1, year=2019)
    response = logged_in.post(
        reverse("programmes_batches:import"),
        {
            "batch": BatchFactory._meta.model.objects.get(number=1).pk,
            "decided_on": "2019-12-18",
            "file": SimpleUploadedFile("list.csv", csv_bytes(GROUPED, "utf-8")),
        },
    )
    assert response.status_code == 200
    assert "Province carried down from the row above on lines 4–5, 7" in response.content.decode()


REGISTER = [
    ["鲁班工坊名录（按国家排列）"],
    ["序号", "名称", "国家", "城市", "牵头院校"],
    ["1", "泰国鲁班工坊", "泰国", "大城府", "天津渤海职业技术学院"],
    ["2", "泰国曼谷培训中心", "", "曼谷", "天津职业大学"],
    ["3", "柬埔寨鲁班工坊", "柬埔寨", "金边", "天津轻工职业技术学院"],
    ["4", "柬埔寨暹粒培训中心", "", "暹粒", "天津职业大学"],
]


def test_a_register_grouped_by_country_carries_the_country_down(schools):
    SchoolPageFactory(official_name_zh="天津渤海职业技术学院", title_zh_hans="天津渤海职业技术学院")
    plan = build_register_plan(read_table(csv_bytes(REGISTER, "utf-8")))
    assert not plan.errors, [(row.line, row.errors) for row in plan.errors]
    assert [(row.line, row.country, row.city_zh) for row in plan.rows] == [
        (3, "TH", "大城府"),
        (4, "TH", "曼谷"),
        (5, "KH", "金边"),
        (6, "KH", "暹粒"),
    ]
    assert plan.notes == [
        "Host country carried down from the row above on lines 4, 6 (the cells are empty below the first row "
        "of their group, as a merged cell reads)."
    ]


# --- The year in the title ---------------------------------------------------------

NOTICE = "教育部 财政部关于公布中国特色高水平高职学校和专业建设计划建设单位名单的通知（2019年）"


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        ([[NOTICE]], (2019, 1, [2019])),
        ([["2019年中国特色高水平高职学校建设单位名单"]], (2019, 1, [2019])),
        ([["第一批中国特色高水平高职学校和专业建设计划建设单位名单（2019—2023年）"]], (2019, 1, [2019])),
        ([[], ["教职成函〔2019〕14号", "教职成函〔2019〕14号"], ["2019年12月18日"]], (2019, 2, [2019])),
        ([["中国特色高水平高职学校和专业建设计划建设单位名单"]], (None, None, [])),
        ([["2019年名单"], ["2020年12月调整"]], (None, None, [2019, 2020])),
    ],
)
def test_the_year_of_a_list_is_read_from_its_title(titles, expected):
    assert title_year(Table(header=["学校名称"], rows=[], header_line=len(titles) + 1, titles=titles)) == expected


def test_line_ranges():
    assert line_ranges([9, 5, 6, 7, 12]) == "5–7, 9, 12"


DOUBLE_HIGH = [
    [NOTICE],
    ["一、高水平学校建设单位（56所）"],
    ["序号", "学校名称", "专业群名称"],
    ["1", "北京电子科技职业学院", "汽车制造与装配技术"],
    ["二、高水平专业群建设单位（141所）"],
    ["1", "长春职业技术学院", "计算机网络技术"],
]


def recorded():
    return sorted(SchoolRecognition.objects.values_list("school__official_name_zh", "kind", "year"))


def test_recognitions_only_takes_the_year_of_the_title(schools, editor):
    plan = build_plan(read_table(xlsx_bytes(DOUBLE_HIGH)), None, None, recognitions_only=True)
    assert not plan.errors, [(row.line, row.errors) for row in plan.errors]
    assert plan.notes == ["Year 2019 read from the title on line 1."]
    assert {row.recognition_year for row in plan.rows} == {2019}


def test_an_explicit_year_wins_over_the_title(schools):
    plan = build_plan(read_table(xlsx_bytes(DOUBLE_HIGH)), None, None, recognitions_only=True, year=2020)
    assert {row.recognition_year for row in plan.rows} == {2020}
    assert not plan.notes


def test_a_year_column_wins_over_the_title(schools):
    rows = [*DOUBLE_HIGH[:2], ["序号", "学校名称", "专业群名称", "年份"], ["1", "北京电子科技职业学院", "汽车", "2021"]]
    plan = build_plan(read_table(csv_bytes(rows, "utf-8")), None, None, recognitions_only=True)
    assert [row.recognition_year for row in plan.rows] == [2021]
    assert not plan.notes


def test_a_title_naming_several_years_gives_none(schools):
    rows = [["2019年名单（2020年调整）"], *DOUBLE_HIGH[1:]]
    plan = build_plan(read_table(csv_bytes(rows, "utf-8")), None, None, recognitions_only=True)
    assert plan.notes == ["The title names several years (2019, 2020): none is taken as the list's year."]
    assert plan.errors


def test_the_command_needs_no_year_when_the_title_gives_it(tmp_path, schools):
    path = tmp_path / "双高名单.xlsx"
    path.write_bytes(xlsx_bytes(DOUBLE_HIGH))
    out = io.StringIO()
    call_command("import_schools", str(path), "--recognitions-only", "--apply", stdout=out)
    assert "Note: Year 2019 read from the title on line 1." in out.getvalue()
    assert recorded() == [
        ("北京电子科技职业学院", RecognitionKind.DOUBLE_HIGH_SCHOOL, 2019),
        ("长春职业技术学院", RecognitionKind.DOUBLE_HIGH_MAJOR, 2019),
    ]
    assert not BatchSelection.objects.exists()
    untitled = tmp_path / "untitled.xlsx"
    untitled.write_bytes(xlsx_bytes(DOUBLE_HIGH[1:]))
    with pytest.raises(CommandError, match="--year"):
        call_command("import_schools", str(untitled), "--recognitions-only", stdout=io.StringIO())


def test_the_form_needs_no_year_when_the_title_gives_it(logged_in, schools):
    def post(rows):
        return logged_in.post(
            reverse("programmes_batches:import"),
            {
                "recognitions_only": "on",
                "decided_on": "2019-12-18",
                "file": SimpleUploadedFile("list.xlsx", xlsx_bytes(rows)),
            },
        )

    response = post(DOUBLE_HIGH)
    assert response.status_code == 200
    assert "Year 2019 read from the title on line 1." in response.content.decode()
    confirmed = logged_in.post(
        reverse("programmes_batches:import_confirm"),
        {"token": response.context["token"], "digest": response.context["digest"]},
    )
    assert confirmed.status_code == 302
    assert {year for _name, _kind, year in recorded()} == {2019}
    refused = post(DOUBLE_HIGH[1:])
    assert refused.status_code == 400
    assert "the file&#x27;s title names none" in refused.content.decode()
    assert SchoolPage.objects.count() == 5


# --- A register naming schools the portal does not hold ------------------------------

UNKNOWN_SCHOOLS = [
    ["海外培训中心名录"],
    ["序号", "中心名称", "国家", "城市", "牵头院校", "合作院校"],
    ["1", "泰国曼谷培训中心", "泰国", "曼谷", "天津职业大学", "天津轻工职业技术学院、哈密职业技术学院"],
    ["2", "肯尼亚内罗毕培训中心", "肯尼亚", "内罗毕", "喀什职业技术学院", "天津职业大学"],
    ["3", "柬埔寨金边培训中心", "柬埔寨", "金边", "天津轻工职业技术学院", ""],
]


def register_state():
    return sorted(
        ProgrammePage.objects.values_list("pk", "title", "latest_revision_id", "other_chinese_schools", "live")
    )


def test_a_register_row_whose_lead_school_is_not_in_the_portal_is_skipped_not_an_error(schools, editor):
    table = read_table(csv_bytes(UNKNOWN_SCHOOLS, "utf-8"))
    plan = build_register_plan(table)
    assert not plan.errors, [(row.line, row.errors) for row in plan.errors]
    assert [(row.line, row.missing_lead) for row in plan.not_in_portal] == [(4, "喀什职业技术学院")]
    assert plan.can_apply
    counts = apply_register_plan(plan, editor)
    assert (counts["created"], counts["not_in_portal"]) == (2, 1)
    assert ProgrammePage.objects.count() == 2
    after = register_state()

    # Re-importing changes nothing; once the school is in the portal, the skipped row is added.
    again = build_register_plan(table)
    assert [row.action for row in again.rows] == ["match", "skip", "match"]
    assert all(row.unchanged for row in again.matched)
    apply_register_plan(again, editor)
    assert register_state() == after
    kashgar = SchoolPageFactory(official_name_zh="喀什职业技术学院", title_zh_hans="喀什职业技术学院")
    later = build_register_plan(table)
    assert [row.action for row in later.rows] == ["match", "create", "match"]
    apply_register_plan(later, editor)
    assert ProgrammePage.objects.child_of(kashgar).count() == 1


def test_a_lead_school_close_to_one_in_the_portal_is_still_an_error(schools, editor):
    rows = [UNKNOWN_SCHOOLS[1], ["1", "泰国曼谷培训中心", "泰国", "曼谷", "天津职业大字", ""]]
    plan = build_register_plan(read_table(csv_bytes(rows, "utf-8")))
    assert [row.errors for row in plan.errors] == [["School “天津职业大字” not found. Did you mean “天津职业大学”?"]]
    assert not plan.not_in_portal and not plan.can_apply
    with pytest.raises(ImportFileError):
        apply_register_plan(plan, editor)
    assert not ProgrammePage.objects.exists()


def test_an_unknown_co_operating_school_is_kept_as_a_name_on_the_programme(client, schools, editor):
    table = read_table(csv_bytes(UNKNOWN_SCHOOLS, "utf-8"))
    plan = build_register_plan(table)
    row = plan.rows[0]
    assert row.action == "create"
    assert [school[0] for school in row.schools] == [schools["tjlp"].pk]
    assert row.other_schools == ["哈密职业技术学院"]
    assert row.notes == [
        "“哈密职业技术学院” is not in the portal: the programme keeps the name as published, without a link, "
        "beside its co-operating schools."
    ]
    apply_register_plan(plan, editor)
    programme = ProgrammePage.objects.child_of(schools["tjpu"]).get()
    assert programme.other_chinese_schools == "哈密职业技术学院"
    assert [link.school_id for link in programme.cooperating_schools.all()] == [schools["tjlp"].pk]

    # Shown on the programme page beside the linked co-operating school, as plain text.
    for page in (schools["tjpu"], schools["tjlp"], programme):
        page.save_revision().publish()
    html = BeautifulSoup(client.get(ProgrammePage.objects.get(pk=programme.pk).url).content, "html.parser")
    term = next(dt for dt in html.select("dt") if dt.get_text() == "Co-operating Chinese schools:")
    items = term.find_next_sibling("dd").select("li")
    assert [bool(item.a) for item in items] == [True, False]
    assert items[1].get_text() == "哈密职业技术学院" and items[1].bdi["lang"] == "zh-hans"


def test_an_existing_programme_gets_the_unknown_names_it_lacks_once(schools, editor):
    table = read_table(csv_bytes(UNKNOWN_SCHOOLS[:3], "utf-8"))
    apply_register_plan(build_register_plan(table), editor)
    more = [*UNKNOWN_SCHOOLS[:2], [*UNKNOWN_SCHOOLS[2][:5], "哈密职业技术学院、阿克苏职业技术学院"]]
    plan = build_register_plan(read_table(csv_bytes(more, "utf-8")))
    (row,) = plan.rows
    assert row.action == "match"
    assert row.changes == ["Adds 阿克苏职业技术学院 to the schools named without a link."]
    apply_register_plan(plan, editor)
    programme = ProgrammePage.objects.get()
    latest = programme.get_latest_revision_as_object()
    assert latest.other_chinese_schools == "哈密职业技术学院\n阿克苏职业技术学院"
    assert build_register_plan(read_table(csv_bytes(more, "utf-8"))).rows[0].unchanged


def test_a_name_kept_without_a_link_gets_its_link_once_the_school_joins(schools, editor):
    table = read_table(csv_bytes(UNKNOWN_SCHOOLS[:3], "utf-8"))
    apply_register_plan(build_register_plan(table), editor)
    assert ProgrammePage.objects.get().other_chinese_schools == "哈密职业技术学院"
    hami = SchoolPageFactory(official_name_zh="哈密职业技术学院", title_zh_hans="哈密职业技术学院")
    plan = build_register_plan(read_table(csv_bytes(UNKNOWN_SCHOOLS[:3], "utf-8")))
    (row,) = plan.rows
    assert row.changes == ["Links 哈密职业技术学院, named without a link until now, to its profile."]
    apply_register_plan(plan, editor)
    latest = ProgrammePage.objects.get().get_latest_revision_as_object()
    assert latest.other_chinese_schools == ""
    assert hami.pk in [link.school_id for link in latest.cooperating_schools.all()]
    assert build_register_plan(read_table(csv_bytes(UNKNOWN_SCHOOLS[:3], "utf-8"))).rows[0].unchanged


def test_the_register_command_lists_the_skipped_rows(tmp_path, schools):
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes(UNKNOWN_SCHOOLS, "gb18030"))
    out = io.StringIO()
    call_command("import_register", str(path), stdout=out)
    output = out.getvalue()
    assert (
        "line 4: 喀什职业技术学院 | 肯尼亚内罗毕培训中心 | Kenya, 内罗毕 | skipped: the school is not in the portal"
        in output
    )
    assert "load the school (import_schools) or create it, then import the register again" in output
    assert "(note: “哈密职业技术学院” is not in the portal" in output
    assert output.strip().endswith("errors: 0, not in the portal: 1")
    call_command("import_register", str(path), "--apply", stdout=io.StringIO())
    assert ProgrammePage.objects.count() == 2


def test_the_register_preview_lists_the_schools_not_in_the_portal(logged_in, schools):
    response = logged_in.post(
        reverse("ministry_register:register_import"),
        {"file": SimpleUploadedFile("register.csv", csv_bytes(UNKNOWN_SCHOOLS, "utf-8"))},
    )
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert [cell.get_text() for cell in html.select("tr.import-not-in-portal td")] == [
        "4",
        "喀什职业技术学院",
        "肯尼亚内罗毕培训中心",
    ]
    assert "import this register again" in html.select_one(".import-not-in-portal").get_text()
    assert "Apply the import" in response.content.decode()
    confirmed = logged_in.post(
        reverse("ministry_register:register_confirm"),
        {"token": response.context["token"], "digest": response.context["digest"]},
    )
    assert confirmed.status_code == 302
    assert ProgrammePage.objects.count() == 2
