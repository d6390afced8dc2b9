"""The register import, with registers shaped like published ones: a merged
title cell and a subtitle above a Chinese header, extra columns, several
schools, partners and specialties in a cell, a school under its former name
and one renamed since, year-only and year-month dates, GB18030 and XLSX; the
preview, the all-or-nothing apply, the idempotent re-import, the command line
and the certainty shown on the programme page."""

import io

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page
from wagtail.users.models import UserProfile

import pytest
from bs4 import BeautifulSoup
from openpyxl import Workbook

from ministry.imports import SCHOOL_LIST, Table, map_columns, read_table
from ministry.register import (
    REGISTER_LIST,
    CountryIndex,
    build_register_plan,
    parse_opening,
    parse_sources,
    split_list,
)
from partners.models import PartnerKind, PartnerPage, ProgrammePartner
from programmes.models import (
    FieldOfStudy,
    ImportColumnAlias,
    ProgrammeCertainty,
    ProgrammePage,
    ProgrammeSchool,
    ProgrammeSource,
    ProgrammeStatus,
    Province,
    SchoolPage,
    SchoolRecognition,
)
from programmes.specialties import SpecialtyIndex
from tests.editor_accounts import school_editor
from tests.factories import PartnerPageFactory, ProgrammePageFactory, SchoolPageFactory

TITLE = "全国职业院校海外办学机构（海外培训中心）名录"
SUBTITLE = "（截至2024年6月，按所在国家排序）"
HEADER = [
    "序号",
    "中心名称",
    "所在国家",
    "所在城市",
    "牵头院校",
    "合作院校",
    "外方合作机构",
    "合作企业",
    "成立时间",
    "合作专业",
    "建设状态",
    "信息来源",
    "可信度",
    "备注",
    "联系人",
]
# The first data row's line: title, subtitle, a blank line, the header.
FIRST_LINE = 5

