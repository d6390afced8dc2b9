"""School-to-school isolation in the admin (issue 13, finding 7): a school
editor sees nothing of another school's drafts, private documents or editors
on any admin screen, through the admin's real URLs (GET, as a browser asks
them), and cannot attach another school's document as evidence to a yearly
report. Each surface is asked by two school editors: school B's editor must
never see school A's secrets, school A's editor still sees their own (so the
test fails if a surface simply shows nothing)."""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from wagtail.documents.models import Document
from wagtail.models import Collection, Page
from wagtail.users.models import UserProfile

import pytest

from portal.roles import school_editors_group
from portal.site_tree import ensure_site_tree
from programmes.models import YearlyReport
from tests.editor_accounts import ministry_editor, school_editor
from tests.factories import PartnerPageFactory, ProgrammePageFactory, SchoolPageFactory, YearlyReportFactory

# What school A's editor wrote and school B's editor must never read.
DRAFT_TITLE = "Zebrafish draft programme"
DOCUMENT_TITLE = "Quokka confidential agreement"
PROPOSAL_TITLE = "Narwhal proposed partner"
EDITOR_A = "editor-alpaca"


@dataclass
class World:
    school_a: object
    school_b: object
    draft: object
    proposal: object
    document_a: object
    report_b: object
    editor_a: object
    editor_b: object


def collection_of(school):
    return Collection.objects.filter(group_permissions__group=school_editors_group(school)).distinct().get()


@pytest.fixture(scope="module")
def shared_world(module_db):
    ensure_site_tree()
    ministry_editor()
    school_a = SchoolPageFactory(title="School A", slug="school-a")
    school_b = SchoolPageFactory(title="School B", slug="school-b")
    editor_a = school_editor(school_a, EDITOR_A)
    editor_b = school_editor(school_b, "editor-bison")
    # A draft programme of school A (never published), last edited by editor A.
    draft = ProgrammePageFactory(parent=school_a, title=DRAFT_TITLE, slug="zebrafish", live=False, owner=editor_a)
    draft.save_revision(user=editor_a)
    # Editor A's partner proposal, a draft under the partners' directory.
    proposal = PartnerPageFactory(title=PROPOSAL_TITLE, slug="narwhal", live=False, owner=editor_a)
    proposal.save_revision(user=editor_a)
    document_a = Document(title=DOCUMENT_TITLE, collection=collection_of(school_a), uploaded_by_user=editor_a)
    document_a.file.save("quokka.pdf", ContentFile(b"%PDF-1.4 quokka"), save=True)
    report_b = YearlyReportFactory(school=school_b, year=2024)
    return World(
        school_a=school_a,
        school_b=school_b,
        draft=Page.objects.get(pk=draft.pk),
        proposal=Page.objects.get(pk=proposal.pk),
        document_a=document_a,
        report_b=report_b,
        editor_a=editor_a,
        editor_b=editor_b,
    )


@pytest.fixture
def world(shared_world, db):
    return shared_world


SECRETS = (DRAFT_TITLE, DOCUMENT_TITLE, PROPOSAL_TITLE, EDITOR_A)


def surfaces(world):
    """Admin URLs and the secrets of school A each must hide from school B's editor."""
    ids = f"id={world.draft.pk}&id={world.proposal.pk}"
    return {
        "page chooser at school A": (
            reverse("wagtailadmin_choose_page_child", args=[world.school_a.pk]),
            [DRAFT_TITLE],
        ),
        "page chooser at the partners": (
            reverse("wagtailadmin_choose_page_child", args=[world.proposal.get_parent().pk]),
            [PROPOSAL_TITLE],
        ),
        "page chooser search": (reverse("wagtailadmin_choose_page_search") + "?q=Zebrafish", [DRAFT_TITLE]),
        "page chooser search (partners)": (reverse("wagtailadmin_choose_page_search") + "?q=Narwhal", [PROPOSAL_TITLE]),
        "explorer at school A": (reverse("wagtailadmin_explore", args=[world.school_a.pk]), [DRAFT_TITLE]),
        "explorer at the partners": (
            reverse("wagtailadmin_explore", args=[world.proposal.get_parent().pk]),
            [PROPOSAL_TITLE],
        ),
        "page search": (reverse("wagtailadmin_pages:search") + "?q=Zebrafish", [DRAFT_TITLE]),
        "bulk delete confirmation": (
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?{ids}&next=/admin/",
            [DRAFT_TITLE, PROPOSAL_TITLE],
        ),
        "bulk move confirmation": (
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "move"]) + f"?{ids}&next=/admin/",
            [DRAFT_TITLE, PROPOSAL_TITLE],
        ),
        "bulk unpublish confirmation": (
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"]) + f"?{ids}&next=/admin/",
            [DRAFT_TITLE, PROPOSAL_TITLE],
        ),
        "bulk publish confirmation": (
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?{ids}&next=/admin/",
            [DRAFT_TITLE, PROPOSAL_TITLE],
        ),
        "bulk document delete confirmation": (
            reverse("wagtail_bulk_action", args=["wagtaildocs", "document", "delete"])
            + f"?id={world.document_a.pk}&next=/admin/",
            [DOCUMENT_TITLE],
        ),
        "page types report": (reverse("wagtailadmin_reports:page_types_usage"), [DRAFT_TITLE, EDITOR_A]),
        "site history report": (reverse("wagtailadmin_reports:site_history"), [DRAFT_TITLE, EDITOR_A]),
        "aging pages report": (reverse("wagtailadmin_reports:aging_pages"), [DRAFT_TITLE, EDITOR_A]),
        "locked pages report": (reverse("wagtailadmin_reports:locked_pages"), [DRAFT_TITLE]),
        "forms list": (reverse("wagtailforms:index"), [DRAFT_TITLE]),
        "document chooser": (reverse("wagtaildocs_chooser:choose"), [DOCUMENT_TITLE]),
        "document chooser search": (reverse("wagtaildocs_chooser:choose_results") + "?q=Quokka", [DOCUMENT_TITLE]),
        "document listing": (reverse("wagtaildocs:index"), [DOCUMENT_TITLE]),
        "dashboard": (reverse("wagtailadmin_home"), [DRAFT_TITLE, PROPOSAL_TITLE, EDITOR_A]),
    }


