"""The life of a partnership (stages, validation, history) and the merging of
duplicate partners; and the command that creates school editors."""

import datetime
import importlib
from io import StringIO

from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from ministry.dashboard import countries_table
from ministry.figures import headline_figures
from partners.merging import merge_partner
from partners.models import (
    DatePrecision,
    PartnerKind,
    PartnerPage,
    Partnership,
    PartnershipEvent,
    PartnershipStage,
    ProgrammePartner,
)
from portal.roles import school_editors_group, school_ids_for
from programmes.models import ProgrammePage, SchoolPage
from search.service import search_catalogue
from tests.editor_accounts import ministry_editor
from tests.factories import (
    PartnerPageFactory,
    PartnershipFactory,
    ProgrammePageFactory,
    ProgrammePartnerFactory,
    SchoolPageFactory,
)

foreign_migration = importlib.import_module("partners.migrations.0006_partner_is_foreign_start_precision")


@pytest.fixture
def school(home):
    return SchoolPageFactory(title="School A")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"stage": PartnershipStage.SIGNED}, "agreement_date"),
        ({"stage": PartnershipStage.ENDED, "end_reason": "Funding stopped"}, "end_date"),
        ({"stage": PartnershipStage.ENDED, "end_date": "2025-06-30"}, "end_reason"),
        ({"start_date": "2025-01-01", "end_date": "2024-01-01"}, "end_date"),
    ],
)
def test_partnership_stage_needs_its_facts(school, values, field):
    partnership = Partnership(school=school, partner=PartnerPageFactory(), **values)
    with pytest.raises(ValidationError) as error:
        partnership.full_clean()
    assert field in error.value.message_dict


def test_publishing_the_school_keeps_the_history_of_stages(school):
    PartnershipFactory(school=school, stage=PartnershipStage.PROPOSED)
    fresh = SchoolPage.objects.get(pk=school.pk)
    fresh.save_revision().publish()

    fresh = SchoolPage.objects.get(pk=school.pk)
    partnership = fresh.partnerships.get()
    partnership.stage = PartnershipStage.SIGNED
    partnership.agreement_date = datetime.date(2025, 3, 1)
    fresh.partnerships = [partnership]
    fresh.save_revision().publish()
    SchoolPage.objects.get(pk=school.pk).save_revision().publish()  # no change: no new event

    stages = list(PartnershipEvent.objects.filter(school=school).values_list("stage", flat=True))
    assert stages == [PartnershipStage.PROPOSED, PartnershipStage.SIGNED]
    assert Partnership.objects.get(school=school).stage == PartnershipStage.SIGNED
    assert PartnershipEvent.objects.filter(school=school).last().agreement_date == datetime.date(2025, 3, 1)


def test_merging_a_duplicate_moves_links_and_unpublishes_it(school):
    target = PartnerPageFactory(title="Lyon College")
    duplicate = PartnerPageFactory(title="Lyon College (duplicate)")
    PartnershipFactory(school=school, partner=duplicate)
    programme = ProgrammePageFactory(parent=school)
    ProgrammePartnerFactory(programme=programme, partner=duplicate)

    moved = merge_partner(duplicate, target)

    duplicate.refresh_from_db()
    assert moved == 2
    assert not duplicate.live and duplicate.merged_into == target
    assert Partnership.objects.get(school=school).partner == target
    assert ProgrammePartner.objects.get(programme=programme).partner == target
    assert not Partnership.objects.filter(partner=duplicate).exists()


def test_ministry_editor_merges_through_the_admin(client, school):
    target = PartnerPageFactory()
    duplicate = PartnerPageFactory()
    PartnershipFactory(school=school, partner=duplicate)
    client.force_login(ministry_editor())
    response = client.post(reverse("partners_merge", args=[duplicate.pk]), {"target": target.pk})
    assert response.status_code == 302
    assert PartnerPage.objects.get(pk=duplicate.pk).merged_into_id == target.pk


def test_a_partner_cannot_be_merged_into_itself(school):
    partner = PartnerPageFactory()
    with pytest.raises(ValueError):
        merge_partner(partner, partner)


def test_add_school_editor_creates_group_and_user_and_is_idempotent(school):
    out = StringIO()
    call_command(
        "add_school_editor",
        school.official_name_zh,
        "li.ming",
        email="li@school.example.cn",
        password="a-long-password",
        stdout=out,
    )
    call_command("add_school_editor", school.slug, "li.ming", email="li@school.example.cn", stdout=out)
    group = school_editors_group(school)
    assert group.name.startswith("School editors: ")
    assert list(group.user_set.values_list("username", flat=True)) == ["li.ming"]
    user = group.user_set.get()
    assert user.check_password("a-long-password")
    assert school_ids_for(user) == {school.pk}
    assert "Updated user li.ming" in out.getvalue()


