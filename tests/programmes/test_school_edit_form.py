"""A school's international office, editing its school in the Chinese admin,
finds its programmes and "Add a programme" on the school's own form, and ticks
teaching languages as checkboxes."""

import re

from django.urls import reverse

import pytest

from tests.editor_accounts import school_editor
from tests.factories import ProgrammePageFactory, SchoolPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(home):
    return SchoolPageFactory(title="Shenzhen Polytechnic", slug="shenzhen-polytechnic")


def edit_page(client, user, page):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_school_form_lists_its_programmes_and_links_to_add_one(client, school):
    programme = ProgrammePageFactory(parent=school, title="Luban Workshop Djibouti")
    other_school = SchoolPageFactory()
    ProgrammePageFactory(parent=other_school, title="Somebody else's programme")
    html = edit_page(client, school_editor(school, "szpt"), school)

    add_url = reverse("wagtailadmin_pages:add", args=["programmes", "programmepage", school.pk])
    assert f'href="{add_url}"' in html
    assert "添加项目" in html  # the editor's admin is in Chinese
    assert reverse("wagtailadmin_pages:edit", args=[programme.pk]) in html
    assert "Somebody else" not in html
    # The link leads to an empty programme form under the school.
    assert client.get(add_url).status_code == 200


def test_a_new_school_is_told_to_save_first(admin_client, school):
    index = school.get_parent()
    response = admin_client.get(reverse("wagtailadmin_pages:add", args=["programmes", "schoolpage", index.pk]))
    assert response.status_code == 200
    assert "Save the school first" in response.content.decode()


@pytest.mark.parametrize("kind", ["school", "programme"])
def test_teaching_languages_are_checkboxes(client, school, kind):
    page = school if kind == "school" else ProgrammePageFactory(parent=school)
    html = edit_page(client, school_editor(school, "szpt"), page)
    assert re.search(r'<input type="checkbox" name="teaching_languages"', html)
    assert not re.search(r'<select[^>]*name="teaching_languages"', html)
