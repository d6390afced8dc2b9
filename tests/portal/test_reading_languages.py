"""Every text shown in another language than the page's carries its lang and
dir; notes about a language name it in the reader's language; punctuation,
dates and the favicon are right in every language."""

import datetime
import re
from pathlib import Path

from django.template import Context, Template
from django.test import override_settings
from django.utils import timezone, translation

import pytest
from bs4 import BeautifulSoup

from portal.languages import fallback_note, language_name_translated
from tests.factories import PartnerPageFactory, SchoolPageFactory

ROOT = Path(__file__).resolve().parents[2]


def page_url(page, language):
    with translation.override(language):
        return page.url


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_english_fallback_on_an_arabic_page_is_marked_left_to_right(client, home):
    school = SchoolPageFactory(title="Weihai Ocean Vocational College", introduction_en="<p>We train welders.</p>")
    soup = soup_of(client, page_url(school, "ar"))
    assert soup.html["dir"] == "rtl"
    title = soup.select_one("h1 bdi")
    assert title.get_text() == "Weihai Ocean Vocational College"
    assert (title["lang"], title["dir"]) == ("en", "ltr")
    prose = soup.select_one('.prose[lang="en"]')
    assert prose["dir"] == "ltr"
    # The note is in Arabic and names English in Arabic, not "English".
    note = soup.select_one(".untranslated-note").get_text(strip=True)
    assert note == "لم يُترجَم بعد إلى لغتك: يُعرض باللغة الإنجليزية."


def test_translated_title_carries_no_extra_marking(client, home):
    school = SchoolPageFactory(title="Weihai Ocean Vocational College", title_ar="كلية ويهاي")
    soup = soup_of(client, page_url(school, "ar"))
    assert soup.select_one("h1").get_text(strip=True) == "كلية ويهاي"
    assert soup.select_one("h1 bdi") is None


def test_chinese_official_name_keeps_its_direction_on_arabic_pages(client, home):
    school = SchoolPageFactory()
    soup = soup_of(client, page_url(school, "ar"))
    # Marked inline, so that the line itself still aligns to the right.
    subtitle = soup.select_one(".profile__subtitle bdi")
    assert (subtitle["lang"], subtitle["dir"]) == ("zh-hans", "ltr")


@pytest.mark.parametrize(
    ("reader", "note"),
    [
        ("fr", "Pas encore traduit dans votre langue : affiché en anglais."),
        ("es", "Aún no traducido a su idioma: se muestra en inglés."),
        ("ru", "Пока не переведено на ваш язык: показано на английском."),
        ("zh-hans", "尚未译成您的语言：以下为英文原文。"),
    ],
)
def test_fallback_note_names_the_language_in_the_readers_language(reader, note):
    with translation.override(reader):
        assert fallback_note("en") == note


def test_fallback_note_for_another_language_uses_djangos_translated_name():
    with translation.override("fr"):
        assert "Thaï" in fallback_note("th")


def test_language_switcher_shows_each_language_in_its_script_titled_in_the_readers(client, home):
    soup = soup_of(client, "/fr/")
    links = {link["hreflang"]: link for link in soup.select(".language-switcher a")}
    assert links["ar"]["title"] == "Arabe"
    label = links["ar"].select_one("span")
    assert (label["lang"], label["dir"], label.get_text()) == ("ar", "rtl", "العربية")
    # The title is in the page's language: the link itself carries no other lang.
    assert not links["ar"].has_attr("lang")
    with translation.override("zh-hans"):
        assert language_name_translated("fr") == "法语"


def test_partner_native_name_carries_its_language(client, home):
    partner = PartnerPageFactory(title="Chao Phraya Technical College", native_name="วิทยาลัยเทคนิคเจ้าพระยา")
    partner.native_language = "th"
    partner.save_revision().publish()
    soup = soup_of(client, page_url(partner, "fr"))
    native = soup.select_one(".profile__subtitle bdi")
    assert (native["lang"], native["dir"], native.get_text()) == ("th", "ltr", "วิทยาลัยเทคนิคเจ้าพระยา")


def test_native_name_without_a_known_language_is_still_isolated(client, home):
    partner = PartnerPageFactory(native_name="Berufsbildungszentrum Rhein-Ruhr")
    soup = soup_of(client, page_url(partner, "ar"))
    native = soup.select_one(".profile__subtitle bdi")
    assert native.get_text() == "Berufsbildungszentrum Rhein-Ruhr" and not native.has_attr("lang")


def render(source, language, **context):
    with translation.override(language):
        return Template("{% load portal_tags %}" + source).render(Context(context))


PUBLISHED = timezone.make_aware(datetime.datetime(2026, 3, 5, 9, 30, 12, 123456))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Last updated: <time"), ("zh-hans", "最后更新：<time"), ("fr", "Dernière mise à jour : <time")],
)
def test_last_updated_puts_the_colon_the_language_wants(language, expected):
    class Page:
        last_published_at = PUBLISHED

    html = render("{% last_updated page %}", language, page=Page())
    assert expected in html


def test_time_datetime_has_no_fraction_of_a_second():
    html = render("{% time_element value %}", "en", value=PUBLISHED)
    datetime_attribute = re.search(r'datetime="([^"]+)"', html).group(1)
    assert datetime_attribute == "2026-03-05T09:30:12+08:00"
    assert render("{{ value|iso_datetime }}", "en", value=datetime.date(2026, 3, 5)) == "2026-03-05"


def test_dates_follow_the_readers_format():
    assert "5 mars 2026" in render("{% time_element value %}", "fr", value=datetime.date(2026, 3, 5))
    assert "2026年3月5日" in render("{% time_element value %}", "zh-hans", value=datetime.date(2026, 3, 5))


@pytest.mark.parametrize(("language", "separator"), [("en", ", "), ("zh-hans", "、"), ("ar", "، ")])
def test_lists_are_joined_the_readers_way(language, separator):
    assert render("{{ items|join_list }}", language, items=["a", "b"]) == f"a{separator}b"


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


@override_settings(DEBUG=False)
def test_server_error_page_marks_each_language():
    html = Template((ROOT / "portal" / "templates" / "500.html").read_text(encoding="utf-8")).render(Context())
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "en"
    languages = {section.get("lang"): section.get("dir") for section in soup.select("section[lang]")}
    assert languages == {"zh-hans": "ltr", "fr": "ltr", "es": "ltr", "ru": "ltr", "ar": "rtl"}
    # No text of another language sits in an element marked English.
    assert "服务器" not in soup.select_one("h1").get_text() and "服务器" not in soup.title.get_text()


def test_home_page_cards_mark_a_fallback_title_and_show_a_translated_one_as_is(client, home):
    from tests.factories import ProgrammePageFactory

    ProgrammePageFactory(title="CNC Training Centre", slug="cnc")
    ProgrammePageFactory(title="Welding Short Course", title_ar="دورة قصيرة في اللحام", slug="welding")
    soup = soup_of(client, page_url(home, "ar"))
    titles = {card.h3.get_text(strip=True): card.h3 for card in soup.select("li.card")}
    fallback = titles["CNC Training Centre"].select_one("bdi")
    assert (fallback["lang"], fallback["dir"]) == ("en", "ltr")
    assert not titles["دورة قصيرة في اللحام"].select("[lang]")