# name, country, city, lead (and co-operating) schools, co-operating schools,
# foreign partners, companies, opening, specialties, status, sources, certainty, remark
REGISTER = [
    (
        "通信技术海外培训中心（曼谷）",
        "泰国",
        "曼谷",
        "深圳职业技术学院",
        "天津职业大学",
        "Chao Phraya Technical College、Bangkok Technical College（曼谷技术学院）",
        "华为技术有限公司",
        "2019年3月",
        "通信技术、物联网应用技术",
        "运行",
        "新华网：https://news.example.org/2019/bangkok-centre\nhttps://moe.example.cn/register-2024.html",
        "官方",
        "原文如此",
    ),
    (
        "泰国鲁班工坊",
        "泰国",
        "大城府",
        "天津职业大学、天津轻工职业技术学院",
        "",
        "Ayutthaya Technical College",
        "中国有色矿业集团",
        "2016",
        "机电一体化技术；工业机器人技术",
        "运行",
        "https://moe.example.cn/register-2024.html",
        "学校确认",
        "",
    ),
    (
        "柬埔寨鲁班工坊",
        "柬埔寨",
        "金边",
        "天津轻工职业技术学院",
        "天津职业大学",
        "柬埔寨国立理工学院",
        "",
        "2021-07",
        "电气自动化技术、数控技术",
        "在建",
        "",
        "未核实",
        "",
    ),
    (
        "",
        "印度尼西亚",
        "雅加达",
        "南京工业职业技术学院",
        "无锡职业技术学院",
        "Politeknik Negeri Jakarta",
        "",
        "2020",
        "汽车运用与维修技术",
        "运行",
        "",
        "",
        "无名称",
    ),
    (
        "中文工坊（开罗）",
        "埃及",
        "开罗",
        "无锡职业技术学院",
        "",
        "Ain Shams University",
        "",
        "2020年10月",
        "物流管理；电子商务",
        "运行",
        "",
        "官方",
        "",
    ),
    (
        "吉布提鲁班工坊",
        "吉布提",
        "吉布提市",
        "天津轻工职业技术学院",
        "",
        "Djibouti Ministry of Education and Vocational Training",
        "中国土木工程集团有限公司",
        "2019",
        "铁道信号自动控制、0716",
        "运行",
        "",
        "",
        "",
    ),
    (
        "肯尼亚鲁班工坊",
        "肯尼亚",
        "内罗毕",
        "天津职业大学",
        "",
        "Machakos University",
        "",
        "2019年12月",
        "云计算技术与应用",
        "运行",
        "",
        "",
        "",
    ),
    (
        "巴基斯坦鲁班工坊",
        "巴基斯坦",
        "拉合尔",
        "天津轻工职业技术学院",
        "",
        "Punjab Tianjin University of Technology",
        "",
        "2018",
        "机电一体化技术",
        "运行",
        "",
        "",
        "",
    ),
    (
        "中赞职业技术学院",
        "赞比亚",
        "基特韦",
        "柳州职业技术学院",
        "重庆工业职业技术学院、深圳职业技术大学",
        "",
        "中国有色矿业集团",
        "2019年8月",
        "机械设计与制造、焊接技术与自动化、采矿技术",
        "运行",
        "",
        "官方",
        "",
    ),
    (
        "老挝职业教育培训中心",
        "老挝",
        "万象",
        "柳州职业技术学院",
        "",
        "Lao-German Technical College",
        "",
        "2022",
        "汽车检测与维修技术",
        "筹建中",
        "",
        "未核实",
        "",
    ),
    (
        "马来西亚新能源汽车学院",
        "马来西亚",
        "吉隆坡",
        "柳州职业技术学院",
        "重庆工业职业技术学院",
        "Politeknik Sultan Salahuddin Abdul Aziz Shah",
        "上汽通用五菱汽车股份有限公司",
        "2023-05",
        "新能源汽车技术",
        "在建",
        "",
        "",
        "",
    ),
    (
        "越南农业技术培训中心",
        "越南",
        "河内",
        "江苏农林职业技术学院",
        "",
        "Hanoi University of Agriculture",
        "",
        "2021",
        "现代农业技术、园林技术",
        "运行",
        "",
        "",
        "",
    ),
    (
        "Thailand Rail Training Centre",
        "Thailand",
        "Chachoengsao",
        "Tianjin Vocational Institute",
        "",
        "Chao Phraya Technical College",
        "",
        "March 2022",
        "0716",
        "running",
        "https://news.example.org/2022/rail",
        "reported",
        "",
    ),
    (
        "印尼新能源培训中心",
        "印尼",
        "泗水",
        "重庆工业职业技术学院",
        "",
        "Politeknik Elektronika Negeri Surabaya",
        "",
        "2023",
        "光伏发电技术与应用",
        "筹建",
        "",
        "",
        "",
    ),
    (
        "塔吉克斯坦鲁班工坊",
        "塔吉克斯坦",
        "杜尚别",
        "天津职业大学",
        "天津轻工职业技术学院",
        "Tajik Technical University",
        "",
        "2022年11月",
        "电气自动化技术",
        "运行",
        "",
        "",
        "",
    ),
    (
        "乌干达鲁班工坊",
        "乌干达",
        "坎帕拉",
        "天津轻工职业技术学院",
        "",
        "Uganda Technical College Elgon",
        "",
        "2023",
        "畜牧兽医",
        "在建",
        "",
        "",
        "",
    ),
    (
        "俄罗斯中文培训中心",
        "俄罗斯",
        "喀山",
        "无锡职业技术学院",
        "",
        "Kazan National Research Technological University",
        "",
        "2021年9月",
        "国际贸易实务",
        "运行",
        "",
        "",
        "",
    ),
    (
        "南非智能制造培训中心",
        "南非",
        "约翰内斯堡",
        "深圳职业技术大学",
        "无锡职业技术学院",
        "University of Johannesburg",
        "",
        "2020",
        "工业机器人技术、模具设计与制造",
        "运行",
        "",
        "",
        "",
    ),
    (
        "葡萄牙鲁班工坊",
        "葡萄牙",
        "塞图巴尔",
        "天津职业大学",
        "",
        "Instituto Politécnico de Setúbal",
        "",
        "2018年12月",
        "电气自动化技术",
        "运行",
        "",
        "官方",
        "",
    ),
    (
        "英国鲁班工坊",
        "英国",
        "奇切斯特",
        "天津职业大学",
        "",
        "Chichester College",
        "",
        "2018",
        "中餐烹饪",
        "运行",
        "",
        "",
        "",
    ),
    (
        "埃塞俄比亚鲁班工坊",
        "埃塞俄比亚",
        "亚的斯亚贝巴",
        "天津轻工职业技术学院",
        "天津职业大学",
        "Ethiopian Technical University",
        "",
        "2021年3月",
        "机电一体化技术、计算机网络技术",
        "运行",
        "",
        "",
        "",
    ),
    (
        "马里鲁班工坊",
        "马里",
        "巴马科",
        "天津职业大学",
        "",
        "Université de Ségou",
        "",
        "2023",
        "电气自动化技术、护理",
        "运行",
        "",
        "",
        "",
    ),
]


