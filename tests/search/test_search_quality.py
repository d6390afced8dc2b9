"""Search quality beyond word forms, on both engines: broader terms that find
narrower ones (one-way synonym groups), synonyms met through any stemmer of
a word's script, corrected words that bring their synonyms, words known only
through another word's stem, partial matches that hold the rarer words; and
the same corrections and partial-match marking on Elasticsearch (request
bodies and recorded responses, no server)."""

import pytest

from programmes.models import ProgrammePage
from search.engines.elasticsearch import (
    build_search,
    parse_response,
    partial_ids,
    site_spelling_search,
    spelling_correction,
    text_details,
)
from search.engines.elasticsearch_documents import ProgrammeDocument, index_body
from search.lexicon import current_lexicon
from search.models import SynonymGroup
from search.parameters import CatalogueQuery
from search.service import search_catalogue
from tests.factories import ProgrammePageFactory
from tests.search.es_responses import empty_aggregations

pytestmark = pytest.mark.django_db


def _slugs(results):
    slugs = dict(ProgrammePage.objects.values_list("pk", "slug"))
    return [slugs[int(entry.pk)] for entry in results.programmes]


def _found(text):
    """The slugs of the programmes holding every word of ``text`` (not partial matches), best first."""
    results = search_catalogue(text)
    partial = {int(pk) for pk in results.partial_ids}
    return [
        slug for slug, entry in zip(_slugs(results), results.programmes, strict=True) if int(entry.pk) not in partial
    ]


@pytest.fixture
def metalwork():
    """A broader term (metalwork, also called ferronnerie) over two narrower
    ones, one of which has a synonym of its own."""
    SynonymGroup.objects.create(terms="metalwork\nferronnerie")
    SynonymGroup.objects.create(terms="farriery\nhorseshoeing")
    return SynonymGroup.objects.create(terms="metalwork\nblacksmithing\nfarriery", one_way=True)


# --- one-way groups: broader terms find narrower ones ------------------------------------


def test_a_broader_term_finds_its_narrower_terms_but_not_back(home, metalwork):
    ProgrammePageFactory(slug="smith", title="Blacksmithing course")
    ProgrammePageFactory(slug="shoes", title="Horseshoeing workshop")
    ProgrammePageFactory(slug="metal", title="Metalwork basics")
    ProgrammePageFactory(slug="other", title="Hotel management")
    # The term itself first, then the narrower terms (and a narrower term's own synonym).
    assert _found("metalwork")[0] == "metal"
    assert sorted(_found("metalwork")) == ["metal", "shoes", "smith"]
    # Through a synonym of the broader term too.
    assert sorted(_found("ferronnerie")) == ["metal", "shoes", "smith"]
    # Never back: a narrower term does not find the broader one, nor its siblings.
    assert _found("blacksmithing") == ["smith"]
    assert _found("horseshoeing") == ["shoes"]


def test_a_one_way_group_says_which_way_it_goes(metalwork):
    assert str(metalwork) == "metalwork ⇒ blacksmithing, farriery"
    assert str(SynonymGroup(terms="a\nb")) == "a ⇄ b"


def test_elasticsearch_gets_the_expansion_of_a_broader_term_written_out(metalwork):
    rules = current_lexicon().synonym_rules()
    assert "metalwork, ferronnerie" in rules
    assert "farriery, horseshoeing" in rules
    expanded = "metalwork, ferronnerie, blacksmithing, farriery, horseshoeing"
    assert f"metalwork => {expanded}" in rules
    assert f"ferronnerie => {expanded}" in rules
    assert not any(rule.startswith(("blacksmithing =>", "farriery =>", "horseshoeing =>")) for rule in rules)
    body = index_body(ProgrammeDocument, "portal-test-programmes", rules)
    assert f"metalwork => {expanded}" in body["settings"]["analysis"]["filter"]["portal_synonyms"]["synonyms"]


