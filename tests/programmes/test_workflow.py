"""Moderation: a school editor's change goes live only when a ministry editor
approves it through the "Ministry approval" workflow (driven through the
admin's real URLs)."""

from django.urls import reverse
from django.utils import translation

from wagtail.models import Page, TaskState, WorkflowState

import pytest

from programmes.models import SchoolPage
from tests.editor_accounts import ministry_editor, school_editor
from tests.factories import ProgrammePageFactory, SchoolPageFactory
from tests.page_forms import edit_form_data


@pytest.fixture
def school(home):
    return SchoolPageFactory(title="Shenzhen Polytechnic", slug="shenzhen-polytechnic")


@pytest.fixture
def editor(school):
    return school_editor(school, "szpt")


@pytest.fixture
def ministry(home):
    return ministry_editor()


def submit_new_title(client, user, school, title):
    client.force_login(user)
    data = edit_form_data(school, user)
    data["title_en"] = title
    data["action-submit"] = "Submit"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[school.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return response


def public_title(client, school):
    client.logout()
    response = client.get(Page.objects.get(pk=school.pk).specific.url)
    return response


def test_the_ministry_approval_workflow_covers_every_page(school):
    workflow = school.get_workflow()
    assert workflow is not None and workflow.name == "Ministry approval"


def test_school_editor_change_is_not_public_until_a_ministry_editor_approves(client, school, editor, ministry):
    submit_new_title(client, editor, school, "Shenzhen Polytechnic University")

    school.refresh_from_db()
    assert school.title_en == "Shenzhen Polytechnic"
    assert school.workflow_in_progress
    assert b"Shenzhen Polytechnic University" not in public_title(client, school).content

    task_state = TaskState.objects.get(workflow_state__base_content_type__isnull=False, status="in_progress")
    client.force_login(ministry)
    url = reverse("wagtailadmin_pages:workflow_action", args=[school.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": "Looks right."})
    assert response.status_code in (200, 302)

    school.refresh_from_db()
    assert school.title_en == "Shenzhen Polytechnic University"
    assert b"Shenzhen Polytechnic University" in public_title(client, school).content
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED


def test_ministry_editor_rejects_with_a_comment_and_the_school_sees_it(client, school, editor, ministry):
    submit_new_title(client, editor, school, "A wrong name")
    task_state = TaskState.objects.get(status="in_progress")
    client.force_login(ministry)
    url = reverse("wagtailadmin_pages:workflow_action", args=[school.pk, "reject", task_state.pk])
    client.post(url, {"comment": "Please keep the official name."})

    school.refresh_from_db()
    assert school.title_en == "Shenzhen Polytechnic"
    state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert TaskState.objects.get(pk=task_state.pk).get_comment() == "Please keep the official name."

    client.force_login(editor)
    history = client.get(reverse("wagtailadmin_pages:workflow_history", args=[school.pk]))
    assert history.status_code == 200


def test_school_editor_cannot_publish_directly(client, school, editor):
    client.force_login(editor)
    data = edit_form_data(school, editor)
    data["title_en"] = "Published behind the ministry's back"
    data["action-publish"] = "Publish"
    client.post(reverse("wagtailadmin_pages:edit", args=[school.pk]), data)
    school.refresh_from_db()
    assert school.title_en == "Shenzhen Polytechnic"
    assert not school.permissions_for_user(editor).can_publish()


def test_school_editor_sees_the_languages_still_missing_on_the_edit_view(client, school, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[school.pk]))
    assert response.status_code == 200
    # The factory writes the introduction in English only. The school editor's
    # admin is in Chinese, so the languages are named in Chinese.
    html = response.content.decode()
    assert 'lang="zh-hans"' in html
    assert "尚未翻译" in html
    # Per language, the fields still to translate, labelled as on the form.
    with translation.override("zh-hans"):
        introduction = str(SchoolPage._meta.get_field("introduction").verbose_name)
    assert "法语：" in html and "阿拉伯语：" in html
    assert introduction in html.split("尚未翻译", 1)[1].split("。", 1)[0]


def test_dashboard_lists_the_school_editors_pages_with_missing_languages(client, school, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    # The school editor's admin is in Chinese.
    html = response.content.decode()
    assert "您的页面尚缺的语言版本" in html
    # The school's title in the editor's language.
    assert school.title_zh_hans in html


def test_no_missing_language_notice_when_every_language_is_written(client, school, editor):
    for suffix in ("en", "zh_hans", "fr", "es", "ru", "ar"):
        setattr(school, f"title_{suffix}", f"School {suffix}")
        for field in ("city", "introduction", "contact_department"):
            setattr(school, f"{field}_{suffix}", f"{field} {suffix}")
    school.save_revision().publish()
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[school.pk]))
    assert "尚未翻译" not in response.content.decode()


def test_the_ministry_sees_whose_page_waits_and_what_changed(client, school, editor, ministry):
    """The admin home lists each submission with its school, who sent it,
    the fields it changes (in the ministry editor's language) and a link to
    Wagtail's comparison with the published version."""
    school.official_name_zh = "深圳职业技术大学"
    school.save_revision().publish()
    programme = ProgrammePageFactory(parent=school, title="CNC training")
    programme.save_revision().publish()
    submit_new_title(client, editor, school, "Shenzhen Polytechnic University")
    client.force_login(editor)
    data = edit_form_data(programme, editor)
    data["title_en"] = "CNC training for Djibouti"
    data["action-submit"] = "Submit"
    assert client.post(reverse("wagtailadmin_pages:edit", args=[programme.pk]), data).status_code == 302

    client.force_login(ministry)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = html.split('id="ministry-moderation-heading"', 1)[1].split("</section>", 1)[0]
    assert panel.count("深圳职业技术大学") == 2  # the school's own page and its programme
    title_label = str(SchoolPage._meta.get_field("title").verbose_name)
    with translation.override("zh-hans"):
        title_label_zh = str(SchoolPage._meta.get_field("title").verbose_name)
    assert title_label in panel or title_label_zh in panel
    assert "szpt" in panel
    programme.refresh_from_db()
    revision = programme.get_latest_revision()
    assert reverse("wagtailadmin_pages:revisions_compare", args=[programme.pk, "live", revision.pk]) in panel


def test_school_editors_do_not_get_the_ministry_queue(client, school, editor):
    submit_new_title(client, editor, school, "Shenzhen Polytechnic University")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "ministry-moderation-heading" not in html


def test_the_chinese_admin_names_the_workflow_in_chinese(client, school, editor):
    """The workflow's name is stored in English; the Chinese admin's side panel
    and workflow history print it in Chinese."""
    editor.wagtail_userprofile.preferred_language = "zh-hans"
    editor.wagtail_userprofile.save()
    submit_new_title(client, editor, school, "Shenzhen Polytechnic University")
    for url in (
        reverse("wagtailadmin_pages:edit", args=[school.pk]),
        reverse("wagtailadmin_pages:history", args=[school.pk]),
    ):
        text = client.get(url).content.decode()
        assert "教育部审核" in text, url
        assert "Ministry approval" not in text, url