def register_rows(entries=REGISTER):
    rows = [[TITLE] + [None] * (len(HEADER) - 1), [SUBTITLE], [None], HEADER]
    for number, entry in enumerate(entries, start=1):
        name, country, city, lead, schools, partners, companies, opening, specialties, status, sources, sure, note = (
            entry
        )
        rows.append(
            [
                str(number),
                name,
                country,
                city,
                lead,
                schools,
                partners,
                companies,
                opening,
                specialties,
                status,
                sources,
                sure,
                note,
                "国际处",
            ]
        )
    return rows


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, encoding="gb18030"):
    def quoted(cell):
        text = "" if cell is None else str(cell)
        return '"' + text.replace('"', '""') + '"' if any(char in text for char in ',"\n') else text

    return ("\r\n".join(",".join(quoted(cell) for cell in row) for row in rows) + "\r\n").encode(encoding)


def province(code):
    return Province.objects.get(code=code)


def field(code):
    return FieldOfStudy.objects.get(code=code)


@pytest.fixture
def portal(home):
    """The schools, partners and one programme a register meets in the portal."""

    def school(name_zh, name_en, code, **kwargs):
        return SchoolPageFactory(
            title=name_en, title_zh_hans=name_zh, official_name_zh=name_zh, province=province(code), **kwargs
        )

    schools = {
        "szpu": school("深圳职业技术大学", "Shenzhen Polytechnic University", "CN-GD", former_names="深圳职业技术学院"),
        "tjvi": school("天津职业大学", "Tianjin Vocational Institute", "CN-TJ"),
        "tjlight": school("天津轻工职业技术学院", "Tianjin Light Industry Vocational Technical College", "CN-TJ"),
        "njpi": school("南京工业职业技术大学", "Nanjing Vocational University of Industry Technology", "CN-JS"),
        "wxit": school("无锡职业技术学院", "Wuxi Institute of Technology", "CN-JS"),
        "lzvtc": school("柳州职业技术学院", "Liuzhou Vocational and Technical College", "CN-GX"),
        "cqipc": school("重庆工业职业技术学院", "Chongqing Industry Polytechnic College", "CN-CQ"),
        "jsaf": school("江苏农林职业技术学院", "Jiangsu Vocational College of Agriculture and Forestry", "CN-JS"),
    }
    partners = {
        "cptc": PartnerPageFactory(
            title="Chao Phraya Technical College", title_zh_hans="湄南河技术学院", country="TH", city="Bangkok"
        ),
        "ayutthaya": PartnerPageFactory(title="Ayutthaya Technical College", country="TH", city="Ayutthaya"),
        "cnmc": PartnerPageFactory(
            title="China Nonferrous Metal Mining Group",
            title_zh_hans="中国有色矿业集团",
            country="ZM",
            kind=PartnerKind.CHINESE_ENTERPRISE_ABROAD,
        ),
    }
    centre = ProgrammePageFactory(
        parent=schools["szpu"],
        title="Communication Technology Training Centre, Bangkok",
        title_zh_hans="通信技术海外培训中心（曼谷）",
        delivery_country="TH",
        delivery_city="Bangkok",
        fields_of_study=[field("0714")],
    )
    return {"schools": schools, "partners": partners, "centre": centre}


def upload(client, data, name):
    return client.post(reverse("ministry_register:register_import"), {"file": SimpleUploadedFile(name, data)})


def review(client, preview, **fields):
    return client.post(reverse("ministry_register:register_review"), {"token": preview.context["token"], **fields})


def confirm(client, preview):
    return client.post(
        reverse("ministry_register:register_confirm"),
        {"token": preview.context["token"], "digest": preview.context["digest"]},
    )


def database_state():
    """Everything an import may write: pages (with their revisions), their links."""
    return (
        sorted(Page.objects.values_list("pk", "title", "live", "latest_revision_id", "has_unpublished_changes")),
        sorted(ProgrammeSchool.objects.values_list("programme_id", "school_id")),
        sorted(ProgrammePartner.objects.values_list("programme_id", "partner_id")),
        sorted(ProgrammeSource.objects.values_list("programme_id", "url")),
        sorted(ProgrammePage.fields_of_study.through.objects.values_list("programmepage_id", "fieldofstudy_id")),
    )


def latest(page):
    """The latest version of a page: its last revision (a draft's content lives there)."""
    return page.specific_class.objects.get(pk=page.pk).get_latest_revision_as_object()