def test_the_starter_list_has_broader_terms_and_words_of_specialty_names(home):
    ProgrammePageFactory(slug="tea", title="茶叶生产与加工技术", title_zh_hans="茶叶生产与加工技术")
    ProgrammePageFactory(slug="auto", title="汽车检测与维修技术", title_zh_hans="汽车检测与维修技术")
    assert "tea" in _found("agriculture")
    assert _found("tea") == ["tea"]
    # An English specialty name finds the programme published only in Chinese, word by word.
    assert _found("Automobile Inspection and Maintenance Technology") == ["auto"]


# --- synonyms through any stemmer of the script ---------------------------------------------


def test_a_word_meets_a_synonym_term_through_another_languages_stemmer(home):
    # The starter group "industrial robot ⇄ 工业机器人": "industriales" and
    # "industrial" have different English stems but the same French one.
    ProgrammePageFactory(slug="robot", title="工业机器人技术", title_zh_hans="工业机器人技术")
    assert _found("robots industriales") == ["robot"]


# --- spelling ----------------------------------------------------------------------------------


def test_a_corrected_word_brings_its_synonyms(home):
    ProgrammePageFactory(slug="logistics", title="Logistics management")
    ProgrammePageFactory(slug="chinese", title="冷链物流技术", title_zh_hans="冷链物流技术")
    results = search_catalogue("logistcs")
    assert results.corrected_text == "logistics"
    assert sorted(_slugs(results)) == ["chinese", "logistics"]


def test_a_word_known_only_through_another_words_stem_is_corrected_to_a_commoner_word(home):
    # "hidroponics" is no word of the index, but its English stem is that of
    # the Spanish title "Hidropónica": the commoner "hydroponics" is meant.
    ProgrammePageFactory(slug="es", title="Hidropónica")
    ProgrammePageFactory(slug="en1", title="Hydroponics technology")
    ProgrammePageFactory(slug="en2", title="Hydroponics workshop")
    assert _slugs(search_catalogue(query=CatalogueQuery(text="hidroponics", as_typed=True))) == ["es"]
    results = search_catalogue("hidroponics")
    assert results.corrected_text == "hydroponics"
    assert sorted(_slugs(results)) == ["en1", "en2"]
    # A word form is no typo.
    ProgrammePageFactory(slug="drone", title="Drone piloting")
    assert search_catalogue("drones").corrected_text == ""


# --- partial matches ----------------------------------------------------------------------------


def test_partial_matches_holding_the_rarer_words_come_first(home):
    ProgrammePageFactory(slug="rare", title="Brewing basics", description="<p>Zymurgy for beginners.</p>")
    for slug in ("pottery", "glass", "wood"):
        ProgrammePageFactory(slug=slug, title=f"{slug.title()} workshop")
    results = search_catalogue("zymurgy workshop")
    assert _slugs(results)[0] == "rare"
    assert len(results.partial_ids) == 4


# --- Elasticsearch: the same corrections and partial matches --------------------------------


def _recorded(hits, suggestions=()):
    return {
        "took": 1,
        "timed_out": False,
        "hits": {"total": {"value": len(hits), "relation": "eq"}, "max_score": 1.0, "hits": hits},
        "aggregations": empty_aggregations(0),
        "suggest": {"spelling": list(suggestions)},
    }


def _hit(page_id, *names):
    return {"_index": "portal-programmes", "_id": str(page_id), "_score": 1.0, "matched_queries": list(names)}


def _suggestion(text, offset, *options):
    return {
        "text": text,
        "offset": offset,
        "length": len(text),
        "options": [{"text": option, "score": 0.8, "freq": 3} for option in options],
    }


