"""Batches and decisions: record_decision, its history, and who may run them."""

import datetime

from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from django.utils import timezone

import pytest

from portal.roles import MINISTRY_EDITORS
from programmes.batches import DecisionError, record_decision
from programmes.models import Batch, BatchDecision, BatchSelection, SelectionStatus
from tests.factories import BatchFactory, SchoolPageFactory

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


def admin_user(username, group_name):
    group, _created = Group.objects.get_or_create(name=group_name)
    group.permissions.add(Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"))
    user = User.objects.create_user(username, f"{username}@example.cn", "pw")
    user.groups.add(group)
    return user


@pytest.fixture
def ministry_editor(db):
    return admin_user("ministry", MINISTRY_EDITORS)


@pytest.fixture
def school_editor(db):
    return admin_user("schooleditor", "School editors – Test Polytechnic")


def test_first_decision_creates_selection_and_history(home, ministry_editor):
    school = SchoolPageFactory()
    batch = BatchFactory(number=1)
    selection, changed = record_decision(school, batch, SelectionStatus.NOMINATED, YESTERDAY, ministry_editor)
    assert changed
    assert selection.status == SelectionStatus.NOMINATED and selection.decided_on == YESTERDAY
    decision = BatchDecision.objects.get()
    assert (decision.from_status, decision.to_status, decision.decided_by, decision.batch) == (
        "",
        SelectionStatus.NOMINATED,
        ministry_editor,
        batch,
    )


def test_status_change_is_dated_and_kept_from_and_to(home, ministry_editor):
    school = SchoolPageFactory()
    batch = BatchFactory(number=1)
    record_decision(school, batch, SelectionStatus.NOMINATED, YESTERDAY, ministry_editor)
    selection, changed = record_decision(school, batch, SelectionStatus.SELECTED, TODAY, ministry_editor)
    assert changed and selection.status == SelectionStatus.SELECTED and selection.decided_on == TODAY
    latest = BatchDecision.objects.order_by("-pk").first()
    assert (latest.from_status, latest.to_status, latest.decided_on) == (
        SelectionStatus.NOMINATED,
        SelectionStatus.SELECTED,
        TODAY,
    )


def test_repeating_the_same_decision_changes_nothing(home):
    school = SchoolPageFactory()
    batch = BatchFactory(number=1)
    record_decision(school, batch, SelectionStatus.SELECTED, YESTERDAY)
    _selection, changed = record_decision(school, batch, SelectionStatus.SELECTED, TODAY)
    assert not changed
    assert BatchDecision.objects.count() == 1
    assert BatchSelection.objects.get().decided_on == YESTERDAY


def test_school_selected_in_one_batch_cannot_enter_another(home):
    school = SchoolPageFactory()
    record_decision(school, BatchFactory(number=1), SelectionStatus.SELECTED, YESTERDAY)
    with pytest.raises(DecisionError):
        record_decision(school, BatchFactory(number=2), SelectionStatus.NOMINATED, TODAY)
    assert BatchSelection.objects.get().batch.number == 1
    assert BatchDecision.objects.count() == 1


def test_withdrawn_school_may_move_to_another_batch_with_history(home):
    school = SchoolPageFactory()
    first, second = BatchFactory(number=1), BatchFactory(number=2)
    record_decision(school, first, SelectionStatus.SELECTED, YESTERDAY)
    record_decision(school, first, SelectionStatus.WITHDRAWN, YESTERDAY)
    selection, changed = record_decision(school, second, SelectionStatus.NOMINATED, TODAY)
    assert changed and selection.batch == second
    assert BatchSelection.objects.count() == 1
    assert list(BatchDecision.objects.order_by("pk").values_list("batch__number", "from_status", "to_status")) == [
        (1, "", "selected"),
        (1, "selected", "withdrawn"),
        (2, "withdrawn", "nominated"),
    ]


def test_decision_in_the_future_is_refused(home):
    with pytest.raises(DecisionError):
        record_decision(
            SchoolPageFactory(), BatchFactory(number=1), SelectionStatus.SELECTED, TODAY + datetime.timedelta(days=3)
        )
    assert not BatchSelection.objects.exists()


# --- The admin --------------------------------------------------------------------


def test_ministry_editor_creates_a_batch(client, home, ministry_editor):
    client.force_login(ministry_editor)
    response = client.post(
        reverse("programmes_batches:add"),
        {"number": 2, "name_en": "Second batch", "name_zh_hans": "第二批", "year": 2024, "quota": 100},
    )
    assert response.status_code == 302
    batch = Batch.objects.get(number=2)
    assert (batch.name_en, batch.name_zh_hans, batch.quota) == ("Second batch", "第二批", 100)


def test_batch_number_outside_one_to_three_is_refused(client, home, ministry_editor):
    client.force_login(ministry_editor)
    response = client.post(
        reverse("programmes_batches:add"), {"number": 4, "name_en": "Fourth", "year": 2024, "quota": 10}
    )
    assert response.status_code == 200
    assert not Batch.objects.exists()


def test_ministry_editor_records_a_decision_in_the_admin(client, home, ministry_editor):
    school = SchoolPageFactory()
    batch = BatchFactory(number=1)
    client.force_login(ministry_editor)
    url = reverse("programmes_batches:detail", args=[batch.pk])
    response = client.post(url, {"school": school.pk, "status": "selected", "decided_on": YESTERDAY.isoformat()})
    assert response.status_code == 302
    decision = BatchDecision.objects.get()
    assert decision.decided_by == ministry_editor and decision.to_status == "selected"
    page = client.get(url)
    assert page.status_code == 200 and school.official_name_zh in page.content.decode()
    history = client.get(reverse("programmes_batches:history", args=[decision.selection_id]))
    assert history.status_code == 200 and "ministry" in history.content.decode()


def test_admin_refuses_a_school_already_in_another_batch_without_a_500(client, home, ministry_editor):
    school = SchoolPageFactory()
    BatchFactory(number=1)
    record_decision(school, Batch.objects.get(number=1), SelectionStatus.SELECTED, YESTERDAY)
    second = BatchFactory(number=2)
    client.force_login(ministry_editor)
    response = client.post(
        reverse("programmes_batches:detail", args=[second.pk]),
        {"school": school.pk, "status": "nominated", "decided_on": TODAY.isoformat()},
    )
    assert response.status_code == 400
    assert "withdraw it there first" in response.content.decode()
    assert BatchDecision.objects.count() == 1


def ministry_urls():
    batch = BatchFactory(number=1)
    school = SchoolPageFactory()
    selection, _changed = record_decision(school, batch, SelectionStatus.SELECTED, YESTERDAY)
    return [
        reverse("programmes_batches:index"),
        reverse("programmes_batches:add"),
        reverse("programmes_batches:detail", args=[batch.pk]),
        reverse("programmes_batches:edit", args=[batch.pk]),
        reverse("programmes_batches:history", args=[selection.pk]),
        reverse("programmes_batches:import"),
        reverse("programmes_batches:import_confirm"),
        reverse("portal_dashboard"),
        reverse("portal_dashboard_export", args=["batches", "csv"]),
        reverse("portal_dashboard_export", args=["schools", "xlsx"]),
    ]


def test_school_editor_gets_403_on_every_ministry_url(client, home, school_editor):
    client.force_login(school_editor)
    for url in ministry_urls():
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url
    assert not Batch.objects.exclude(number=1).exists()


def test_anonymous_visitor_is_sent_to_the_login_page(client, home):
    for url in ministry_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("wagtailadmin_login") in response["Location"]


def test_ministry_editor_and_superuser_reach_every_ministry_url(client, home, ministry_editor):
    urls = ministry_urls()
    superuser = User.objects.create_superuser("root", "root@example.cn", "pw")
    for user in (ministry_editor, superuser):
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code in (200, 302), (user, url)


def test_admin_home_shows_the_dashboard_panel_only_to_ministry_editors(client, home, ministry_editor, school_editor):
    client.force_login(ministry_editor)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("portal_dashboard") in page
    client.force_login(school_editor)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("portal_dashboard") not in page
