"""The permission matrix: each role against each action on school A's content,
asserted through the admin's real URLs and through the models' permission
checks. A school editor touches only their own school; ministry editors and
superusers touch everything; anonymous visitors only read public pages."""

import csv
import io
from dataclasses import dataclass

from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse

from wagtail.models import Page
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import policy_registry

import pytest

from partners.models import Enquiry, EnquiryStatus, PartnerPage, Partnership, PartnershipStage
from portal.site_tree import ensure_site_tree
from programmes.models import BatchSelection, SelectionStatus, YearlyReport
from tests.editor_accounts import ministry_editor, school_editor, superuser
from tests.factories import (
    BatchSelectionFactory,
    EnquiryFactory,
    PartnerPageFactory,
    PartnershipFactory,
    ProgrammePageFactory,
    SchoolPageFactory,
    YearlyReportFactory,
)
from tests.page_forms import edit_form_data

ROLES = ["anonymous", "editor_a", "editor_b", "ministry", "superuser"]
EVERYONE = set(ROLES)
SCHOOL_A_AND_ABOVE = {"editor_a", "ministry", "superuser"}
ANY_EDITOR = {"editor_a", "editor_b", "ministry", "superuser"}
MINISTRY_AND_ABOVE = {"ministry", "superuser"}


@dataclass
class World:
    school_a: object
    school_b: object
    programme_a: object
    partnership_a: object
    draft_partner: object
    enquiry_a: object
    report_a: object
    selection_a: object
    users: dict


@pytest.fixture(scope="module")
def shared_world(module_db):
    """Built once for the module; every test runs in a savepoint rolled back after it."""
    ensure_site_tree()
    school_a = SchoolPageFactory(title="School A", slug="school-a")
    school_b = SchoolPageFactory(title="School B", slug="school-b")
    programme_a = ProgrammePageFactory(parent=school_a, title="Programme A", slug="programme-a")
    partnership_a = PartnershipFactory(school=school_a, stage=PartnershipStage.RUNNING)
    school_a.save_revision().publish()  # the partnership is part of the published page
    users = {
        "anonymous": None,
        "editor_a": school_editor(school_a, "editor_a"),
        "editor_b": school_editor(school_b, "editor_b"),
        "ministry": ministry_editor(),
        "superuser": superuser(),
    }
    draft_partner = PartnerPageFactory(
        title="Proposed Partner", slug="proposed-partner", live=False, owner=users["editor_a"]
    )
    return World(
        school_a=Page.objects.get(pk=school_a.pk).specific,
        school_b=school_b,
        programme_a=programme_a,
        partnership_a=partnership_a,
        draft_partner=draft_partner,
        enquiry_a=EnquiryFactory(school=school_a, email="a-sender@example.fr", institution="Institut A"),
        report_a=YearlyReportFactory(school=school_a, year=2024, students_trained_abroad=40),
        selection_a=BatchSelectionFactory(school=school_a, status=SelectionStatus.SELECTED),
        users=users,
    )


@pytest.fixture
def world(shared_world, db):
    return shared_world


def log_in(client, world, role):
    if world.users[role] is not None:
        client.force_login(world.users[role])


def page_data(world, page):
    return edit_form_data(page, world.users["superuser"])


# --- Actions through the admin's real URLs -------------------------------------------
# Each returns True when the action took effect (or the page was served).


def view_public_school_page(client, world):
    return client.get(world.school_a.url).status_code == 200


def open_school_page_editor(client, world):
    return client.get(reverse("wagtailadmin_pages:edit", args=[world.school_a.pk])).status_code == 200


def save_school_page_draft(client, world):
    data = page_data(world, world.school_a)
    data["title_en"] = "School A, renamed"
    client.post(reverse("wagtailadmin_pages:edit", args=[world.school_a.pk]), data)
    latest = Page.objects.get(pk=world.school_a.pk).get_latest_revision_as_object()
    return latest.title_en == "School A, renamed"


def publish_school_page(client, world):
    data = page_data(world, world.school_a)
    data["title_en"] = "School A, published"
    data["action-publish"] = "Publish"
    client.post(reverse("wagtailadmin_pages:edit", args=[world.school_a.pk]), data)
    return Page.objects.get(pk=world.school_a.pk).specific.title_en == "School A, published"


def delete_school_page(client, world):
    return client.get(reverse("wagtailadmin_pages:delete", args=[world.school_a.pk])).status_code == 200


def open_programme_editor(client, world):
    return client.get(reverse("wagtailadmin_pages:edit", args=[world.programme_a.pk])).status_code == 200


def add_programme(client, world):
    url = reverse("wagtailadmin_pages:add", args=["programmes", "programmepage", world.school_a.pk])
    return client.get(url).status_code == 200


def delete_programme(client, world):
    return client.get(reverse("wagtailadmin_pages:delete", args=[world.programme_a.pk])).status_code == 200


