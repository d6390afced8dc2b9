"""Yearly reports in the admin: a school files only its own, impossible values
are refused with clear messages, ministry editors verify, and only verified
figures count in public totals."""

import datetime

from django.urls import reverse

import pytest

from ministry import dashboard
from programmes.models import YearlyReport
from tests.editor_accounts import ministry_editor, school_editor
from tests.factories import SchoolPageFactory, YearlyReportFactory


@pytest.fixture
def schools(home):
    return SchoolPageFactory(title="School A"), SchoolPageFactory(title="School B")


@pytest.fixture
def editor(schools):
    return school_editor(schools[0], "editor_a")


def report_data(school, year=2024, **figures):
    data = {
        "school": school.pk,
        "year": year,
        "evidence-TOTAL_FORMS": 0,
        "evidence-INITIAL_FORMS": 0,
        "evidence-MIN_NUM_FORMS": 0,
        "evidence-MAX_NUM_FORMS": 1000,
    }
    for figure in YearlyReport.FIGURES:
        data[figure] = figures.get(figure, 1)
    return data


def test_school_editor_files_a_report_for_their_school(client, schools, editor):
    client.force_login(editor)
    response = client.post(reverse("yearly_reports:add"), report_data(schools[0]))
    assert response.status_code == 302
    report = YearlyReport.objects.get()
    assert report.school == schools[0] and report.submitted_by == editor and not report.is_verified


def test_school_field_offers_only_the_editors_school(client, schools, editor):
    client.force_login(editor)
    form = client.get(reverse("yearly_reports:add")).context["form"]
    assert list(form.fields["school"].queryset) == [schools[0]]
    assert "verified" not in form.fields
    response = client.post(reverse("yearly_reports:add"), report_data(schools[1]))
    assert response.status_code == 200 and "school" in response.context["form"].errors
    assert YearlyReport.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"students_trained_abroad": -3}, "students_trained_abroad", "greater than or equal to 0"),
        ({"year": datetime.date.today().year + 1}, "year", "a year that has not started"),
    ],
)
def test_impossible_values_are_refused_with_clear_messages(client, schools, editor, changes, field, message):
    client.force_login(editor)
    data = report_data(schools[0])
    data.update(changes)
    response = client.post(reverse("yearly_reports:add"), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert YearlyReport.objects.count() == 0


def test_second_report_for_the_same_year_is_refused(client, schools, editor):
    YearlyReportFactory(school=schools[0], year=2024)
    client.force_login(editor)
    response = client.post(reverse("yearly_reports:add"), report_data(schools[0], year=2024))
    errors = " ".join(response.context["form"].non_field_errors())
    # The school editor's admin is in Chinese.
    assert "already has a report for this year" in errors or "已有本年度报告" in errors
    assert YearlyReport.objects.count() == 1


def public_total(year, figure):
    """A year's total of one figure as the public pages show it (verified reports only)."""
    rows = {row["year"]: row for row in dashboard.yearly_table(public=True).records()}
    return rows.get(year, {}).get(figure, 0)


def test_ministry_editor_verifies_and_only_verified_figures_count(client, schools):
    checked = YearlyReportFactory(school=schools[0], year=2024, students_trained_abroad=40)
    YearlyReportFactory(school=schools[1], year=2024, students_trained_abroad=1000)
    ministry = ministry_editor()
    client.force_login(ministry)
    response = client.post(
        reverse("yearly_reports:edit", args=[checked.pk]),
        {**report_data(schools[0], students_trained_abroad=40), "verified": "on"},
    )
    assert response.status_code == 302
    checked.refresh_from_db()
    assert checked.verified_by == ministry and checked.verified_at is not None
    assert public_total(2024, "students_trained_abroad") == 40
    assert list(YearlyReport.objects.verified()) == [checked]


def test_changing_verified_figures_withdraws_the_verification(client, schools, editor):
    report = YearlyReportFactory(school=schools[0], year=2024, students_trained_abroad=40)
    ministry = ministry_editor()
    client.force_login(ministry)
    client.post(
        reverse("yearly_reports:edit", args=[report.pk]),
        {**report_data(schools[0], students_trained_abroad=40), "verified": "on"},
    )
    client.force_login(editor)
    client.post(reverse("yearly_reports:edit", args=[report.pk]), report_data(schools[0], students_trained_abroad=90))
    report.refresh_from_db()
    assert report.students_trained_abroad == 90 and not report.is_verified
    assert public_total(2024, "students_trained_abroad") == 0


def test_school_editor_listing_and_export_show_only_their_reports(client, schools, editor):
    own = YearlyReportFactory(school=schools[0], year=2024)
    other = YearlyReportFactory(school=schools[1], year=2023)
    client.force_login(editor)
    listing = client.get(reverse("yearly_reports:index")).content.decode()
    assert reverse("yearly_reports:edit", args=[own.pk]) in listing
    assert reverse("yearly_reports:edit", args=[other.pk]) not in listing
    export = client.get(reverse("yearly_reports:index"), {"export": "csv"})
    content = (b"".join(export.streaming_content) if export.streaming else export.content).decode()
    assert "2024" in content and "2023" not in content
