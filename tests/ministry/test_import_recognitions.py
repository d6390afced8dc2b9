"""The batch-list import reads a school's recognition from the same list: the
Double High Plan's category, tier and major groups (and Luban Workshops), with
a year column or the batch's year; the preview shows them, re-importing
changes nothing, bad values are reported by line, and a recognition reaches
the school's page as an editor's change would (a revision), so that the next
publication of the page keeps it."""

import datetime
import html

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from wagtail.models import Revision

import pytest

from ministry.imports import Table, apply_plan, build_plan, read_category, read_tier
from programmes.models import Province, SchoolPage, SchoolRecognition
from search.service import search_catalogue
from tests.factories import BatchFactory, ProgrammePageFactory, SchoolPageFactory

DECIDED = datetime.date(2025, 6, 30)
# The shape of /work/shared/data/schools_double_high_2019_sample.csv.
SAMPLE_HEADER = ["name_zh", "province_zh", "category", "tier", "major_group_zh", "year_announced", "source"]
SAMPLE_SOURCE = "教育部 财政部 教职成函〔2019〕14号"


def province(code):
    return Province.objects.get(code=code)


@pytest.fixture
def schools(home):
    return {
        "wuxi": SchoolPageFactory(
            official_name_zh="无锡职业技术学院", title_zh_hans="无锡职业技术学院", province=province("CN-JS")
        ),
        "beijing": SchoolPageFactory(
            official_name_zh="北京电子科技职业学院", title_zh_hans="北京电子科技职业学院", province=province("CN-BJ")
        ),
    }


def sample_rows():
    return [
        SAMPLE_HEADER,
        ["无锡职业技术学院", "江苏", "高水平学校建设单位", "A", "数控技术、物联网应用技术", "2019", SAMPLE_SOURCE],
        ["北京电子科技职业学院", "北京", "高水平专业群建设单位", "B", "汽车制造与装配技术", "2019", SAMPLE_SOURCE],
    ]


def plan_of(rows, batch, **options):
    return build_plan(Table(rows[0], rows[1:]), batch, DECIDED, **options)


def recognitions(school):
    return [
        (row.kind, row.tier, row.major_groups, row.year)
        for row in SchoolRecognition.objects.filter(school=school).order_by("sort_order")
    ]


def state():
    return (
        sorted(SchoolRecognition.objects.values_list("school_id", "kind", "tier", "major_groups", "year")),
        Revision.objects.count(),
    )


def test_english_headers_of_the_published_sample_are_read(schools):
    batch = BatchFactory(number=2, year=2025)
    plan = plan_of(sample_rows(), batch)
    assert plan.columns == {
        "name_zh": "name_zh",
        "province": "province_zh",
        "category": "category",
        "tier": "tier",
        "major_groups": "major_group_zh",
        "year": "year_announced",
    }
    assert plan.unused_columns == ["source"]
    wuxi, beijing = plan.rows
    assert (wuxi.recognition_kind, wuxi.recognition_tier, wuxi.recognition_year) == ("double-high-school", "A", 2019)
    assert wuxi.recognition_groups == "数控技术、物联网应用技术"
    assert beijing.recognition_display == "Double High Plan: high-level major group, tier B (2019)"
    assert [row.recognition_change for row in plan.rows] == ["add", "add"]


def test_recognitions_are_applied_shown_on_the_profile_and_a_reimport_changes_nothing(client, schools):
    batch = BatchFactory(number=2, year=2025)
    ProgrammePageFactory(parent=schools["wuxi"])
    counts = apply_plan(plan_of(sample_rows(), batch), None)
    assert counts["recognitions"] == 2
    assert recognitions(schools["wuxi"]) == [("double-high-school", "A", "数控技术、物联网应用技术", 2019)]
    # A live school without a pending draft: published at once, everywhere.
    with translation.override("en"):
        html = client.get(schools["wuxi"].url).content.decode()
    assert "Double High Plan: high-level school, tier A (2019)" in html
    assert {v.value: v.count for v in search_catalogue().facet("recognition").values} == {"double-high-school": 1}

    after = state()
    again = plan_of(sample_rows(), batch)
    assert all(row.unchanged for row in again.rows) and not again.recognitions
    assert apply_plan(again, None)["recognitions"] == 0
    assert state() == after


def test_chinese_headers_a_tier_in_the_category_and_the_batchs_year(schools):
    batch = BatchFactory(number=2, year=2025)
    rows = [
        ["学校名称", "省份", "建设类别", "专业群名称"],
        ["无锡职业技术学院", "江苏省", "高水平学校建设单位（A档）", "数控技术；物联网应用技术"],
        ["北京电子科技职业学院", "北京市", "", ""],
    ]
    plan = plan_of(rows, batch)
    wuxi, beijing = plan.rows
    assert (wuxi.recognition_kind, wuxi.recognition_tier, wuxi.recognition_year) == ("double-high-school", "A", 2025)
    assert wuxi.recognition_groups == "数控技术、物联网应用技术"
    # A row without a category records no recognition (and no error).
    assert not beijing.recognition_kind and not beijing.errors
    apply_plan(plan, None)
    assert recognitions(schools["wuxi"]) == [("double-high-school", "A", "数控技术、物联网应用技术", 2025)]
    assert recognitions(schools["beijing"]) == []