def edit_partnerships(client, world):
    data = page_data(world, world.school_a)
    data["partnerships-0-stage"] = PartnershipStage.RENEWED
    client.post(reverse("wagtailadmin_pages:edit", args=[world.school_a.pk]), data)
    latest = Page.objects.get(pk=world.school_a.pk).get_latest_revision_as_object()
    return [p.stage for p in latest.partnerships.all()] == [PartnershipStage.RENEWED]


def propose_partner(client, world):
    index = world.draft_partner.get_parent()
    url = reverse("wagtailadmin_pages:add", args=["partners", "partnerpage", index.pk])
    return client.get(url).status_code == 200


def publish_proposed_partner(client, world):
    data = page_data(world, world.draft_partner)
    data["action-publish"] = "Publish"
    client.post(reverse("wagtailadmin_pages:edit", args=[world.draft_partner.pk]), data)
    return PartnerPage.objects.get(pk=world.draft_partner.pk).live


def merge_partner(client, world):
    return client.get(reverse("partners_merge", args=[world.draft_partner.pk])).status_code == 200


def read_enquiries(client, world):
    response = client.get(reverse("enquiries:index"))
    return response.status_code == 200 and "Institut A" in response.content.decode()


def search_enquiries(client, world):
    response = client.get(reverse("enquiries:index"), {"q": "Institut"})
    return response.status_code == 200 and "Institut A" in response.content.decode()


def change_enquiry(client, world):
    client.post(reverse("enquiries:edit", args=[world.enquiry_a.pk]), {"status": EnquiryStatus.ANSWERED})
    return Enquiry.objects.get(pk=world.enquiry_a.pk).status == EnquiryStatus.ANSWERED


def export_enquiries(client, world):
    response = client.get(reverse("enquiries:index"), {"export": "csv"})
    if response.status_code != 200 or "csv" not in response.get("Content-Type", ""):
        return False
    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    return any("a-sender@example.fr" in row for row in csv.reader(io.StringIO(content)) for row in [",".join(row)])


def read_yearly_figures(client, world):
    response = client.get(reverse("yearly_reports:edit", args=[world.report_a.pk]))
    return response.status_code == 200


def edit_yearly_figures(client, world):
    data = {
        "school": world.school_a.pk,
        "year": 2024,
        "evidence-TOTAL_FORMS": 0,
        "evidence-INITIAL_FORMS": 0,
        "evidence-MIN_NUM_FORMS": 0,
        "evidence-MAX_NUM_FORMS": 1000,
    }
    for figure in YearlyReport.FIGURES:
        data[figure] = getattr(world.report_a, figure)
    data["students_trained_abroad"] = 41
    client.post(reverse("yearly_reports:edit", args=[world.report_a.pk]), data)
    return YearlyReport.objects.get(pk=world.report_a.pk).students_trained_abroad == 41


def verify_yearly_figures(client, world):
    data = {
        "school": world.school_a.pk,
        "year": 2024,
        "verified": "on",
        "evidence-TOTAL_FORMS": 0,
        "evidence-INITIAL_FORMS": 0,
        "evidence-MIN_NUM_FORMS": 0,
        "evidence-MAX_NUM_FORMS": 1000,
    }
    for figure in YearlyReport.FIGURES:
        data[figure] = getattr(world.report_a, figure)
    client.post(reverse("yearly_reports:edit", args=[world.report_a.pk]), data)
    return YearlyReport.objects.get(pk=world.report_a.pk).is_verified


def change_batch_selection(client, world):
    try:
        url = reverse("programmes_batches:detail", args=[world.selection_a.batch_id])
    except NoReverseMatch:  # the batches admin is not there: the model permission decides alone
        return False
    client.post(
        url, {"school": world.school_a.pk, "status": SelectionStatus.WITHDRAWN, "decided_on": "2025-01-10", "note": ""}
    )
    return BatchSelection.objects.get(pk=world.selection_a.pk).status == SelectionStatus.WITHDRAWN


ACTIONS = {
    view_public_school_page: EVERYONE,
    open_school_page_editor: SCHOOL_A_AND_ABOVE,
    save_school_page_draft: SCHOOL_A_AND_ABOVE,
    publish_school_page: MINISTRY_AND_ABOVE,
    delete_school_page: MINISTRY_AND_ABOVE,
    open_programme_editor: SCHOOL_A_AND_ABOVE,
    add_programme: SCHOOL_A_AND_ABOVE,
    delete_programme: MINISTRY_AND_ABOVE,
    edit_partnerships: SCHOOL_A_AND_ABOVE,
    propose_partner: ANY_EDITOR,
    publish_proposed_partner: MINISTRY_AND_ABOVE,
    merge_partner: MINISTRY_AND_ABOVE,
    read_enquiries: SCHOOL_A_AND_ABOVE,
    search_enquiries: SCHOOL_A_AND_ABOVE,
    change_enquiry: SCHOOL_A_AND_ABOVE,
    export_enquiries: SCHOOL_A_AND_ABOVE,
    read_yearly_figures: SCHOOL_A_AND_ABOVE,
    edit_yearly_figures: SCHOOL_A_AND_ABOVE,
    verify_yearly_figures: MINISTRY_AND_ABOVE,
    change_batch_selection: MINISTRY_AND_ABOVE,
}