@pytest.mark.parametrize(
    "name,data_for",
    [("register.xlsx", xlsx_bytes), ("register.csv", csv_bytes)],
    ids=["xlsx-merged-title", "gb18030"],
)
def test_a_published_register_is_previewed_applied_and_reimported_as_a_no_op(logged_in, editor, portal, name, data_for):
    schools, partners, centre = portal["schools"], portal["partners"], portal["centre"]
    data = data_for(register_rows())
    before = database_state()

    preview = upload(logged_in, data, name)
    assert preview.status_code == 200
    plan = preview.context["plan"]
    content = preview.content.decode()
    assert plan.columns == {
        "title": "中心名称",
        "country": "所在国家",
        "city": "所在城市",
        "lead_school": "牵头院校",
        "schools": "合作院校",
        "partners": "外方合作机构",
        "companies": "合作企业",
        "opening": "成立时间",
        "specialties": "合作专业",
        "status": "建设状态",
        "sources": "信息来源",
        "certainty": "可信度",
    }
    assert plan.unused_columns == ["序号", "备注", "联系人"]
    assert "Columns not imported: 序号 | 备注 | 联系人" in content
    assert [row.line for row in plan.rows] == list(range(FIRST_LINE, FIRST_LINE + len(REGISTER)))
    assert not plan.errors, [(row.line, row.errors) for row in plan.errors]
    assert plan.summary() == {
        "rows": len(REGISTER),
        "understood": len(REGISTER),
        "matched": 1,
        "new": len(REGISTER) - 1,
        "duplicates": 0,
        "errors": 0,
    }
    rows = {row.line - FIRST_LINE + 1: row for row in plan.rows}
    # The centre already in the portal, its lead school under its former name.
    bangkok = rows[1]
    assert (bangkok.action, bangkok.programme_id, bangkok.matched_by) == ("match", centre.pk, "title")
    assert (bangkok.lead_school_id, bangkok.lead_matched_by) == (schools["szpu"].pk, "former name")
    assert any("天津职业大学" in change for change in bangkok.changes)
    # Two schools in the lead school's cell: the first leads, the other co-operates.
    assert rows[2].lead_school_id == schools["tjvi"].pk
    assert [school[0] for school in rows[2].schools] == [schools["tjlight"].pk]
    # A school renamed since the register was written.
    assert (rows[4].lead_school_id, rows[4].lead_matched_by) == (schools["njpi"].pk, "rename")
    # A school by its English name.
    assert rows[13].lead_school_id == schools["tjvi"].pk
    # Year-only and year-month dates, in Chinese and English.
    assert (rows[1].opening_year, rows[1].opening_month) == (2019, 3)
    assert (rows[2].opening_year, rows[2].opening_month) == (2016, None)
    assert (rows[3].opening_year, rows[3].opening_month) == (2021, 7)
    assert (rows[13].opening_year, rows[13].opening_month) == (2022, 3)
    # Several specialties, by catalogue name, ISCED-F code and a word of the name.
    assert [item[2].split()[0] for item in rows[2].fields_of_study] == ["0714"]
    assert [item[2].split()[0] for item in rows[6].fields_of_study] == ["0714", "0716"]
    assert [(item[3], item[4]) for item in rows[20].fields_of_study] == [("word", "烹饪")]
    assert rows[10].status == ProgrammeStatus.PLANNED and rows[3].status == ProgrammeStatus.UNDER_CONSTRUCTION
    assert "New draft programme" in content and "(by the word 烹饪)" in content
    assert database_state() == before, "the preview saves nothing"

    response = confirm(logged_in, preview)
    assert response.status_code == 302
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == [
        f"Register imported: {len(REGISTER) - 1} new draft programmes, 1 programmes completed, 0 rows unchanged, "
        f"{len(plan.new_partners)} new draft partners.",
        # Each Luban Workshop (鲁班工坊 in its name) records its lead school's recognition.
        f"{sum(row.luban for row in plan.rows)} Luban Workshop recognitions were recorded for their lead schools.",
    ]

    created = ProgrammePage.objects.exclude(pk=centre.pk)
    assert created.count() == len(REGISTER) - 1
    assert not created.filter(live=True).exists(), "new programmes are drafts"
    assert all(page.latest_revision_id for page in created), "each with its revision"
    assert all(page.slug.isascii() and page.slug_zh_hans == page.slug for page in created)
    luban = created.get(title_zh_hans="泰国鲁班工坊")
    assert luban.get_parent().pk == schools["tjvi"].pk
    assert luban.slug == "tai-guo-lu-ban-gong-fang"
    assert [link.school_id for link in luban.cooperating_schools.all()] == [schools["tjlight"].pk]
    assert {link.partner_id for link in luban.partner_links.all()} == {
        partners["ayutthaya"].pk,
        partners["cnmc"].pk,
    }
    assert (luban.opening_year, luban.opening_month, luban.certainty) == (2016, None, ProgrammeCertainty.CONFIRMED)
    assert (luban.delivery_country, luban.delivery_city_zh_hans) == ("TH", "大城府")
    assert set(luban.fields_of_study.values_list("code", flat=True)) == {"0714"}
    zambia = created.get(title_zh_hans="中赞职业技术学院")
    assert [link.school_id for link in zambia.cooperating_schools.order_by("sort_order")] == [
        schools["cqipc"].pk,
        schools["szpu"].pk,
    ]
    assert set(zambia.fields_of_study.values_list("code", flat=True)) == {"0715", "0724"}
    assert (zambia.opening_year, zambia.opening_month, zambia.status) == (2019, 8, ProgrammeStatus.RUNNING)
    # A row without a name gets one from its school and place.
    jakarta = created.get(delivery_city_zh_hans="雅加达")
    assert jakarta.title_zh_hans == "南京工业职业技术大学（印度尼西亚雅加达）"
    assert jakarta.title_en == "Nanjing Vocational University of Industry Technology in 雅加达, Indonesia"
    assert created.get(title_en="Thailand Rail Training Centre").certainty == ProgrammeCertainty.REPORTED

    # New partners: drafts, each once, however many rows name them.
    new_partners = PartnerPage.objects.filter(live=False)
    assert new_partners.count() == len(plan.new_partners)
    bangkok_college = new_partners.get(title_en="Bangkok Technical College")
    assert (bangkok_college.title_zh_hans, bangkok_college.country, bangkok_college.kind) == (
        "曼谷技术学院",
        "TH",
        PartnerKind.COLLEGE,
    )
    huawei = new_partners.get(title_zh_hans="华为技术有限公司")
    assert (huawei.kind, huawei.country, huawei.is_foreign) == (PartnerKind.CHINESE_ENTERPRISE_ABROAD, "TH", False)
    assert new_partners.get(title_en="Djibouti Ministry of Education and Vocational Training").kind == "agency"
    assert new_partners.get(title_en="Machakos University").kind == PartnerKind.UNIVERSITY
    assert new_partners.get(title_en="Politeknik Negeri Jakarta").kind == PartnerKind.POLYTECHNIC
    assert all(partner.slug.isascii() for partner in new_partners)

    # The centre already published is completed and stays published.
    centre = ProgrammePage.objects.get(pk=centre.pk)
    assert centre.live and not centre.has_unpublished_changes
    assert [link.school_id for link in centre.cooperating_schools.all()] == [schools["tjvi"].pk]
    assert set(centre.fields_of_study.values_list("code", flat=True)) == {"0714", "0612"}
    assert [source.url for source in centre.sources.order_by("sort_order")] == [
        "https://news.example.org/2019/bangkok-centre",
        "https://moe.example.cn/register-2024.html",
    ]
    assert centre.sources.order_by("sort_order").first().title == "新华网"
    assert (centre.opening_year, centre.opening_month, centre.certainty) == (2019, 3, ProgrammeCertainty.OFFICIAL)
    after = database_state()

    # The same register again: every row is unchanged, and applying writes nothing.
    again = upload(logged_in, data, name)
    assert [row.action for row in again.context["plan"].rows] == ["match"] * len(REGISTER)
    assert all(row.unchanged for row in again.context["plan"].rows)
    assert not again.context["plan"].new_partners
    assert confirm(logged_in, again).status_code == 302
    assert database_state() == after