def test_a_changed_tier_replaces_the_recognition_of_that_year(schools):
    batch = BatchFactory(number=2, year=2025)
    apply_plan(plan_of(sample_rows(), batch), None)
    rows = sample_rows()
    rows[2][2:4] = ["高水平学校建设单位", "C"]
    plan = plan_of(rows, batch)
    assert [row.recognition_change for row in plan.rows] == ["", "update"]
    apply_plan(plan, None)
    assert recognitions(schools["beijing"]) == [("double-high-school", "C", "汽车制造与装配技术", 2019)]
    # A recognition of another year is one more.
    rows[2][5] = "2024"
    apply_plan(plan_of(rows, batch), None)
    assert [year for *_values, year in recognitions(schools["beijing"])] == [2019, 2024]


def test_a_school_with_a_pending_draft_gets_the_recognition_in_its_draft(schools):
    batch = BatchFactory(number=2, year=2025)
    wuxi = SchoolPage.objects.get(pk=schools["wuxi"].pk)
    wuxi.city = "Wuxi (draft)"
    wuxi.save_revision()
    apply_plan(plan_of(sample_rows(), batch), None)
    # Not public until the school's draft is published; the draft holds it.
    assert recognitions(schools["wuxi"]) == []
    draft = SchoolPage.objects.get(pk=schools["wuxi"].pk).get_latest_revision_as_object()
    assert draft.city == "Wuxi (draft)"
    assert [row.kind for row in draft.recognitions.all()] == ["double-high-school"]
    # Read again, the list changes nothing: the draft already has it.
    assert [row.recognition_change for row in plan_of(sample_rows(), batch).rows] == ["", ""]
    draft.get_latest_revision().publish()
    assert recognitions(schools["wuxi"]) == [("double-high-school", "A", "数控技术、物联网应用技术", 2019)]


def test_publishing_the_page_afterwards_keeps_an_imported_recognition(schools):
    batch = BatchFactory(number=2, year=2025)
    apply_plan(plan_of(sample_rows(), batch), None)
    # An editor's later change, from the latest revision, as the admin makes it.
    page = SchoolPage.objects.get(pk=schools["beijing"].pk).get_latest_revision_as_object()
    page.city = "Beijing"
    page.save_revision().publish()
    assert recognitions(schools["beijing"]) == [("double-high-major", "B", "汽车制造与装配技术", 2019)]


@pytest.mark.parametrize(
    "cells,message",
    [
        (["高水平学校", "D", "", ""], "Unknown tier “D”"),
        (["国家级示范校", "", "", ""], "Unknown category “国家级示范校”"),
        (["", "A", "数控技术", ""], "need a category"),
        (["鲁班工坊", "A", "", ""], "Only the Double High Plan has tiers and major groups."),
        (["高水平专业群建设单位", "B", "数控技术", "明年"], "Unknown year “明年”"),
    ],
)
def test_bad_recognition_cells_are_errors_of_their_line(schools, cells, message):
    batch = BatchFactory(number=2, year=2025)
    rows = [["学校名称", "省份", "类别", "档次", "专业群", "年份"], ["无锡职业技术学院", "江苏", *cells]]
    plan = plan_of(rows, batch)
    [row] = plan.errors
    assert row.line == 2 and message in " ".join(row.errors)
    assert not plan.can_apply


def test_choosing_no_column_for_the_category_imports_the_list_without_recognitions(schools):
    batch = BatchFactory(number=2, year=2025)
    rows = [["学校名称", "省份", "类别"], ["无锡职业技术学院", "江苏", "公办"]]
    assert plan_of(rows, batch).errors
    plan = plan_of(rows, batch, columns={"category": None})
    assert not plan.errors and not plan.reads_recognitions and plan.unused_columns == ["类别"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("高水平学校建设单位", ("double-high-school", "")),
        ("高水平专业群建设单位（C档）", ("double-high-major", "C")),
        ("中国特色高水平高职学校建设单位 B档", ("double-high-school", "B")),
        ("High-level major group (tier A)", ("double-high-major", "A")),
        ("鲁班工坊", ("luban", "")),
        ("示范校", (None, "")),
    ],
)
def test_category_values_as_lists_write_them(text, expected):
    assert read_category(text) == expected


@pytest.mark.parametrize("text,expected", [("A档", "A"), ("b", "B"), ("Tier C", "C"), ("档次C", "C"), ("D档", "")])
def test_tier_values(text, expected):
    assert read_tier(text) == expected


def test_the_preview_and_the_help_show_recognitions(logged_in, schools):
    batch = BatchFactory(number=2, year=2025)
    help_page = logged_in.get(reverse("programmes_batches:import")).content.decode()
    assert "Category of the recognition" in help_page and "<code>档次</code>" in help_page
    assert "<code>高水平专业群建设单位</code>" in help_page
    data = "\r\n".join(",".join(row) for row in sample_rows()).encode()
    preview = logged_in.post(
        reverse("programmes_batches:import"),
        {"batch": batch.pk, "decided_on": DECIDED.isoformat(), "file": SimpleUploadedFile("list.csv", data)},
    )
    content = preview.content.decode()
    assert "Double High Plan: high-level major group, tier B (2019)" in content
    assert "Major groups: 数控技术、物联网应用技术" in content
    assert "2 rows record or change recognitions." in content
    assert "The recognition will be recorded." in content
    confirmed = logged_in.post(
        reverse("programmes_batches:import_confirm"),
        {"token": preview.context["token"], "digest": preview.context["digest"]},
        follow=True,
    )
    assert "2 schools' recognitions were recorded." in html.unescape(confirmed.content.decode())
