"""The catalogue as JSON at /api/v1/search/, the site-wide search page and the
anonymous page cache."""

from django.urls import reverse

import pytest

from search.parameters import PER_PAGE
from tests.factories import PartnerPageFactory, ProgrammePageFactory, SchoolPageFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/search/"


@pytest.fixture
def cnc(home):
    return ProgrammePageFactory(
        title="CNC technology overseas training",
        title_zh_hans="数控技术海外培训",
        title_fr="Formation CNC à l'étranger",
        slug="cnc-training",
        delivery_country="TH",
    )


def test_api_returns_results_facets_and_pagination(client, cnc):
    response = client.get(API, {"q": "数控", "lang": "fr"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1 and data["page"] == 1 and data["num_pages"] == 1
    assert data["results"][0]["title"] == "Formation CNC à l'étranger"
    assert "/fr/" in data["results"][0]["url"]
    assert {"value": "TH", "label": "Thaïlande", "count": 1, "selected": False} in data["facets"]["country"]


def test_api_is_outside_the_language_prefix(client, cnc):
    assert client.get(API).status_code == 200
    assert reverse("api-search") == API


@pytest.mark.parametrize(
    "params",
    [
        {"lang": "xx"},
        {"sort": "price"},
        {"page": "two"},
        {"page": "-1"},
        {"page": "99999999999"},
        {"country": "ZZ"},
        {"type": "spaceship"},
        {"field": "abc"},
    ],
)
def test_api_answers_bad_parameters_with_400_and_a_message(client, home, params):
    response = client.get(API, params)
    assert response.status_code == 400
    assert response.json()["error"]


def test_api_filters_and_pages(client, home):
    school = SchoolPageFactory()
    for n in range(PER_PAGE + 3):
        ProgrammePageFactory(parent=school, slug=f"p{n}", title=f"P{n:02d}", delivery_country="FR" if n % 2 else "KE")
    data = client.get(API, {"country": "FR", "sort": "name", "page": "2"}).json()
    assert data["count"] == (PER_PAGE + 3) // 2 and data["num_pages"] == 1 and data["page"] == 1
    data = client.get(API, {"sort": "name", "page": "2"}).json()
    assert data["page"] == 2 and [r["title"] for r in data["results"]] == [
        f"P{n:02d}" for n in range(PER_PAGE, PER_PAGE + 3)
    ]


def test_site_search_groups_schools_programmes_and_partners(client, home):
    school = SchoolPageFactory(title="Shenzhen Welding Polytechnic", slug="szwp")
    ProgrammePageFactory(parent=school, title="Welding workshop in Kenya", slug="weld-ke")
    PartnerPageFactory(title="Welding Institute of Lyon", slug="wil")
    PartnerPageFactory(title="Hotel school", slug="hotel")
    response = client.get(reverse("search:search"), {"q": "welding"})
    body = response.content.decode()
    assert response.status_code == 200
    groups = {group.kind: group.total for group in response.context["groups"]}
    assert groups == {"schools": 1, "programmes": 1, "partners": 1}
    assert "<mark>Welding</mark> workshop in Kenya" in body
    assert "Hotel school" not in body


def test_site_search_finds_chinese_school_name_by_a_word_inside_it(client, home):
    SchoolPageFactory(title="Shenzhen Polytechnic University", title_zh_hans="深圳职业技术大学", slug="szpu")
    response = client.get(reverse("search:search"), {"q": "深圳"})
    assert {g.kind: g.total for g in response.context["groups"]}["schools"] == 1


def test_newly_published_programme_shows_at_once_on_cached_catalogue(client, cnc):
    url = reverse("search:catalogue")
    first = client.get(url).content.decode()
    assert "Brand new programme" not in first
    # Served from the cache the second time: no template rendered (the page
    # differs only by the visitor's own CSRF token in the star forms).
    assert client.get(url).templates == []
    ProgrammePageFactory(title="Brand new programme", slug="brand-new")
    assert "Brand new programme" in client.get(url).content.decode()


def test_unpublished_programme_disappears_at_once_from_cached_api(client, cnc):
    assert client.get(API).json()["count"] == 1
    cnc.unpublish()
    assert client.get(API).json()["count"] == 0