def test_a_typo_and_a_bad_date_are_reported_by_line_and_nothing_is_applied(logged_in, portal):
    entries = list(REGISTER)
    entries[11] = (REGISTER[11][0], REGISTER[11][1], REGISTER[11][2], "天津职业大字", *REGISTER[11][4:])
    entries[15] = (*REGISTER[15][:7], "2023年13月", *REGISTER[15][8:])
    before = database_state()
    preview = upload(logged_in, xlsx_bytes(register_rows(entries)), "register.xlsx")
    plan = preview.context["plan"]
    errors = {row.line: " ".join(row.errors) for row in plan.errors}
    assert set(errors) == {FIRST_LINE + 11, FIRST_LINE + 15}
    assert errors[FIRST_LINE + 11] == "School “天津职业大字” not found. Did you mean “天津职业大学”?"
    assert errors[FIRST_LINE + 15].startswith("Unreadable opening date “2023年13月”")
    content = preview.content.decode()
    assert "Apply the import" not in content and "Rows in error" in content
    assert confirm(logged_in, preview).status_code == 400
    assert database_state() == before


def test_errors_are_in_the_editors_language(logged_in, editor, portal):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "zh-hans"
    profile.save()
    entries = [(*REGISTER[6][:1], "火星", *REGISTER[6][2:])]
    preview = upload(logged_in, csv_bytes(register_rows(entries)), "register.csv")
    assert preview.context["plan"].errors[0].errors == ["未知国家“火星”。"]
    content = preview.content.decode()
    assert "未知国家“火星”。" in content and "有错误的行" in content


