"""The ministry dashboard and its exports: every figure against an
independent ORM count over generated data with known answers."""

import csv
import datetime
import io

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from modeltranslation.utils import build_localized_fieldname
from openpyxl import load_workbook

from ministry import dashboard
from partners.models import Partnership, PartnershipKind, PartnershipStage
from portal.site_tree import ensure_site_tree
from programmes.batches import record_decision
from programmes.models import (
    Batch,
    BatchSelection,
    FieldOfStudy,
    ProgrammePage,
    ProgrammeType,
    Province,
    Region,
    SchoolPage,
    YearlyReport,
)
from tests.factories import (
    BatchFactory,
    PartnerPageFactory,
    PartnershipFactory,
    ProgrammePageFactory,
    SchoolPageFactory,
    YearlyReportFactory,
)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
LAST_YEAR = timezone.localdate().year - 1
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def fully_translated(name):
    values = {}
    for code in LANGUAGE_CODES:
        values[build_localized_fieldname("title", code)] = f"{name} ({code})"
        values[build_localized_fieldname("introduction", code)] = f"<p>{name} in {code}.</p>"
    return values


def field(code):
    return FieldOfStudy.objects.get(code=code)


@pytest.fixture(scope="module")
def shared_world(module_db):
    """3 batches; selected, nominated and withdrawn schools in every region; a
    draft selected school; live and draft programmes and partners."""
    ensure_site_tree()
    east, central, west = (Province.objects.get(code=code) for code in ("CN-GD", "CN-HA", "CN-SC"))
    batches = [BatchFactory(number=1, quota=10), BatchFactory(number=2, quota=8), BatchFactory(number=3, quota=6)]
    plan = [
        (0, east, "selected"),
        (0, east, "selected"),
        (0, central, "selected"),
        (0, west, "selected"),
        (0, east, "nominated"),
        (0, west, "withdrawn"),
        (1, central, "selected"),
        (1, central, "selected"),
        (1, west, "selected"),
        (1, east, "withdrawn"),
        (2, central, "nominated"),
    ]
    schools = []
    for position, (batch_index, province, status) in enumerate(plan):
        extra = fully_translated(f"School {position}") if position in (0, 1) else {}
        school = SchoolPageFactory(province=province, **extra)
        record_decision(school, batches[batch_index], status, YESTERDAY)
        schools.append(school)
    draft = SchoolPageFactory(province=west, live=False)
    record_decision(draft, batches[2], "selected", YESTERDAY)
    SchoolPageFactory(province=east)  # not in any batch

    model, attention, lagging = schools[0], schools[1], schools[2]
    ProgrammePageFactory(
        parent=model,
        programme_type=ProgrammeType.TRAINING_CENTRE,
        fields_of_study=[field("0715")],
        delivery_country="TH",
    )
    ProgrammePageFactory(
        parent=attention,
        programme_type=ProgrammeType.JOINT_PROGRAMME,
        fields_of_study=[field("0413")],
        delivery_country="FR",
    )
    ProgrammePageFactory(
        parent=model,
        programme_type=ProgrammeType.JOINT_PROGRAMME,
        fields_of_study=[field("0714")],
        delivery_country="FR",
    )
    ProgrammePageFactory(parent=lagging, programme_type=ProgrammeType.EXCHANGE, delivery_country="BR", live=False)
    ProgrammePageFactory(parent=draft, programme_type=ProgrammeType.EXCHANGE, delivery_country="JP")

    french, thai, american = (
        PartnerPageFactory(country="FR"),
        PartnerPageFactory(country="TH"),
        PartnerPageFactory(country="US"),
    )
    german_draft = PartnerPageFactory(country="DE", live=False)
    PartnershipFactory(school=model, partner=french, kind=PartnershipKind.TRAINING_CENTRE)
    PartnershipFactory(school=attention, partner=french, kind=PartnershipKind.JOINT_PROGRAMME)
    PartnershipFactory(school=model, partner=thai, kind=PartnershipKind.EXCHANGE)
    PartnershipFactory(school=lagging, partner=german_draft, kind=PartnershipKind.EXCHANGE)
    PartnershipFactory(school=attention, partner=american, kind=PartnershipKind.OTHER, stage=PartnershipStage.ENDED)

    now = timezone.now()
    YearlyReportFactory(school=model, year=LAST_YEAR, students_trained_abroad=40, programmes_running=3, verified_at=now)
    YearlyReportFactory(
        school=model, year=LAST_YEAR - 1, students_trained_abroad=10, programmes_running=1, verified_at=now
    )
    YearlyReportFactory(
        school=schools[3], year=LAST_YEAR, students_trained_abroad=7, programmes_running=2, verified_at=now
    )
    YearlyReportFactory(school=attention, year=LAST_YEAR, students_trained_abroad=999, verified_at=None)
    # One selected school whose profile was last touched two years ago.
    old = now - datetime.timedelta(days=730)
    SchoolPage.objects.filter(pk=schools[7].pk).update(last_published_at=old, latest_revision_created_at=old)
    return {
        "schools": schools,
        "model": model,
        "attention": attention,
        "lagging": lagging,
        "draft": draft,
        "batches": batches,
    }


