"""The school page and directory in every language: translated labels keep
their punctuation, names in another language keep their lang, level names
say what the level is."""

from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from programmes.models import Level, SchoolIndexPage
from tests.factories import SchoolPageFactory


def soup_of(client, page, language):
    with translation.override(language):
        url = page.url
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", "曾用名：深圳职业技术学院"),
        ("fr", "Anciens noms : 深圳职业技术学院"),
        ("ar", "الأسماء السابقة: 深圳职业技术学院"),
    ],
)
def test_former_names_label_keeps_the_languages_punctuation(client, home, language, expected):
    school = SchoolPageFactory(former_names="深圳职业技术学院")
    meta = soup_of(client, school, language).select_one(".profile__meta")
    assert meta.get_text().replace("\u202f", " ") == expected
    if language != "zh-hans":
        name = meta.select_one("bdi")
        assert (name["lang"], name["dir"]) == ("zh-hans", "ltr")


def test_directory_marks_english_fallback_names_on_arabic_pages(client, home):
    SchoolPageFactory(title="Ningbo Polytechnic")
    soup = soup_of(client, SchoolIndexPage.objects.get(), "ar")
    name = soup.select_one(".card h2 bdi")
    assert (name.get_text(), name["lang"], name["dir"]) == ("Ningbo Polytechnic", "en", "ltr")
    chinese = soup.select_one('.card__meta bdi[lang="zh-hans"]')
    assert chinese["dir"] == "ltr"


def test_higher_vocational_is_not_called_a_university_degree_in_russian():
    with translation.override("ru"):
        label = str(Level.HIGHER.label)
    assert not label.startswith("Высшее")
    assert "короткого цикла" in label