@pytest.mark.parametrize(
    "surface",
    [
        "page chooser at school A",
        "page chooser at the partners",
        "page chooser search",
        "page chooser search (partners)",
        "explorer at school A",
        "explorer at the partners",
        "page search",
        "bulk delete confirmation",
        "bulk move confirmation",
        "bulk unpublish confirmation",
        "bulk publish confirmation",
        "bulk document delete confirmation",
        "page types report",
        "site history report",
        "aging pages report",
        "locked pages report",
        "forms list",
        "document chooser",
        "document chooser search",
        "document listing",
        "dashboard",
    ],
)
def test_another_schools_editor_sees_no_draft_title_document_or_username(client, world, surface):
    url, secrets = surfaces(world)[surface]
    client.force_login(world.editor_b)
    response = client.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest" if "chooser" in surface else "")
    text = response.content.decode()
    for secret in SECRETS:
        assert secret not in text, (surface, secret, response.status_code)


def test_own_school_editor_still_sees_their_draft_and_document(client, world):
    client.force_login(world.editor_a)
    seen = client.get(reverse("wagtailadmin_choose_page_child", args=[world.school_a.pk])).content.decode()
    assert DRAFT_TITLE in seen
    seen = client.get(reverse("wagtailadmin_choose_page_search") + "?q=Zebrafish").content.decode()
    assert DRAFT_TITLE in seen
    seen = client.get(reverse("wagtailadmin_explore", args=[world.school_a.pk])).content.decode()
    assert DRAFT_TITLE in seen
    seen = client.get(reverse("wagtaildocs_chooser:choose_results") + "?q=Quokka").content.decode()
    assert DOCUMENT_TITLE in seen
    ids = f"id={world.draft.pk}&next=/admin/"
    seen = client.get(reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?{ids}")
    assert DRAFT_TITLE in seen.content.decode()


# --- Evidence of a yearly report --------------------------------------------------------


def report_form_data(report, document):
    data = {
        "school": report.school.pk,
        "year": report.year,
        "evidence-TOTAL_FORMS": "1",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
        "evidence-0-document": document.pk,
        "evidence-0-description": "List of students",
        "evidence-0-ORDER": "1",
        "evidence-0-id": "",
    }
    for name in YearlyReport.FIGURES:
        data[name] = getattr(report, name)
    return data


def test_another_schools_document_cannot_be_attached_as_evidence(client, world):
    client.force_login(world.editor_b)
    url = reverse("yearly_reports:edit", args=[world.report_b.pk])
    response = client.post(url, report_form_data(world.report_b, world.document_a))
    assert response.status_code == 200  # the form again, with the error
    assert not world.report_b.evidence.exists()
    # School editors read the admin in Chinese (add_school_editor sets it).
    with translation.override(UserProfile.get_for_user(world.editor_b).get_preferred_language()):
        message = translation.gettext(
            "This document belongs to another school. Choose one of your own school's documents."
        )
    assert escape(message) in response.content.decode()
    assert DOCUMENT_TITLE not in response.content.decode()


def test_a_schools_own_document_can_be_attached_as_evidence(client, world):
    own = Document(title="Bison evidence", collection=collection_of(world.school_b))
    own.file.save("bison.csv", ContentFile(b"students,3\n"), save=True)
    client.force_login(world.editor_b)
    response = client.post(
        reverse("yearly_reports:edit", args=[world.report_b.pk]), report_form_data(world.report_b, own)
    )
    assert response.status_code == 302
    assert list(world.report_b.evidence.values_list("document", flat=True)) == [own.pk]
