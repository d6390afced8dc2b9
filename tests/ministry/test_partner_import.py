"""The partner-list import, with lists shaped like published ones: a merged
title cell above a Chinese header, extra columns, names in English, Chinese or
both, GB18030 and XLSX; partners already in the portal found by any of their
names (never created twice), a name one letter off asked about, errors by
line, all or nothing, re-import as a no-op, and the command line."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page

import pytest
from openpyxl import Workbook

from ministry.imports import Table
from ministry.partner_list import build_partner_plan
from partners.models import PartnerKind, PartnerPage
from tests.factories import PartnerPageFactory

TITLE = "2024年职业教育国际合作伙伴名单"
HEADER = [
    "序号",
    "机构名称",
    "中文名称",
    "原文名称",
    "语言",
    "所在国家",
    "所在城市",
    "机构类型",
    "官网",
    "合作院校",
    "备注",
]
FIRST_LINE = 3  # the title, the header, then the rows

ROWS = [
    # An existing partner by its English name: the list fills its website and its name in its own language.
    [
        "Chao Phraya Technical College",
        "湄南河技术学院",
        "วิทยาลัยเทคนิคเจ้าพระยา",
        "th",
        "泰国",
        "曼谷",
        "学院",
        "www.cptc.example.ac.th",
        "深圳职业技术大学",
        "",
    ],
    # An existing partner by its Chinese name only.
    ["", "科隆应用科学大学", "", "", "德国", "科隆", "", "", "", ""],
    # New partners: a university, a polytechnic, a ministry, companies Chinese and foreign.
    [
        "Machakos University",
        "马查科斯大学",
        "",
        "",
        "肯尼亚",
        "马查科斯",
        "大学",
        "https://www.mksu.example.ac.ke",
        "",
        "",
    ],
    ["Politeknik Negeri Jakarta", "", "", "", "印度尼西亚", "雅加达", "", "", "", ""],
    [
        "Ministry of Education of Djibouti",
        "吉布提国民教育与职业培训部",
        "",
        "fr",
        "吉布提",
        "吉布提市",
        "政府部门",
        "",
        "",
        "",
    ],
    ["", "中国路桥工程有限责任公司（肯尼亚）", "", "", "肯尼亚", "内罗毕", "中资企业", "", "", ""],
    ["Siam Cement Group", "暹罗水泥集团", "", "", "Thailand", "Bangkok", "企业", "https://www.scg.example.com", "", ""],
    ["Lao-German Technical College", "老挝-德国技术学院", "", "", "老挝", "万象", "", "", "", ""],
]


def list_rows(rows=ROWS):
    return [[TITLE] + [None] * (len(HEADER) - 1), HEADER] + [[str(n), *row] for n, row in enumerate(rows, start=1)]


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
    return ("\r\n".join(",".join("" if cell is None else str(cell) for cell in row) for row in rows) + "\r\n").encode(
        encoding
    )


@pytest.fixture
def partners(home):
    return {
        "cptc": PartnerPageFactory(
            title="Chao Phraya Technical College", title_zh_hans="湄南河技术学院", country="TH", city="Bangkok"
        ),
        "th_koeln": PartnerPageFactory(
            title="TH Köln – University of Applied Sciences",
            title_zh_hans="科隆应用科学大学",
            native_name="Technische Hochschule Köln",
            country="DE",
            city="Cologne",
            city_zh_hans="科隆",
            kind=PartnerKind.APPLIED_SCIENCES,
        ),
    }


def upload(client, data, name):
    return client.post(reverse("ministry_register:partners_import"), {"file": SimpleUploadedFile(name, data)})


def review(client, preview, **fields):
    return client.post(reverse("ministry_register:partners_review"), {"token": preview.context["token"], **fields})


def confirm(client, preview):
    return client.post(
        reverse("ministry_register:partners_confirm"),
        {"token": preview.context["token"], "digest": preview.context["digest"]},
    )


def database_state():
    return sorted(
        PartnerPage.objects.values_list(
            "pk", "title", "live", "latest_revision_id", "has_unpublished_changes", "country", "kind", "website"
        )
    ), Page.objects.count()


@pytest.mark.parametrize(
    "name,data_for", [("partners.xlsx", xlsx_bytes), ("partners.csv", csv_bytes)], ids=["xlsx-merged-title", "gb18030"]
)
def test_a_partner_list_is_previewed_applied_and_reimported_as_a_no_op(logged_in, partners, name, data_for):
    data = data_for(list_rows())
    before = database_state()
    preview = upload(logged_in, data, name)
    assert preview.status_code == 200
    plan = preview.context["plan"]
    assert plan.columns == {
        "name": "机构名称",
        "name_zh": "中文名称",
        "native_name": "原文名称",
        "native_language": "语言",
        "country": "所在国家",
        "city": "所在城市",
        "kind": "机构类型",
        "website": "官网",
    }
    assert plan.unused_columns == ["序号", "合作院校", "备注"]
    assert "Columns not imported: 序号 | 合作院校 | 备注" in preview.content.decode()
    assert [row.line for row in plan.rows] == list(range(FIRST_LINE, FIRST_LINE + len(ROWS)))
    assert not plan.errors, [(row.line, row.errors) for row in plan.errors]
    cptc, koeln, machakos, pnj, djibouti, crbc, scg, lao = plan.rows
    assert (cptc.action, cptc.partner_id) == ("match", partners["cptc"].pk)
    assert len(cptc.changes) == 4  # its name in its own language, that language, its city in Chinese, its website
    assert (koeln.action, koeln.partner_id, koeln.changes) == ("match", partners["th_koeln"].pk, [])
    assert [row.action for row in (machakos, pnj, djibouti, crbc, scg, lao)] == ["create"] * 6
    assert [row.kind for row in (machakos, pnj, djibouti, crbc, scg, lao)] == [
        PartnerKind.UNIVERSITY,
        PartnerKind.POLYTECHNIC,
        PartnerKind.AGENCY,
        PartnerKind.CHINESE_ENTERPRISE_ABROAD,
        PartnerKind.ENTERPRISE,
        PartnerKind.COLLEGE,
    ]
    assert plan.summary() == {"rows": 8, "understood": 8, "matched": 2, "new": 6, "duplicates": 0, "errors": 0}
    assert database_state() == before

    response = confirm(logged_in, preview)
    assert response.status_code == 302
    assert [str(message) for message in response.wsgi_request._messages] == [
        "Partner list imported: 6 new draft partners, 1 partners completed, 1 rows unchanged."
    ]
    assert PartnerPage.objects.count() == 8
    machakos = PartnerPage.objects.get(title_en="Machakos University")
    assert (machakos.live, machakos.title_zh_hans, machakos.country, machakos.city_zh_hans) == (
        False,
        "马查科斯大学",
        "KE",
        "马查科斯",
    )
    assert machakos.website == "https://www.mksu.example.ac.ke" and machakos.slug == "machakos-university"
    crbc = PartnerPage.objects.get(title_zh_hans="中国路桥工程有限责任公司（肯尼亚）")
    assert (crbc.kind, crbc.is_foreign, crbc.native_language) == (
        PartnerKind.CHINESE_ENTERPRISE_ABROAD,
        False,
        "zh-hans",
    )
    assert crbc.slug.isascii()
    scg = PartnerPage.objects.get(title_en="Siam Cement Group")
    assert (scg.kind, scg.country, scg.is_foreign) == (PartnerKind.ENTERPRISE, "TH", True)
    cptc = PartnerPage.objects.get(pk=partners["cptc"].pk)
    assert cptc.live and not cptc.has_unpublished_changes
    assert (cptc.native_name, cptc.native_language, cptc.website) == (
        "วิทยาลัยเทคนิคเจ้าพระยา",
        "th",
        "https://www.cptc.example.ac.th",
    )
    after = database_state()

    again = upload(logged_in, data, name)
    assert [row.action for row in again.context["plan"].rows] == ["match"] * 8
    assert all(row.unchanged for row in again.context["plan"].rows)
    assert confirm(logged_in, again).status_code == 302
    assert database_state() == after


def test_a_name_one_letter_off_is_asked_about_and_the_answer_applied(logged_in, partners):
    rows = [["Chao Phraya Technical Colege", "", "", "", "泰国", "曼谷", "", "", "", ""]]
    preview = upload(logged_in, xlsx_bytes(list_rows(rows)), "partners.xlsx")
    row = preview.context["plan"].rows[0]
    assert row.action == "duplicate" and row.candidates == [[partners["cptc"].pk, "Chao Phraya Technical College"]]
    assert "Apply the import" not in preview.content.decode()
    decided = review(logged_in, preview, **{f"duplicate_{FIRST_LINE}": str(partners["cptc"].pk)})
    assert decided.context["plan"].can_apply
    confirm(logged_in, decided)
    assert PartnerPage.objects.count() == 2, "the same partner: nothing created"


def test_bad_rows_are_reported_by_line_and_nothing_is_applied(logged_in, partners):
    rows = [list(row) for row in ROWS]
    rows[2][4] = "火星"
    rows[6][6] = "外星机构"
    rows[7][7] = "not a website"
    before = database_state()
    preview = upload(logged_in, xlsx_bytes(list_rows(rows)), "partners.xlsx")
    errors = {row.line: " ".join(row.errors) for row in preview.context["plan"].errors}
    assert set(errors) == {FIRST_LINE + 2, FIRST_LINE + 6, FIRST_LINE + 7}
    assert errors[FIRST_LINE + 2] == "Unknown country “火星”."
    assert errors[FIRST_LINE + 6].startswith("Unknown kind “外星机构”: use College, ")
    assert errors[FIRST_LINE + 7] == "“not a website” is not a web address."
    assert confirm(logged_in, preview).status_code == 400
    assert database_state() == before


def test_the_same_partner_twice_in_a_list_is_an_error(partners):
    table = Table(["name", "country"], [["Machakos University", "Kenya"], ["MACHAKOS  UNIVERSITY", "KE"]])
    plan = build_partner_plan(table)
    assert plan.rows[1].errors == ["Duplicate row: the same partner as line 2."]


def test_errors_are_in_the_editors_language(partners):
    table = Table(["名称", "国家"], [["Machakos University", "火星"]])
    with translation.override("zh-hans"):
        plan = build_partner_plan(table)
    assert plan.rows[0].errors == ["未知国家“火星”。"]


def test_a_merged_partner_is_found_as_the_one_it_was_merged_into(partners):
    duplicate = PartnerPageFactory(title="CPTC Bangkok", country="TH", merged_into=partners["cptc"])
    plan = build_partner_plan(Table(["name", "country"], [["CPTC Bangkok", "TH"]]))
    assert plan.rows[0].partner_id == partners["cptc"].pk != duplicate.pk


# --- The command line -----------------------------------------------------------------


def run(*args):
    out = io.StringIO()
    call_command("import_partners", *args, stdout=out)
    return out.getvalue()


def test_command_previews_applies_with_apply_and_reimports_as_a_no_op(tmp_path, partners):
    path = tmp_path / "partners.csv"
    path.write_bytes(csv_bytes(list_rows()))
    before = database_state()
    output = run(str(path))
    assert "Columns not imported: 序号 | 合作院校 | 备注" in output
    assert output.strip().splitlines()[-1] == (
        "Rows understood: 8 of 8, matched: 2, new: 6, possible duplicates: 0, errors: 0"
    )
    assert database_state() == before
    output = run(str(path), "--apply")
    assert "Applied: 6 new draft partners, 1 partners completed, 1 rows unchanged." in output
    after = database_state()
    output = run(str(path), "--apply")
    assert "Applied: 0 new draft partners, 0 partners completed, 8 rows unchanged." in output
    assert output.strip().splitlines()[-1].startswith("Rows understood: 8 of 8, matched: 8, new: 0")
    assert database_state() == after


def test_command_exits_with_status_1_when_a_row_has_an_error(tmp_path, partners):
    rows = [list(row) for row in ROWS]
    rows[3][4] = "Atlantis"
    path = tmp_path / "partners.xlsx"
    path.write_bytes(xlsx_bytes(list_rows(rows)))
    before = database_state()
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_partners", str(path), "--apply", stdout=out)
    assert error.value.returncode == 1
    assert out.getvalue().strip().splitlines()[-1].endswith("possible duplicates: 0, errors: 1")
    assert f"line {FIRST_LINE + 3}: Politeknik Negeri Jakarta" in out.getvalue()
    assert database_state() == before


def test_a_school_editor_cannot_import_partners(client, partners):
    from tests.editor_accounts import school_editor
    from tests.factories import SchoolPageFactory

    client.force_login(school_editor(SchoolPageFactory(), "someone"))
    assert client.get(reverse("ministry_register:partners_import")).status_code == 403