def test_add_school_editor_refuses_an_unknown_school(home):
    with pytest.raises(CommandError, match="No school matches"):
        call_command("add_school_editor", "no-such-school", "x", email="x@example.org", stdout=StringIO())


# --- Enterprises, Chinese or foreign; the start of a partnership as recorded ------


def test_a_partner_in_china_or_a_chinese_enterprise_abroad_is_not_foreign(home):
    college = PartnerPageFactory(country="FR", kind=PartnerKind.COLLEGE)
    company = PartnerPageFactory(country="DE", kind=PartnerKind.ENTERPRISE)
    at_home = PartnerPageFactory(country="CN", kind=PartnerKind.ENTERPRISE)
    abroad = PartnerPageFactory(country="KE", kind=PartnerKind.CHINESE_ENTERPRISE_ABROAD)
    assert [p.is_foreign for p in (college, company, at_home, abroad)] == [True, True, False, False]

    college.country = "CN"
    college.save(update_fields=["country"])
    assert PartnerPage.objects.get(pk=college.pk).is_foreign is False


def test_partner_countries_count_foreign_partners_only(school):
    for country, kind in [
        ("FR", PartnerKind.COLLEGE),
        ("DE", PartnerKind.ENTERPRISE),
        ("CN", PartnerKind.ENTERPRISE),
        ("KE", PartnerKind.CHINESE_ENTERPRISE_ABROAD),
    ]:
        PartnershipFactory(school=school, partner=PartnerPageFactory(country=country, kind=kind))
    figures = headline_figures()
    assert figures["partners"] == 4
    assert figures["partner_countries"] == 2  # France and Germany; not China, not Kenya

    countries = {row[1] for row in countries_table().rows}
    assert {"FR", "DE"} <= countries and not {"CN", "KE"} & countries


def test_the_partner_country_facet_holds_foreign_partners_only(school):
    programme = ProgrammePageFactory(parent=school)
    for country, kind in [("TH", PartnerKind.COLLEGE), ("KE", PartnerKind.CHINESE_ENTERPRISE_ABROAD)]:
        ProgrammePartnerFactory(programme=programme, partner=PartnerPageFactory(country=country, kind=kind))
    ProgrammePage.objects.get(pk=programme.pk).save_revision().publish()
    counts = {value.value: value.count for value in search_catalogue().facet("partner_country").values}
    assert counts == {"TH": 1}


def test_the_migration_marks_existing_partners_in_china_and_chinese_enterprises_abroad(home):
    partners = [
        PartnerPageFactory(country="FR", kind=PartnerKind.COLLEGE),
        PartnerPageFactory(country="CN", kind=PartnerKind.ENTERPRISE),
        PartnerPageFactory(country="KE", kind=PartnerKind.CHINESE_ENTERPRISE_ABROAD),
    ]
    PartnerPage.objects.update(is_foreign=True)  # as the new column comes, before the migration reads it
    foreign_migration.mark_foreign_partners(django_apps, None)
    assert [PartnerPage.objects.get(pk=p.pk).is_foreign for p in partners] == [True, False, False]


@pytest.mark.parametrize(
    ("precision", "language", "text", "iso"),
    [
        (DatePrecision.MONTH, "en", "March 2019", "2019-03"),
        (DatePrecision.MONTH, "zh-hans", "2019年3月", "2019-03"),
        (DatePrecision.YEAR, "en", "2019", "2019"),
        (DatePrecision.YEAR, "zh-hans", "2019年", "2019"),
        (DatePrecision.DAY, "en", "March 1, 2019", "2019-03-01"),
    ],
)
def test_a_partnership_start_reads_as_precisely_as_it_was_recorded(school, precision, language, text, iso):
    partnership = PartnershipFactory(school=school, start_date=datetime.date(2019, 3, 1), start_precision=precision)
    with translation.override(language):
        assert partnership.start_display == text
    assert partnership.start_iso == iso


def test_the_school_and_partner_pages_show_the_recorded_start_not_the_day_it_was_entered(client, school):
    partner = PartnerPageFactory(title="Lyon College")
    PartnershipFactory(
        school=school, partner=partner, start_date=datetime.date(2019, 3, 1), start_precision=DatePrecision.MONTH
    )
    fresh = SchoolPage.objects.get(pk=school.pk)
    fresh.save_revision().publish()
    for url in (fresh.url, partner.url):
        page = BeautifulSoup(client.get(url).content, "html.parser")
        cell = page.select_one("td[data-label='Started']")
        assert cell.find("time", datetime="2019-03").get_text() == "March 2019"
    with translation.override("ar"):
        page = BeautifulSoup(client.get(fresh.url).content, "html.parser")
    assert page.select_one("td time[datetime='2019-03']").get_text() == "مارس 2019"
