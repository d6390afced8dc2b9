"""Lists on public pages are punctuated as the reader's language writes them:
"、" and "；" in Chinese, "، " and "؛ " in Arabic, ", " and "; " elsewhere
(French with its narrow space before a semicolon), through one helper
(``portal.languages.join_list``) and its template filter."""

from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

import pytest
from bs4 import BeautifulSoup

from portal.languages import join_list
from search.service import search_catalogue
from search.views import compare_rows
from tests.factories import (
    PartnerPageFactory,
    ProgrammePageFactory,
    ProgrammePartnerFactory,
    SchoolPageFactory,
    teaching_language,
)

COMMAS = {"en": ", ", "zh-hans": "、", "ar": "، ", "fr": ", ", "ru": ", ", "es": ", "}
SEMICOLONS = {"en": "; ", "zh-hans": "；", "ar": "؛ ", "fr": "\u202f; ", "ru": "; ", "es": "; "}


def render(source, language, **context):
    with translation.override(language):
        return Template("{% load portal_tags %}" + source).render(Context(context))


def soup_of(client, page, language):
    with translation.override(language):
        url = page.url
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("language", COMMAS)
def test_code_joins_lists_with_the_readers_comma_and_semicolon(language):
    with translation.override(language):
        assert join_list(["a", "b", "c"]) == f"a{COMMAS[language]}b{COMMAS[language]}c"
        assert join_list(["a", "b"], semicolons=True) == f"a{SEMICOLONS[language]}b"
        assert join_list([]) == ""


@pytest.mark.parametrize("language", ["en", "zh-hans", "ar"])
def test_template_filter_joins_with_the_readers_punctuation_and_escapes_text_not_html(language):
    items = ["<b>", mark_safe('<bdi lang="zh-hans">学院</bdi>')]
    html = render('{{ items|join_list }}|{{ items|join_list:"semicolons" }}', language, items=items)
    name = '<bdi lang="zh-hans">学院</bdi>'
    assert html == f"&lt;b&gt;{COMMAS[language]}{name}|&lt;b&gt;{SEMICOLONS[language]}{name}"
    assert render("{% list_separator %}", language) == COMMAS[language]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Formerly: 深圳职业技术学院; 深圳职业学院; Shenzhen Polytechnic"),
        ("zh-hans", "曾用名：深圳职业技术学院；深圳职业学院；Shenzhen Polytechnic"),
        ("ar", "الأسماء السابقة: 深圳职业技术学院؛ 深圳职业学院؛ Shenzhen Polytechnic"),
    ],
)
def test_former_names_are_listed_one_by_one_with_the_readers_semicolon(client, home, language, expected):
    # Typed with a Chinese comma and a semicolon by the editor: read as three names.
    school = SchoolPageFactory(former_names="深圳职业技术学院，深圳职业学院; Shenzhen Polytechnic")
    meta = soup_of(client, school, language).select_one(".profile__meta")
    assert meta.get_text() == expected
    # Each name keeps its own language (none marked where it is the page's);
    # the separators belong to the page's.
    marked = [(name.get_text(), name["lang"], name["dir"]) for name in meta.select("bdi[lang]")]
    chinese = [("深圳职业技术学院", "zh-hans", "ltr"), ("深圳职业学院", "zh-hans", "ltr")]
    english = [("Shenzhen Polytechnic", "en", "ltr")]
    assert marked == {"en": chinese, "zh-hans": english, "ar": chinese + english}[language]


@pytest.mark.parametrize("language", ["en", "zh-hans", "ar"])
def test_partner_line_on_a_programme_page_uses_the_readers_comma(client, home, language):
    programme = ProgrammePageFactory(slug="line")
    partner = PartnerPageFactory(title="Lycée Diderot", country="FR")
    ProgrammePartnerFactory(programme=programme, partner=partner, role="hosts the centre")
    soup = soup_of(client, programme, language)
    [line] = soup.select('[aria-labelledby="partners-heading"] li.card')
    with translation.override(language):
        country = str(partner.country.name)
    separator = COMMAS[language]
    assert line.get_text().strip() == f"Lycée Diderot{separator}{country}{separator}hosts the centre"
    # The partner's name and role, in English only, keep their language on other pages.
    marked = [(bdi.get_text(), bdi.get("lang"), bdi.get("dir")) for bdi in line.select("bdi")]
    if language == "en":
        assert marked == [("hosts the centre", None, None)]
    else:
        assert marked == [("Lycée Diderot", "en", "ltr"), ("hosts the centre", "en", "ltr")]


@pytest.mark.parametrize("language", ["en", "zh-hans", "ar"])
def test_teaching_languages_are_listed_the_readers_way_on_the_page_and_in_comparisons(client, home, language):
    programme = ProgrammePageFactory(slug="languages")
    programme.teaching_languages.set([teaching_language("en"), teaching_language("fr")])
    programme.save()
    with translation.override(language):
        expected = COMMAS[language].join(item.name for item in programme.teaching_languages.order_by("code"))
        [entry] = search_catalogue().programmes
        cells = [str(cells[0]) for _label, cells in compare_rows([entry], language)]
    assert expected in cells
    assert expected in soup_of(client, programme, language).select_one(".key-facts").get_text()


def test_school_names_on_an_arabic_programme_page_keep_their_language(client, home):
    from programmes.models import ProgrammeSchool

    lead = SchoolPageFactory(title="Ningbo Polytechnic", official_name_zh="宁波职业技术学院")
    partner_school = SchoolPageFactory(title="Wuxi Institute of Technology", official_name_zh="无锡职业技术学院")
    programme = ProgrammePageFactory(parent=lead, slug="names")
    ProgrammeSchool.objects.create(programme=programme, school=partner_school)
    soup = soup_of(client, programme, "ar")
    offered_by = soup.select_one(".profile__meta a bdi")
    assert (offered_by.get_text(), offered_by["lang"], offered_by["dir"]) == ("Ningbo Polytechnic", "en", "ltr")
    cooperating = soup.select_one(".key-facts__wide a bdi")
    assert (cooperating.get_text(), cooperating["lang"]) == ("Wuxi Institute of Technology", "en")
