"""The programme catalogue: text search in every language, facets, sort, pages."""

import re

from django.db import connection
from django.urls import reverse
from django.utils import translation

import pytest

from search.engines import database
from search.parameters import PER_PAGE, CatalogueQuery
from search.service import search_catalogue
from search.text import query_terms, searchable_text
from tests.factories import ProgrammePageFactory, SchoolPageFactory, teaching_language

pytestmark = pytest.mark.django_db


def _titles(results):
    return [programme.titles["en"] for programme in results.programmes]


@pytest.fixture
def cnc(home):
    return ProgrammePageFactory(
        title="CNC technology overseas training",
        title_zh_hans="数控技术海外培训",
        slug="cnc-training",
        delivery_country="TH",
        description="<p>Machining with computer numerical control.</p>",
    )


@pytest.fixture
def mecanique(home):
    return ProgrammePageFactory(
        title="Automotive mechanics",
        title_fr="Mécanique automobile",
        slug="mecanique-auto",
        delivery_country="FR",
    )


def test_chinese_word_finds_programme_whose_chinese_title_contains_it(cnc, mecanique):
    assert _titles(search_catalogue("数控")) == ["CNC technology overseas training"]


def test_english_word_finds_the_same_chinese_programme(cnc, mecanique):
    assert _titles(search_catalogue("CNC")) == ["CNC technology overseas training"]
    assert _titles(search_catalogue("cnc")) == ["CNC technology overseas training"]


def test_full_width_query_equals_half_width(cnc):
    assert _titles(search_catalogue("ＣＮＣ")) == ["CNC technology overseas training"]


def test_query_without_accents_finds_accented_title(cnc, mecanique):
    assert _titles(search_catalogue("mecanique")) == ["Automotive mechanics"]
    assert _titles(search_catalogue("MÉCANIQUE")) == ["Automotive mechanics"]


@pytest.mark.parametrize(
    "language, query",
    [
        ("en", "mechanics"),
        ("zh-hans", "汽车"),
        ("fr", "mécanique"),
        ("es", "mecánica"),
        ("ru", "механика"),
        ("ar", "ميكانيكا"),
    ],
)
def test_query_in_each_language_finds_text_written_in_it(home, language, query):
    ProgrammePageFactory(
        title="Automotive mechanics",
        title_zh_hans="汽车机械",
        title_fr="Mécanique automobile",
        title_es="Mecánica automotriz",
        title_ru="Автомобильная механика",
        title_ar="ميكانيكا السيارات",
        slug="auto",
    )
    ProgrammePageFactory(title="Hotel management", slug="hotel")
    results = search_catalogue(query, language=language)
    assert _titles(results) == ["Automotive mechanics"]


def test_query_in_one_language_finds_programme_from_any_reading_language(cnc):
    with translation.override("ar"):
        results = search_catalogue("数控", language="ar")
    assert results.total == 1


def test_missing_translation_is_not_indexed_as_none(cnc):
    assert search_catalogue("None").total == 0


def test_searchable_text_segments_chinese_and_folds():
    text = searchable_text("<p>数控技术海外培训 Mécanique ＡＢＣ</p>")
    assert "数控" in text.split()
    assert "mecanique" in text.split()
    assert "abc" in text.split()


def test_query_terms_drop_syntax_and_control_characters():
    assert query_terms('"cnc" AND (x*)\x00\x1f') == ["cnc", "and", "x"]
    assert query_terms("!!!") == []
    assert len(query_terms("word " * 5000)) <= 16


def test_text_query_with_quotes_does_not_crash_the_catalogue(client, cnc):
    response = client.get(reverse("search:catalogue"), {"q": '"CNC\x1f'})
    assert response.status_code == 200
    assert "<mark>CNC</mark> technology overseas training" in response.content.decode()
    # A NUL byte is refused before the view, with a message (tests/portal/test_bad_urls.py).
    assert client.get(reverse("search:catalogue"), {"q": '"CNC\x00'}).status_code == 400


def test_sort_by_name_and_newest(home):
    school = SchoolPageFactory()
    for title in ["Bravo", "Alpha", "Charlie"]:
        ProgrammePageFactory(parent=school, title=title, slug=title.lower())
    assert _titles(search_catalogue(sort="name")) == ["Alpha", "Bravo", "Charlie"]
    assert _titles(search_catalogue(sort="newest")) == ["Charlie", "Alpha", "Bravo"]


def test_pagination_pages_through_every_result_once(home):
    school = SchoolPageFactory()
    for n in range(PER_PAGE + 5):
        ProgrammePageFactory(parent=school, title=f"Programme {n:02d}", slug=f"p-{n}")
    first = search_catalogue(sort="name", page=1)
    second = search_catalogue(sort="name", page=2)
    assert first.total == PER_PAGE + 5 and first.num_pages == 2
    assert len(first.programmes) == PER_PAGE and len(second.programmes) == 5
    assert set(_titles(first)).isdisjoint(_titles(second))
    beyond = search_catalogue(sort="name", page=99)
    assert beyond.page == 2 and _titles(beyond) == _titles(second)


