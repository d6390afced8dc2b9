"""The public progress page: figures, charts and the world map, in six
languages, from published content only."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from portal.site_tree import ensure_site_tree
from programmes.batches import record_decision
from programmes.models import SchoolPage
from tests.factories import (
    BatchFactory,
    PartnerPageFactory,
    PartnershipFactory,
    ProgrammePageFactory,
    SchoolPageFactory,
)

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def progress_url(language):
    with translation.override(language):
        return reverse("progress")


@pytest.fixture(scope="module")
def shared_catalogue(module_db):
    """Built once for the module; each test runs in a savepoint rolled back after it."""
    ensure_site_tree()
    batch = BatchFactory(number=1, quota=100)
    school = SchoolPageFactory(contact_email="secret-office@school.example.cn")
    record_decision(school, batch, "selected", YESTERDAY)
    PartnershipFactory(school=school, partner=PartnerPageFactory(country="FR"))
    ProgrammePageFactory(parent=school, delivery_country="TH")
    # Unpublished content that must not show or count anywhere, except the
    # official selection of the draft school (counted and listed, not linked).
    draft_school = SchoolPageFactory(live=False, title="Draft College", official_name_zh="草稿职业学院")
    record_decision(draft_school, batch, "selected", YESTERDAY)
    PartnershipFactory(school=school, partner=PartnerPageFactory(country="DE", live=False))
    ProgrammePageFactory(parent=school, delivery_country="BR", live=False)
    ProgrammePageFactory(parent=draft_school, delivery_country="JP")
    PartnershipFactory(school=draft_school, partner=PartnerPageFactory(country="KE"))
    return school


@pytest.fixture
def catalogue(shared_catalogue, db):
    return shared_catalogue


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_progress_page_renders_in_every_language(client, catalogue, language):
    response = client.get(progress_url(language))
    assert response.status_code == 200
    content = response.content.decode()
    assert f'lang="{language}"' in content
    assert "<svg" in content and "world-map" in content


def test_progress_page_counts_and_maps_only_published_content(client, catalogue):
    response = client.get(progress_url("en"))
    content = response.content.decode()
    assert response.context["figures"]["selected"] == 2
    assert [row["selected"] for row in response.context["batches"]] == [2]
    mapped = {country["code"] for country in response.context["countries"]}
    assert mapped == {"FR", "TH"}
    assert 'data-country="FR"' in content and 'data-country="TH"' in content
    for hidden in ("DE", "BR", "JP", "KE"):
        assert f'data-country="{hidden}"' not in content
    assert 'lang="zh-Hans">草稿职业学院</th>' in content, "listed by its official name, without a link"
    assert draft_school_url() not in content


def draft_school_url():
    draft = SchoolPage.objects.get(official_name_zh="草稿职业学院")
    return f"/{draft.slug}/"


def test_the_public_list_shows_official_names_linked_once_published(client, catalogue):
    content = client.get(progress_url("en")).content.decode()
    assert f'<a href="{catalogue.url}">{catalogue.official_name_zh}</a>' in content
    assert f'<span lang="en" dir="ltr">{catalogue.title_en}</span>' in content
    home = client.get("/en/")
    assert home.context["figures"]["selected"] == 2


def test_each_mapped_country_links_to_the_catalogue_filtered_by_it(client, catalogue):
    content = client.get(progress_url("fr")).content.decode()
    assert "?country=FR" in content and "?country=TH" in content


def test_progress_page_shows_no_personal_data(client, catalogue):
    content = client.get(progress_url("en")).content.decode()
    assert "secret-office@school.example.cn" not in content
    assert "@" not in content.split("<main", 1)[1].split("</main>", 1)[0]


def test_home_page_progress_tracker_links_to_the_progress_page(client, catalogue):
    response = client.get("/en/")
    assert response.status_code == 200
    assert progress_url("en") in response.content.decode()