def outcomes_by_role(world, attempt):
    """Run ``attempt(role)`` for each role, each time from the same starting
    state (a savepoint rolled back after each role); return the roles for
    which it took effect."""
    allowed = set()
    for role in ROLES:
        savepoint = transaction.savepoint()
        try:
            if attempt(role):
                allowed.add(role)
        finally:
            transaction.savepoint_rollback(savepoint)
    return allowed


# One row of the matrix per action; the five roles are tried within it.
@pytest.mark.parametrize("action", list(ACTIONS), ids=lambda action: action.__name__)
def test_admin_urls_allow_only_the_right_roles(world, action):
    def attempt(role):
        client = Client()
        log_in(client, world, role)
        return action(client, world)

    assert outcomes_by_role(world, attempt) == ACTIONS[action]


# --- The same rules, asked of the models -----------------------------------------------


def policy(model) -> BasePermissionPolicy:
    return policy_registry.get_by_type(model)


MODEL_CHECKS = {
    "edit school page": (lambda w, u: w.school_a.permissions_for_user(u).can_edit(), SCHOOL_A_AND_ABOVE),
    "publish school page": (lambda w, u: w.school_a.permissions_for_user(u).can_publish(), MINISTRY_AND_ABOVE),
    "delete school page": (lambda w, u: w.school_a.permissions_for_user(u).can_delete(), MINISTRY_AND_ABOVE),
    "edit programme": (lambda w, u: w.programme_a.permissions_for_user(u).can_edit(), SCHOOL_A_AND_ABOVE),
    "publish programme": (lambda w, u: w.programme_a.permissions_for_user(u).can_publish(), MINISTRY_AND_ABOVE),
    "delete programme": (lambda w, u: w.programme_a.permissions_for_user(u).can_delete(), MINISTRY_AND_ABOVE),
    "add programme": (lambda w, u: w.school_a.permissions_for_user(u).can_add_subpage(), SCHOOL_A_AND_ABOVE),
    "propose partner": (
        lambda w, u: w.draft_partner.get_parent().permissions_for_user(u).can_add_subpage(),
        ANY_EDITOR,
    ),
    "publish partner": (lambda w, u: w.draft_partner.permissions_for_user(u).can_publish(), MINISTRY_AND_ABOVE),
    "change enquiry": (
        lambda w, u: policy(Enquiry).user_has_permission_for_instance(u, "change", w.enquiry_a),
        SCHOOL_A_AND_ABOVE,
    ),
    "list enquiries": (
        lambda w, u: w.enquiry_a in policy(Enquiry).instances_user_has_permission_for(u, "view"),
        SCHOOL_A_AND_ABOVE,
    ),
    "change yearly report": (
        lambda w, u: policy(YearlyReport).user_has_permission_for_instance(u, "change", w.report_a),
        SCHOOL_A_AND_ABOVE,
    ),
    "change batch selection": (lambda w, u: u.has_perm("programmes.change_batchselection"), MINISTRY_AND_ABOVE),
    "edit partnership (through the school page)": (
        lambda w, u: Partnership.objects.get(pk=w.partnership_a.pk).school.permissions_for_user(u).can_edit(),
        SCHOOL_A_AND_ABOVE,
    ),
}


@pytest.mark.parametrize("check", list(MODEL_CHECKS))
def test_model_permission_checks_match_the_roles(world, check):
    ask, allowed = MODEL_CHECKS[check]
    granted = {role for role in ROLES if role != "anonymous" and ask(world, world.users[role])}
    assert granted == allowed - {"anonymous"}


def test_school_editor_b_never_sees_school_a_enquiry_urls(client, world):
    client.force_login(world.users["editor_b"])
    for viewset, pk in (("enquiries", world.enquiry_a.pk), ("yearly_reports", world.report_a.pk)):
        for name in ("edit", "delete", "inspect", "history", "usage"):
            response = client.get(reverse(f"{viewset}:{name}", args=[pk]), follow=True)
            assert response.status_code in (403, 404), (viewset, name, response.status_code)
    index = client.get(reverse("enquiries:index")).content.decode()
    assert "Institut A" not in index
    export = client.get(reverse("yearly_reports:index"), {"export": "csv"})
    content = b"".join(export.streaming_content) if export.streaming else export.content
    assert "School A" not in content.decode()