@pytest.fixture
def world(shared_world, db):
    """The module's data; each test's changes are rolled back after it."""
    return shared_world


# --- Independent counts -------------------------------------------------------------


def expected_selection_count(status, **filters):
    return BatchSelection.objects.filter(status=status, **filters).count()


def live_programmes():
    live_schools = list(SchoolPage.objects.live())
    return [
        programme
        for programme in ProgrammePage.objects.live()
        if any(programme.is_child_of(school) for school in live_schools)
    ]


def counted_partnerships():
    return [
        partnership
        for partnership in Partnership.objects.select_related("school", "partner")
        if partnership.school.live and partnership.partner.live and partnership.stage != PartnershipStage.ENDED
    ]


def test_selection_figures_match_independent_counts(world):
    target = 300
    overall = dict(dashboard.overall_table(target).rows)
    assert overall["Selected"] == expected_selection_count("selected") == 8
    assert overall["Nominated"] == expected_selection_count("nominated") == 2
    assert overall["Withdrawn"] == expected_selection_count("withdrawn") == 2
    assert overall["National target"] == 300
    assert overall["Selected, % of the target"] == round(100 * 8 / 300, 1)

    rows = {row[0]: row for row in dashboard.batches_table().rows}
    for batch in Batch.objects.all():
        row = rows[str(batch)]
        assert row[2] == batch.quota
        assert row[3] == expected_selection_count("selected", batch=batch)
        assert row[4] == expected_selection_count("nominated", batch=batch)
        assert row[5] == expected_selection_count("withdrawn", batch=batch)
        assert row[6] == round(100 * row[3] / batch.quota, 1)
    assert [row[3] for row in dashboard.batches_table().rows] == [4, 3, 1]

    regions = {row[0]: row for row in dashboard.regions_table().rows}
    for value, label in Region.choices:
        assert regions[str(label)][1] == expected_selection_count("selected", school__province__region=value)
        assert regions[str(label)][2] == expected_selection_count("nominated", school__province__region=value)
    assert [regions[str(label)][1] for _value, label in Region.choices] == [2, 3, 3]

    provinces = {row[0]: row for row in dashboard.provinces_table().rows}
    assert len(provinces) == Province.objects.count()
    for province in Province.objects.all():
        assert provinces[str(province)][2] == expected_selection_count("selected", school__province=province)
        assert provinces[str(province)][3] == expected_selection_count("nominated", school__province=province)


def test_partner_and_programme_figures_count_only_published_content(world):
    partnerships = counted_partnerships()
    programmes = live_programmes()
    countries = {row[1]: row for row in dashboard.countries_table().rows}
    expected_codes = {p.partner.country.code for p in partnerships} | {p.delivery_country.code for p in programmes}
    assert set(countries) == expected_codes == {"FR", "TH"}
    for code, row in countries.items():
        assert row[2] == len({p.partner_id for p in partnerships if p.partner.country.code == code})
        assert row[3] == len([p for p in partnerships if p.partner.country.code == code])
        assert row[4] == len([p for p in programmes if p.delivery_country.code == code])

    kinds = {row[0]: row[1] for row in dashboard.partnership_kinds_table().rows}
    for value, label in PartnershipKind.choices:
        assert kinds[str(label)] == len([p for p in partnerships if p.kind == value])
    assert sum(kinds.values()) == 3

    types = {row[0]: row[1] for row in dashboard.programme_types_table().rows}
    for value, label in ProgrammeType.choices:
        assert types[str(label)] == len([p for p in programmes if p.programme_type == value])
    assert sum(types.values()) == 3

    fields = {row[0][:2]: row[1] for row in dashboard.programme_fields_table().rows}
    for broad in FieldOfStudy.objects.filter(depth="broad"):
        assert fields[broad.code] == len(
            [p for p in programmes if any(f.code.startswith(broad.code) for f in p.fields_of_study.all())]
        )
    assert fields["07"] == 2 and fields["04"] == 1


