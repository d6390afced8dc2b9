"""The catalogue's version (cached pages and every process's facet index)
changes only when what the public sees changes."""

from django.test import Client
from django.urls import reverse

from wagtail.models import Page, PageViewRestriction

import pytest

from search.facet_index import current_facet_index
from search.models import IndexedPage
from search.page_cache import catalogue_cache_version
from tests.editor_accounts import school_editor
from tests.factories import ProgrammePageFactory, SchoolPageFactory
from tests.page_forms import edit_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(home):
    school = SchoolPageFactory(title="School A", slug="school-a")
    return ProgrammePageFactory(parent=school, title="Welding centre", slug="welding")


def test_draft_save_keeps_the_catalogue_version_the_facet_index_and_the_cached_page(programme):
    anonymous = Client()
    assert anonymous.get("/en/programmes/").status_code == 200
    version, index = catalogue_cache_version(), current_facet_index()

    programme.title = "Welding centre (draft title)"
    programme.save_revision()
    programme.get_latest_revision().save()
    programme.with_content_json(programme.get_latest_revision().content)

    assert catalogue_cache_version() == version
    assert current_facet_index() is index
    response = anonymous.get("/en/programmes/")
    assert "Welding centre (draft title)" not in response.content.decode()
    assert IndexedPage.objects.get(page_id=programme.pk).title.startswith("welding centre ")


def test_editor_saving_a_draft_in_the_admin_keeps_the_version(programme, client):
    editor = school_editor(programme.get_parent().specific, "editor_a")
    client.force_login(editor)
    version = catalogue_cache_version()
    data = edit_form_data(programme, editor)
    data["title_en"] = "Welding centre, new words"
    edit_url = reverse("wagtailadmin_pages:edit", args=[programme.pk])
    assert client.post(edit_url, data).status_code == 302
    assert Page.objects.get(pk=programme.pk).get_latest_revision_as_object().title_en == "Welding centre, new words"
    assert catalogue_cache_version() == version
    # Submitting it for approval (a workflow step) changes nothing public either.
    data["action-submit"] = "Submit"
    assert client.post(edit_url, data).status_code == 302
    assert catalogue_cache_version() == version


def test_preview_and_lock_keep_the_version(programme, admin_client):
    version = catalogue_cache_version()
    programme.locked = True
    programme.save(update_fields=["locked"])
    response = admin_client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[programme.pk]))
    assert response.status_code in (200, 302)
    assert catalogue_cache_version() == version


@pytest.mark.parametrize("change", ["publish", "unpublish", "move", "delete", "restrict"])
def test_public_changes_give_a_new_version_and_update_the_index(programme, change):
    version = catalogue_cache_version()
    if change == "publish":
        programme.title = "Welding and cutting centre"
        programme.save_revision().publish()
        assert "cutting" in IndexedPage.objects.get(page_id=programme.pk).title
    elif change == "unpublish":
        programme.unpublish()
        assert not IndexedPage.objects.filter(page_id=programme.pk).exists()
    elif change == "move":
        other = SchoolPageFactory(title="School B", slug="school-b")
        programme.move(other, pos="last-child")
        assert "school b" in IndexedPage.objects.get(page_id=programme.pk).body
    elif change == "delete":
        programme.delete()
        assert not IndexedPage.objects.filter(page_id=programme.pk).exists()
    else:
        PageViewRestriction.objects.create(page=programme, restriction_type=PageViewRestriction.LOGIN)
        assert not IndexedPage.objects.filter(page_id=programme.pk).exists()
    assert catalogue_cache_version() != version


def test_cached_pages_are_kept_apart_per_host(programme, settings):
    settings.ALLOWED_HOSTS = ["portal.example.org", "partners.example.net"]
    first = Client(HTTP_HOST="portal.example.org").get("/api/v1/search/").json()
    second = Client(HTTP_HOST="partners.example.net").get("/api/v1/search/").json()
    assert first["results"][0]["url"].startswith("http://portal.example.org/")
    assert second["results"][0]["url"].startswith("http://partners.example.net/")