def test_a_programme_in_the_same_place_under_another_name_is_a_possible_duplicate(logged_in, portal):
    rows = register_rows([("曼谷通信培训中心", *REGISTER[0][1:])])
    preview = upload(logged_in, xlsx_bytes(rows), "register.xlsx")
    row = preview.context["plan"].rows[0]
    assert row.action == "duplicate" and row.candidates == [[portal["centre"].pk, portal["centre"].title]]
    assert "Apply the import" not in preview.content.decode()
    decided = review(logged_in, preview, **{f"duplicate_{FIRST_LINE}": str(portal["centre"].pk)})
    assert decided.context["plan"].rows[0].programme_id == portal["centre"].pk
    assert decided.context["plan"].can_apply
    assert confirm(logged_in, decided).status_code == 302
    assert ProgrammePage.objects.count() == 1

    rows = register_rows([("曼谷通信培训中心（二期）", *REGISTER[0][1:])])
    preview = upload(logged_in, xlsx_bytes(rows), "register.xlsx")
    decided = review(logged_in, preview, **{f"duplicate_{FIRST_LINE}": "new"})
    assert confirm(logged_in, decided).status_code == 302
    assert ProgrammePage.objects.filter(title_zh_hans="曼谷通信培训中心（二期）", live=False).exists()


def test_an_unclear_column_is_asked_for_and_remembered_for_registers_only(logged_in, portal):
    rows = [["院校（牵头）", "驻在地", "地点"], ["天津职业大学", "肯尼亚", "内罗毕"]]
    preview = upload(logged_in, csv_bytes(rows, "utf-8"), "register.csv")
    assert preview.context["plan"].missing_columns == ["country"]
    assert "Say which column holds each of these fields" in preview.content.decode()
    chosen = review(logged_in, preview, column_country="1")
    assert chosen.context["plan"].can_apply
    assert ImportColumnAlias.objects.filter(import_list="register").values_list("heading", "field").get() == (
        "驻在地",
        "country",
    )
    again = upload(logged_in, csv_bytes(rows, "utf-8"), "register.csv")
    assert again.context["plan"].can_apply
    # A batch list does not read that heading as anything.
    assert "驻在地" not in SCHOOL_LIST.known_headings()
    assert not ImportColumnAlias.objects.filter(import_list="schools").exists()


def test_a_school_editor_cannot_open_the_register_import(client, portal):
    client.force_login(school_editor(portal["schools"]["tjvi"], "tjvi"))
    assert client.get(reverse("ministry_register:register_import")).status_code == 403
    response = client.post(reverse("ministry_register:register_confirm"), {"token": "x", "digest": "y"})
    assert response.status_code == 403


def test_the_ministry_menu_leads_to_both_imports(logged_in):
    content = logged_in.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("ministry_register:register_import") in content
    assert reverse("ministry_register:partners_import") in content
    page = logged_in.get(reverse("ministry_register:register_import"))
    assert page.status_code == 200 and "牵头院校" in page.content.decode()


# --- The command line -----------------------------------------------------------------


def run(*args):
    out = io.StringIO()
    call_command("import_register", *args, stdout=out)
    return out.getvalue()


def test_command_previews_applies_with_apply_and_reimports_as_a_no_op(tmp_path, portal):
    User.objects.create_user("officer")
    path = tmp_path / "register.xlsx"
    path.write_bytes(xlsx_bytes(register_rows()))
    before = database_state()
    output = run(str(path))
    assert "Columns not imported: 序号 | 备注 | 联系人" in output
    assert f"line {FIRST_LINE}: 深圳职业技术大学 | 通信技术海外培训中心（曼谷） | Thailand, 曼谷 | matches" in output
    assert "New draft partner: 华为技术有限公司 (Chinese enterprise abroad, Thailand)" in output
    last = f"Rows understood: {len(REGISTER)} of {len(REGISTER)}, matched: 1, new: {len(REGISTER) - 1}"
    assert output.strip().splitlines()[-1] == last + ", possible duplicates: 0, errors: 0"
    assert database_state() == before

    output = run(str(path), "--apply", "--user", "officer")
    assert f"Applied: {len(REGISTER) - 1} new draft programmes, 1 programmes completed" in output
    assert output.strip().splitlines()[-1].startswith(last)
    assert ProgrammePage.objects.filter(owner__username="officer").count() == len(REGISTER) - 1
    after = database_state()
    output = run(str(path), "--apply")
    assert f"0 new draft programmes, 0 programmes completed, {len(REGISTER)} rows unchanged" in output
    assert output.strip().splitlines()[-1] == (
        f"Rows understood: {len(REGISTER)} of {len(REGISTER)}, matched: {len(REGISTER)}, new: 0, "
        "possible duplicates: 0, errors: 0"
    )
    assert database_state() == after


