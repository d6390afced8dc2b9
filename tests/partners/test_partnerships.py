"""The life of a partnership (stages, validation, history) and the merging of
duplicate partners; and the command that creates school editors."""

import datetime
from io import StringIO

from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

import pytest

from partners.merging import merge_partner
from partners.models import PartnerPage, Partnership, PartnershipEvent, PartnershipStage, ProgrammePartner
from portal.roles import school_editors_group, school_ids_for
from programmes.models import SchoolPage
from tests.editor_accounts import ministry_editor
from tests.factories import (
    PartnerPageFactory,
    PartnershipFactory,
    ProgrammePageFactory,
    ProgrammePartnerFactory,
    SchoolPageFactory,
)


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