def test_yearly_figures_sum_only_verified_reports(world):
    rows = {row[0]: row for row in dashboard.yearly_table().rows}
    for year in (LAST_YEAR, LAST_YEAR - 1):
        verified = YearlyReport.objects.filter(year=year, verified_at__isnull=False)
        assert rows[year][1] == verified.count()
        for position, name in enumerate(YearlyReport.FIGURES, start=2):
            assert rows[year][position] == sum(getattr(report, name) for report in verified)
    assert rows[LAST_YEAR][3] == 47  # 40 + 7; the unverified 999 is left out


def test_translation_completeness_per_language(world):
    rows = {row[1]: row for row in dashboard.translations_table().rows}
    schools = list(SchoolPage.objects.live())
    programmes = live_programmes()
    for code in LANGUAGE_CODES:
        title, introduction = build_localized_fieldname("title", code), build_localized_fieldname("introduction", code)
        translated = [s for s in schools if getattr(s, title) and getattr(s, introduction)]
        assert rows[code][2] == len(translated)
        assert rows[code][3] == len(schools)
        translated_programmes = [
            p for p in programmes if getattr(p, title) and getattr(p, build_localized_fieldname("description", code))
        ]
        assert rows[code][5] == len(translated_programmes)
        assert rows[code][6] == len(programmes)
    assert rows["fr"][2] == 2 and rows["en"][2] == len(schools)


def expected_status(school):
    """STATUS_RULES, written out again: two of no programme, no report and no
    update are a risk; translations count only when English or Chinese is
    missing, or three of the six languages, and never make a risk alone."""
    stale_before = timezone.now() - datetime.timedelta(days=365)
    missing = [
        code
        for code in LANGUAGE_CODES
        if not getattr(school, build_localized_fieldname("title", code))
        or not getattr(school, build_localized_fieldname("introduction", code))
    ]
    updated = max(filter(None, [school.last_published_at, school.latest_revision_created_at]), default=None)
    activity = [
        not ProgrammePage.objects.live().child_of(school).exists(),
        not YearlyReport.objects.filter(school=school, year=LAST_YEAR, verified_at__isnull=False).exists(),
        updated is None or updated < stale_before,
    ]
    untranslated = "en" in missing or "zh-hans" in missing or len(missing) >= 3
    if sum(activity) >= 2:
        return "At risk"
    if any(activity) or untranslated:
        return "Needs attention"
    return "On track"


def test_each_selected_school_gets_a_status_by_the_written_rules(world):
    table = dashboard.schools_table()
    by_title = {record["school"]: record for record in table.records()}
    selected = SchoolPage.objects.filter(batch_selections__status="selected")
    assert len(table.rows) == selected.count() == 8
    for school in selected:
        assert by_title[school.title]["status"] == expected_status(school), school.title
    assert by_title[world["model"].title]["status"] == "On track"
    assert by_title[world["attention"].title]["status"] == "Needs attention"
    assert by_title[world["lagging"].title]["status"] == "At risk"
    # The reason is written beside the status; none for a school on track.
    assert by_title[world["model"].title]["reason"] == ""
    assert "no published programme" in by_title[world["lagging"].title]["reason"]
    # Worst first.
    statuses = [record["status"] for record in table.records()]
    assert statuses == sorted(statuses, key=["At risk", "Needs attention", "On track"].index)
    summary = dict(dashboard.status_summary_table().rows)
    assert summary == {label: statuses.count(label) for label in ("On track", "Needs attention", "At risk")}
    assert summary["On track"] == 1 and summary["At risk"] >= 1