def test_command_exits_with_status_1_and_applies_nothing_when_a_row_has_an_error(tmp_path, portal):
    entries = list(REGISTER)
    entries[3] = (*REGISTER[3][:1], "Atlantis", *REGISTER[3][2:])
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes(register_rows(entries)))
    before = database_state()
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_register", str(path), "--apply", stdout=out)
    assert error.value.returncode == 1
    lines = out.getvalue().strip().splitlines()
    assert f"line {FIRST_LINE + 3}: " in out.getvalue() and "ERROR Unknown country “Atlantis”." in out.getvalue()
    assert lines[-1].endswith("errors: 1")
    assert database_state() == before


def test_command_takes_a_column_by_name(tmp_path, portal):
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes([["院校（牵头）", "驻在地"], ["天津职业大学", "肯尼亚"]], "utf-8"))
    with pytest.raises(CommandError, match="--column") as error:
        run(str(path))
    assert error.value.returncode == 1
    output = run(str(path), "--column", "country=驻在地")
    assert output.strip().splitlines()[-1].endswith("new: 1, possible duplicates: 0, errors: 0")


@pytest.mark.parametrize(
    "heading,field",
    [
        ("牵头院校名称", "lead_school"),
        ("院校名称", "lead_school"),
        ("合作院校（中方）", "schools"),
        ("合作院校（外方）", "partners"),
        ("外方合作院校名称", "partners"),
        ("合作企业名称", "companies"),
        ("所在国家（地区）", "country"),
        ("Host Country", "country"),
        ("揭牌时间", "opening"),
        ("专业名称", "specialties"),
        ("信息来源", "sources"),
        ("信息来源类型", "certainty"),
        ("项目名称（中文）", "title"),
    ],
)
def test_register_headings_are_matched_flexibly(db, heading, field):
    assert map_columns(["序号", heading], None, REGISTER_LIST).columns.get(field) == 1


# --- Reading cells ----------------------------------------------------------------------


def test_cells_are_split_on_the_publishers_separators_but_not_inside_brackets():
    text = "天津职业大学、天津轻工职业技术学院，A College (Bangkok, Thailand)；B/C\nD; D"
    assert split_list(text) == ["天津职业大学", "天津轻工职业技术学院", "A College (Bangkok, Thailand)", "B", "C", "D"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2019", (2019, None)),
        ("2019年", (2019, None)),
        ("2019年3月", (2019, 3)),
        ("2019.10", (2019, 10)),
        ("2019/03", (2019, 3)),
        ("2019-03-18 00:00:00", (2019, 3)),
        ("2019年3月18日", (2019, 3)),
        ("Sept 2021", (2021, 9)),
        ("", (None, None)),
    ],
)
def test_opening_dates_are_read_to_the_year_or_the_month(text, expected):
    assert parse_opening(text) == expected


@pytest.mark.parametrize("text", ["2019年13月", "19年", "last spring", "1890"])
def test_unreadable_opening_dates_are_refused(text):
    with pytest.raises(ValueError):
        parse_opening(text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("泰国", ("TH", "")),
        ("Thailand", ("TH", "")),
        ("THA", ("TH", "")),
        ("泰国曼谷", ("TH", "曼谷")),
        ("Thailand, Bangkok", ("TH", "Bangkok")),
        ("曼谷（泰国）", ("TH", "曼谷")),
        ("塔吉克斯坦", ("TJ", "")),
        ("Côte d’Ivoire", ("CI", "")),
        ("刚果（金）", ("CD", "")),
        ("Narnia", (None, "")),
    ],
)
def test_countries_are_read_in_chinese_english_or_as_codes_with_their_city(db, text, expected):
    assert CountryIndex().find(text) == expected


def test_sources_keep_the_words_before_an_address_as_its_title():
    sources, leftovers = parse_sources("新华网: https://a.example/x\nhttps://b.example/y/ ; 教育部官网")
    assert sources == [("https://a.example/x", "新华网"), ("https://b.example/y/", "b.example/y")]
    assert leftovers == ["教育部官网"]