def test_relevance_puts_title_matches_first(home):
    school = SchoolPageFactory()
    ProgrammePageFactory(
        parent=school, title="Hotel management", slug="h", description="<p>Includes welding basics.</p>"
    )
    ProgrammePageFactory(parent=school, title="Welding workshop", slug="w")
    assert _titles(search_catalogue("welding"))[0] == "Welding workshop"


def test_catalogue_page_lists_programmes_and_links_ranking_page(client, cnc):
    response = client.get(reverse("search:catalogue"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "CNC technology overseas training" in body
    assert reverse("search:ranking") in body
    assert client.get(reverse("search:ranking")).status_code == 200


def test_catalogue_fragment_for_script_returns_results_only(client, cnc):
    response = client.get(reverse("search:catalogue"), {"q": "cnc"}, HTTP_X_CATALOGUE_FRAGMENT="1")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "<mark>CNC</mark> technology" in body


def test_the_page_and_its_fragment_are_cached_apart(client, cnc):
    url = reverse("search:catalogue")
    for _ in range(2):
        page = client.get(url, {"q": "cnc"})
        fragment = client.get(url, {"q": "cnc"}, HTTP_X_CATALOGUE_FRAGMENT="1")
        assert "<html" in page.content.decode() and "<html" not in fragment.content.decode()
        assert "X-Catalogue-Fragment" in page["Vary"] and "X-Catalogue-Fragment" in fragment["Vary"]
    # The second time both came from the page cache, each with its own validator.
    assert page.templates == [] and fragment.templates == []
    assert page["ETag"] != fragment["ETag"]
    # HEAD as for every page the cache may answer, from the cache or not.
    assert client.head(url, {"q": "cnc"}).status_code == client.head(url, {"q": "other"}).status_code == 200


def test_a_page_of_results_shown_again_reads_no_programme(client, cnc, settings, django_assert_num_queries):
    """The facet index keeps the entries and their cards it showed (until the
    next public change), so a page of results served again without the page
    cache costs no query."""
    settings.CATALOGUE_PAGE_CACHE = settings.PAGE_CACHE = False
    url = reverse("search:catalogue")
    first = client.get(url).content.decode()
    with django_assert_num_queries(0):
        again = client.get(url).content.decode()

    def without_token(body):  # a token masked anew for each response
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)

    assert without_token(again) == without_token(first) and "CNC technology overseas training" in again
    cnc.title = "CNC technology overseas training, renamed"
    cnc.save_revision().publish()
    assert "CNC technology overseas training, renamed" in client.get(url).content.decode()


def test_zero_results_suggest_removing_the_last_filter(client, cnc):
    response = client.get(reverse("search:catalogue"), {"country": "TH", "level": "secondary"})
    body = response.content.decode()
    assert "Remove the last filter" in body
    assert "?country=TH" in body


def test_catalogue_labels_facets_in_reader_language(client, cnc):
    with translation.override("fr"):
        url = reverse("search:catalogue")
    body = client.get(url).content.decode()
    assert "Thaïlande" in body


def test_highlighted_title_is_escaped(client, home):
    ProgrammePageFactory(title="<script>alert(1)</script> welding", slug="xss")
    body = client.get(reverse("search:catalogue"), {"q": "welding"}).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body and "<mark>welding</mark>" in body


def test_unknown_facet_value_is_reported_not_fatal(client, cnc):
    response = client.get(reverse("search:catalogue"), {"type": "spaceship", "page": "-3"})
    assert response.status_code == 200
    assert "spaceship" in response.content.decode()


def test_catalogue_query_reads_repeated_keys_once():
    from django.http import QueryDict

    query = CatalogueQuery.from_querydict(QueryDict("country=FR&country=FR&country=de"))
    assert query.filters == {"country": ["FR", "DE"]}


def test_teaching_language_facet_counts_programmes_once(home):
    programme = ProgrammePageFactory(slug="langs")
    programme.teaching_languages.set([teaching_language("en"), teaching_language("fr")])
    programme.save_revision().publish()
    results = search_catalogue()
    counts = {value.value: value.count for value in results.facet("language").values}
    assert counts == {"en": 1, "fr": 1}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the score limit is the SQLite engine's")
def test_broad_query_orders_title_matches_then_newest(home, monkeypatch):
    monkeypatch.setattr(database, "MAX_SCORED_MATCHES", 1)
    school = SchoolPageFactory()
    ProgrammePageFactory(parent=school, title="Welding workshop", slug="a")
    ProgrammePageFactory(parent=school, title="Hotel management", slug="b", description="<p>Some welding.</p>")
    ProgrammePageFactory(parent=school, title="Welding for beginners", slug="c")
    assert _titles(search_catalogue("welding")) == ["Welding for beginners", "Welding workshop", "Hotel management"]


def test_one_letter_misspelling_finds_the_word(home):
    ProgrammePageFactory(title="Welding workshop", slug="w")
    ProgrammePageFactory(title="Hotel management", slug="h")
    results = search_catalogue("weldimg")
    assert results.corrected_text == "welding"
    assert _titles(results) == ["Welding workshop"]


def test_ranking_page_states_the_order_of_broad_queries_where_it_applies(client, home):
    body = client.get(reverse("search:ranking")).content.decode()
    assert "No paid placement" in body
    assert (f"When more than {database.MAX_SCORED_MATCHES} programmes" in body) == (connection.vendor == "sqlite")