def test_missing_languages_never_make_a_risk_alone():
    signals = {"no_programme": False, "no_report": True, "untranslated": ["ar", "ru"], "stale": False}
    assert dashboard.school_status(signals) == dashboard.NEEDS_ATTENTION
    assert dashboard.school_status({**signals, "untranslated": ["en", "ar", "ru", "es"]}) == dashboard.NEEDS_ATTENTION
    assert dashboard.school_status({**signals, "stale": True}) == dashboard.AT_RISK
    assert dashboard.school_status({**signals, "no_report": False, "untranslated": ["en"]}) == (
        dashboard.NEEDS_ATTENTION
    )
    assert dashboard.school_status({**signals, "no_report": False, "untranslated": ["ar"]}) == dashboard.ON_TRACK
    reason = dashboard.status_reason({**signals, "stale": True, "untranslated": ["en"]})
    assert reason == "no verified report for last year; profile untranslated; not updated for 12 months"


def test_the_dashboard_sorts_any_table_by_any_column(client, world, editor):
    client.force_login(editor)
    html = client.get(reverse("portal_dashboard"), {"sort": "schools.province", "order": "desc"}).content.decode()
    section = html.split('id="table-schools"', 1)[1].split("</section>", 1)[0]
    assert 'aria-sort="descending"' in section
    provinces = [record["province"] for record in dashboard.schools_table().sorted("province", True).records()]
    shown = [name for name in provinces if name]
    positions = [section.index(f"<td>{name}</td>") for name in dict.fromkeys(shown)]
    assert positions == sorted(positions)
    # Every header links to its sort; numbers sort as numbers.
    assert "?sort=schools.status&amp;order=asc#table-schools" in section
    batches = dashboard.batches_table().sorted(dashboard.batches_table().keys[1], descending=True)
    column = batches.column(batches.keys[1])
    assert column == sorted(column, reverse=True)


def test_dashboard_page_shows_charts_tables_rules_and_edit_links(client, world, editor):
    client.force_login(editor)
    response = client.get(reverse("portal_dashboard"))
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<svg") >= 10
    assert "How the status is computed" in content
    assert reverse("wagtailadmin_pages:edit", args=[world["lagging"].pk]) in content
    for name in dashboard.TABLES:
        assert reverse("portal_dashboard_export", args=[name, "csv"]) in content
        assert reverse("portal_dashboard_export", args=[name, "xlsx"]) in content


def read_csv(response):
    text = response.getvalue().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def read_xlsx(response):
    sheet = load_workbook(io.BytesIO(response.getvalue()), read_only=True).worksheets[0]
    return [["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)]


def test_every_table_exports_the_same_numbers_as_csv_and_xlsx(client, world, editor):
    client.force_login(editor)
    for name in dashboard.TABLES:
        table = dashboard.build_table(name, 300)
        csv_response = client.get(reverse("portal_dashboard_export", args=[name, "csv"]))
        xlsx_response = client.get(reverse("portal_dashboard_export", args=[name, "xlsx"]))
        assert csv_response.status_code == xlsx_response.status_code == 200
        assert "attachment" in csv_response["Content-Disposition"]
        csv_rows = read_csv(csv_response)
        xlsx_rows = read_xlsx(xlsx_response)
        assert csv_rows[0] == table.columns == list(xlsx_rows[0])
        assert csv_rows[1:] == [[str(cell) for cell in row] for row in table.rows], name
        assert [list(row) for row in xlsx_rows[1:]] == table.rows, name
    batches = read_csv(client.get(reverse("portal_dashboard_export", args=["batches", "csv"])))
    assert [int(row[3]) for row in batches[1:]] == [
        expected_selection_count("selected", batch=batch) for batch in Batch.objects.order_by("number")
    ]


def test_unknown_export_is_a_404_not_a_500(client, home, editor):
    client.force_login(editor)
    assert client.get(reverse("portal_dashboard_export", args=["nothing", "csv"])).status_code == 404
    assert client.get(reverse("portal_dashboard_export", args=["batches", "pdf"])).status_code == 404


def test_dashboard_queries_do_not_grow_with_the_number_of_schools(client, home, editor):
    client.force_login(editor)
    batch = BatchFactory(number=1)
    counts = []
    for size in (2, 8):
        for _ in range(size):
            school = SchoolPageFactory()
            record_decision(school, batch, "selected", YESTERDAY)
            ProgrammePageFactory(parent=school)
            PartnershipFactory(school=school)
            YearlyReportFactory(school=school, year=LAST_YEAR, verified_at=timezone.now())
        client.get(reverse("portal_dashboard"))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("portal_dashboard")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