@pytest.mark.parametrize(
    "text,code,how",
    [
        ("0714", "0714", "code"),
        ("714", "0714", "code"),
        ("Electronics and automation", "0714", "name"),
        ("电子与自动化", "0714", "name"),
        ("数控技术", "0715", "specialty"),
        ("CNC Technology", "0715", "specialty"),
        ("汽车车身维修技术", "0716", "word"),
        ("电子商务", "0416", "specialty"),
        ("跨境电子商务", "0416", "word"),
    ],
)
def test_specialties_are_found_by_code_name_catalogue_or_word(db, text, code, how):
    pk, found_how, _word = SpecialtyIndex().match(text)
    assert (FieldOfStudy.objects.get(pk=pk).code, found_how) == (code, how)


def test_an_unknown_specialty_is_an_error(portal):
    table = Table(["牵头院校", "国家", "专业"], [["天津职业大学", "肯尼亚", "魔法学"]])
    plan = build_register_plan(table)
    assert plan.rows[0].errors == [
        "Unknown specialty “魔法学”: use a specialty name, an ISCED-F field or its code (0714)."
    ]


def test_the_register_reads_long_cells_whole(db):
    long_sources = "\n".join(f"https://news.example.org/{n:04d}/a-long-address-for-a-source" for n in range(40))
    data = csv_bytes([["牵头院校", "国家", "来源"], ["天津职业大学", "肯尼亚", long_sources]], "utf-8")
    table = read_table(data, "", REGISTER_LIST)
    assert table.rows[0][2].count("https://") == 40


# --- On the programme page ----------------------------------------------------------------


def test_the_programme_page_says_how_sure_its_facts_are_next_to_its_sources(client, home):
    programme = ProgrammePageFactory()
    programme.certainty = ProgrammeCertainty.REPORTED
    programme.save_revision().publish()
    page = BeautifulSoup(client.get(programme.url).content, "html.parser")
    section = page.find(id="sources-heading").parent
    assert section.select_one(".sources__certainty").get_text() == "How sure these facts are: Reported, not verified"
    with translation.override("zh-hans"):
        url = ProgrammePage.objects.get(pk=programme.pk).url
    page = BeautifulSoup(client.get(url).content, "html.parser")
    assert page.select_one(".sources__certainty").get_text() == "信息可靠程度：已有报道，未经核实"


def test_school_pages_are_untouched_by_a_register_import_but_for_luban_workshops(logged_in, portal):
    before = sorted(SchoolPage.objects.values_list("pk", "latest_revision_id", "live"))
    rows = [REGISTER[0], REGISTER[3], REGISTER[4]]  # no Luban Workshop
    confirm(logged_in, upload(logged_in, xlsx_bytes(register_rows(rows)), "register.xlsx"))
    assert sorted(SchoolPage.objects.values_list("pk", "latest_revision_id", "live")) == before
    # A Luban Workshop records its lead school's recognition (the first school
    # of 天津职业大学、天津轻工职业技术学院), nothing else of the school's page.
    confirm(logged_in, upload(logged_in, xlsx_bytes(register_rows(REGISTER[1:2])), "register.xlsx"))
    lead, other = portal["schools"]["tjvi"], portal["schools"]["tjlight"]
    assert list(SchoolRecognition.objects.filter(school=lead).values_list("kind", "year", "name")) == [
        ("luban", 2016, "泰国鲁班工坊")
    ]
    assert not SchoolRecognition.objects.filter(school=other).exists()


def test_applied_in_the_chinese_admin_the_names_go_into_their_own_languages(logged_in, editor, portal):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "zh-hans"
    profile.save()
    preview = upload(logged_in, xlsx_bytes(register_rows([REGISTER[6], REGISTER[12]])), "register.xlsx")
    assert preview.context["plan"].can_apply
    assert confirm(logged_in, preview).status_code == 302
    kenya = ProgrammePage.objects.get(delivery_country="KE")
    assert (kenya.title_zh_hans, kenya.title_en, kenya.title_fr) == ("肯尼亚鲁班工坊", "肯尼亚鲁班工坊", None)
    rail = ProgrammePage.objects.get(title_en="Thailand Rail Training Centre")
    assert (rail.title_zh_hans, rail.delivery_city_en, rail.delivery_city_zh_hans) == (None, "Chachoengsao", None)
    with translation.override("zh-hans"):
        assert ProgrammePage.objects.get(pk=rail.pk).title == "Thailand Rail Training Centre"
