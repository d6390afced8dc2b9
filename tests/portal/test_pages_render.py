"""Every public page type renders in all six languages, with the language
switcher, hreflang alternates and the right text direction."""

from django.conf import settings
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from partners.models import PartnerIndexPage
from programmes.models import SchoolIndexPage
from tests.factories import (
    PartnerPageFactory,
    PartnershipFactory,
    ProgrammePageFactory,
    ProgrammePartnerFactory,
    SchoolPageFactory,
)

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def catalogue(home):
    school = SchoolPageFactory(title="Shenzhen Polytechnic University", title_zh_hans="深圳职业技术大学")
    programme = ProgrammePageFactory(
        parent=school, title="CNC training centre in Bangkok", title_zh_hans="数控技术海外培训", fee_kind="free"
    )
    partner = PartnerPageFactory(title="Bangkok Technical College", country="TH")
    PartnershipFactory(school=school, partner=partner)
    ProgrammePartnerFactory(programme=programme, partner=partner)
    return {"home": home, "school": school, "programme": programme, "partner": partner}


def url_in(page, language):
    with translation.override(language):
        return page.url


def page_types(catalogue):
    return {
        "home": catalogue["home"],
        "school index": SchoolIndexPage.objects.get(),
        "school": catalogue["school"],
        "programme": catalogue["programme"],
        "partner index": PartnerIndexPage.objects.get(),
        "partner": catalogue["partner"],
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_renders_in_every_language(client, catalogue, language):
    for name, page in page_types(catalogue).items():
        url = url_in(page, language)
        response = client.get(url)
        assert response.status_code == 200, (name, url)
        soup = BeautifulSoup(response.content, "html.parser")
        html = soup.find("html")
        assert html["lang"] == language
        assert html["dir"] == ("rtl" if language == "ar" else "ltr")


def test_arabic_pages_are_right_to_left_and_others_left_to_right(client, catalogue):
    assert 'dir="rtl"' in client.get(url_in(catalogue["school"], "ar")).content.decode()
    assert 'dir="ltr"' in client.get(url_in(catalogue["school"], "fr")).content.decode()


def test_switcher_leads_to_the_same_page_in_each_language(client, catalogue):
    school = catalogue["school"]
    soup = BeautifulSoup(client.get(url_in(school, "fr")).content, "html.parser")
    links = {a["hreflang"]: a["href"] for a in soup.select(".language-switcher a")}
    assert set(links) == set(LANGUAGES)
    for language, href in links.items():
        assert href == url_in(school, language)
        assert client.get(href).status_code == 200
    current = soup.select_one(".language-switcher a[aria-current]")
    assert current["hreflang"] == "fr"


def test_hreflang_alternates_cover_every_language_with_absolute_urls(client, catalogue):
    soup = BeautifulSoup(client.get(url_in(catalogue["programme"], "es")).content, "html.parser")
    alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
    assert set(alternates) == set(LANGUAGES) | {"x-default"}
    assert alternates["ru"] == "http://testserver" + url_in(catalogue["programme"], "ru")
    assert alternates["x-default"] == alternates["en"]


def test_switcher_keeps_the_query_string_of_a_filtered_directory(client, home):
    response = client.get("/fr/schools/?region=west")
    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.select_one('.language-switcher a[hreflang="zh-hans"]')
    assert link["href"] == "/zh-hans/schools/?region=west"


def test_translated_title_is_shown_in_each_language(client, catalogue):
    assert "深圳职业技术大学" in client.get(url_in(catalogue["school"], "zh-hans")).content.decode()
    assert "Shenzhen Polytechnic University" in client.get(url_in(catalogue["school"], "en")).content.decode()


def test_every_profile_shows_when_it_was_last_updated(client, catalogue):
    for name in ("school", "programme", "partner"):
        soup = BeautifulSoup(client.get(url_in(catalogue[name], "fr")).content, "html.parser")
        assert soup.select_one(".last-updated time[datetime]"), name


def test_programme_page_shows_key_facts_school_and_partners(client, catalogue):
    programme = catalogue["programme"]
    content = client.get(url_in(programme, "en")).content.decode()
    soup = BeautifulSoup(content, "html.parser")
    facts = soup.select_one(".key-facts-box").get_text(" ")
    for label in ("Type:", "Field of study:", "Where:", "Duration:", "Fees:", "Status:"):
        assert label in facts
    assert "Thailand" in facts
    assert catalogue["school"].title in content
    assert "Bangkok Technical College" in content


def test_country_names_follow_the_reader_language(client, catalogue):
    assert "Thaïlande" in client.get(url_in(catalogue["programme"], "fr")).content.decode()
    assert "泰国" in client.get(url_in(catalogue["programme"], "zh-hans")).content.decode()