def test_elasticsearch_request_asks_for_spelling_suggestions_and_names_its_clauses():
    body = build_search(CatalogueQuery(text="weldimg workshop"), "en")._s.to_dict()
    assert body["suggest"]["spelling"]["text"] == "weldimg workshop"
    term = body["suggest"]["spelling"]["term"]
    assert term["field"] == "search_text" and term["suggest_mode"] == "missing"
    assert term["analyzer"] == "portal_normal_form"
    should = body["query"]["bool"]["must"][0]["bool"]["should"]
    assert should[0]["multi_match"]["_name"] == "every_word"
    assert should[1]["match"]["search_text"]["_name"] == "every_word"
    assert should[2]["match"]["search_text"]["_name"] == "partial"
    # As typed: neither suggestions nor fuzziness.
    as_typed = build_search(CatalogueQuery(text="weldimg workshop", as_typed=True), "en")._s.to_dict()
    assert "suggest" not in as_typed
    assert "fuzziness" not in as_typed["query"]["bool"]["must"][0]["bool"]["should"][0]["multi_match"]
    # No words, no suggestions.
    assert "suggest" not in build_search(CatalogueQuery(), "en")._s.to_dict()


def test_elasticsearch_response_gives_the_correction_and_the_partial_matches():
    from elasticsearch.dsl.faceted_search import FacetedResponse

    query = CatalogueQuery(text="weldimg workshop")
    faceted = build_search(query, "en")
    raw = _recorded(
        [_hit(5, "every_word"), _hit(7, "partial"), _hit(9, "every_word", "partial")],
        [_suggestion("weldimg", 0, "welding", "wedding"), _suggestion("workshop", 8)],
    )
    ids, total, _counts = parse_response(faceted, raw)
    assert ids == [5, 7, 9] and total == 3
    response = FacetedResponse(faceted._s, raw)
    assert spelling_correction(response, query.terms) == "welding workshop"
    assert partial_ids(response) == {7}
    details = text_details(response, CatalogueQuery(text="welding workshop", as_typed=True), "welding workshop")
    assert details["corrected_text"] == "welding workshop"
    assert details["partial_ids"] == {7}
    assert details["highlight_terms"] == ["welding", "workshop"]


def test_elasticsearch_suggestion_that_is_a_form_of_the_word_is_no_correction():
    from elasticsearch.dsl.faceted_search import FacetedResponse

    faceted = build_search(CatalogueQuery(text="drones"), "en")
    response = FacetedResponse(faceted._s, _recorded([], [_suggestion("drones", 0, "drone")]))
    assert spelling_correction(response, ["drones"]) == ""


def test_elasticsearch_catalogue_searches_the_corrected_words_and_says_so(home, monkeypatch):
    """The engine's ``search`` with a fake server: the first response suggests
    a correction, so the corrected words are asked as typed."""
    from elasticsearch.dsl import Search

    from search.engines.elasticsearch import ElasticsearchEngine

    programme = ProgrammePageFactory(slug="weld", title="Welding workshop")
    asked = []

    def execute(search, **_options):
        body = search.to_dict()
        asked.append(body)
        if "suggest" in body:
            raw = _recorded([], [_suggestion("weldimg", 0, "welding")])
        else:
            raw = _recorded([_hit(programme.pk, "every_word")])
        return search._response_class(search, raw)

    monkeypatch.setattr(Search, "execute", execute)
    monkeypatch.setattr("search.engines.elasticsearch.connect", lambda: None)
    results = ElasticsearchEngine().search(CatalogueQuery(text="weldimg"), "en")
    assert results.corrected_text == "welding"
    assert [entry.pk for entry in results.programmes] == [programme.pk]
    assert results.partial_ids == frozenset()
    assert len(asked) == 2 and "suggest" not in asked[1]
    assert asked[1]["query"]["bool"]["must"][0]["bool"]["should"][1]["match"]["search_text"]["query"] == "welding"


def test_elasticsearch_site_search_asks_for_suggestions_from_the_pages_texts():
    body = site_spelling_search(["weldimg"]).to_dict()
    assert body["size"] == 0
    assert body["suggest"]["spelling"]["term"]["field"] == "body"
