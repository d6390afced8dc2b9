"""Languages: the first visit follows Accept-Language, fields fall back to
English then Chinese with a visible note, and URLs route per language."""

from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from portal.languages import missing_languages, translated_text
from tests.factories import ProgrammePageFactory, SchoolPageFactory


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("fr-FR,fr;q=0.9,en;q=0.5", "/fr/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("ar-EG,ar;q=0.9", "/ar/"),
        ("ru", "/ru/"),
        ("es-MX,es;q=0.8", "/es/"),
        ("de-DE,de;q=0.9", "/en/"),
        ("", "/en/"),
    ],
)
def test_first_visit_to_root_follows_accept_language(client, home, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_unprefixed_page_url_redirects_into_the_visitor_language(client, home):
    response = client.get("/schools/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response["Location"] == "/fr/schools/"


def test_empty_french_introduction_falls_back_to_english_with_a_note(client, home):
    school = SchoolPageFactory(introduction_en="<p>We train welders.</p>", introduction_fr="")
    with translation.override("fr"):
        url = school.url
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    note = soup.select_one(".untranslated-note")
    assert note is not None
    assert "We train welders." in soup.select_one('.prose[lang="en"]').get_text()


def test_field_falls_back_to_chinese_when_english_is_empty(home):
    programme = ProgrammePageFactory(description_en="", description_zh_hans="<p>数控技术培训</p>")
    text = translated_text(programme, "description", "ru")
    assert text.language == "zh-hans"
    assert text.is_fallback
    assert "数控" in text.text


def test_translated_field_shows_without_note(client, home):
    school = SchoolPageFactory(
        introduction_en="<p>We train welders.</p>", introduction_fr="<p>Nous formons des soudeurs.</p>"
    )
    with translation.override("fr"):
        url = school.url
    content = client.get(url).content.decode()
    assert "Nous formons des soudeurs." in content
    assert "untranslated-note" not in content


def test_missing_languages_lists_languages_without_text(home):
    school = SchoolPageFactory(
        introduction_en="<p>Intro</p>", introduction_zh_hans="<p>简介</p>", introduction_fr="<p>Intro</p>"
    )
    assert missing_languages(school, ["introduction"]) == ["es", "ru", "ar"]


def test_translated_slug_routes_in_its_own_language(client, home):
    school = SchoolPageFactory(title="Tianjin Light Industry", slug="tianjin-light-industry")
    school.slug_fr = "industrie-legere-tianjin"
    school.save_revision().publish()
    assert client.get("/fr/schools/industrie-legere-tianjin/").status_code == 200
    assert client.get("/en/schools/tianjin-light-industry/").status_code == 200
    assert client.get("/zh-hans/schools/tianjin-light-industry/").status_code == 200


def test_interface_strings_are_translated(client, home):
    """The interface (not only the content) speaks the reader's language."""
    french = client.get("/fr/schools/").content.decode()
    chinese = client.get("/zh-hans/schools/").content.decode()
    arabic = client.get("/ar/schools/").content.decode()
    assert "Filtrer" in french
    assert "筛选" in chinese
    assert "تصفية" in arabic


def test_unknown_page_gives_a_translated_404(client, home):
    response = client.get("/fr/schools/no-such-school/")
    assert response.status_code == 404
    assert '<html lang="fr"' in response.content.decode()


def test_admin_and_api_not_found_stay_not_found(client, home):
    for url in ("/admin/no-such-thing/", "/api/v1/no-such-thing/", "/documents/999999/missing.pdf"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code in (404, 302), url
        if response.status_code == 302:  # the admin asks anonymous users to log in
            assert response["Location"].startswith("/admin/login/"), url
