"""The Elasticsearch engine: request bodies (built without a server), the
reading of a recorded response, and, with ELASTICSEARCH_URL set, the real thing."""

import datetime
import os

import pytest

from programmes.facts import FACETS
from search.engines.elasticsearch import build_search, documents, parse_response
from search.engines.elasticsearch_documents import PageDocument, ProgrammeDocument, index_name, site_search
from search.parameters import PER_PAGE, CatalogueQuery
from tests.search.es_responses import empty_aggregations

pytestmark = pytest.mark.django_db


def _body(query, language="en"):
    return build_search(query, language)._s.to_dict()


def test_request_searches_every_language_with_typo_tolerance_and_segmented_chinese():
    body = _body(CatalogueQuery(text="数控 Mécanique"))
    should = body["query"]["bool"]["must"][0]["bool"]["should"]
    multi_match = should[0]["multi_match"]
    assert multi_match["query"] == "数控 mecanique"
    assert multi_match["fuzziness"] == "AUTO:4,5"
    assert "title_zh_hans^3" in multi_match["fields"] and "title_ar^3" in multi_match["fields"]
    assert should[1] == {
        "match": {"search_text": {"query": "数控 mecanique", "operator": "and", "_name": "every_word"}}
    }


def test_request_has_one_aggregation_per_facet_filtered_by_the_other_facets():
    body = _body(CatalogueQuery(filters={"country": ["FR", "DE"], "level": ["higher"]}))
    assert set(body["aggs"]) == {f"_filter_{facet.key}" for facet in FACETS if facet.listed}
    country = body["aggs"]["_filter_country"]
    assert country["filter"] == {"terms": {"level": ["higher"]}}
    assert country["aggs"]["country"]["terms"]["field"] == "country"
    assert body["post_filter"] == {
        "bool": {"must": [{"terms": {"country": ["FR", "DE"]}}, {"terms": {"level": ["higher"]}}]}
    }


def test_school_filter_asks_only_for_the_chosen_schools_counts():
    """The school is not a listed facet (300 and more values): a request
    without it has no aggregation of schools; with it, the programmes of the
    chosen schools, counted for those schools only."""
    assert "_filter_school" not in _body(CatalogueQuery())["aggs"]
    body = _body(CatalogueQuery(filters={"school": ["41", "7"], "level": ["higher"]}))
    assert body["post_filter"] == {
        "bool": {"must": [{"terms": {"school": ["41", "7"]}}, {"terms": {"level": ["higher"]}}]}
    }
    school = body["aggs"]["_filter_school"]
    assert school["filter"] == {"terms": {"level": ["higher"]}}
    assert school["aggs"]["school"]["terms"] == {"field": "school", "size": 2, "include": ["41", "7"]}
    assert body["aggs"]["_filter_level"]["filter"] == {"terms": {"school": ["41", "7"]}}


def test_request_pages_and_sorts():
    body = _body(CatalogueQuery(sort="name", page=3), language="fr")
    assert body["from"] == 2 * PER_PAGE and body["size"] == PER_PAGE
    assert body["sort"] == [{"title_sort_fr": {"order": "asc"}}]
    assert "query" not in body
    assert _body(CatalogueQuery(sort="newest"))["sort"] == [{"first_published_at": {"order": "desc"}}]


def test_mapping_has_an_analyzer_per_language():
    mapping = ProgrammeDocument._doc_type.mapping.to_dict()["properties"]
    assert mapping["title_zh_hans"]["analyzer"] == "portal_cjk"
    assert mapping["title_fr"]["analyzer"] == "portal_french"
    assert mapping["title_fr"]["search_analyzer"] == "portal_french_search"
    assert mapping["description_ar"]["analyzer"] == "portal_arabic"
    assert mapping["title_ru"]["fields"]["folded"]["analyzer"] == "portal_folded"
    assert {facet.key for facet in FACETS if facet.key != "starts"} <= set(mapping)
    assert mapping["province"]["type"] == "keyword"
    # No stored "starts soon" flag (it would go stale): the dates themselves.
    assert "starts" not in mapping and mapping["start_dates"]["type"] == "date"


def test_recorded_response_is_read_into_ids_total_and_counts():
    query = CatalogueQuery(filters={"country": ["TH"]})
    faceted = build_search(query, "en")
    aggregations = empty_aggregations(2)
    aggregations["_filter_country"]["country"]["buckets"] = [
        {"key": "TH", "doc_count": 2},
        {"key": "KE", "doc_count": 1},
    ]
    aggregations["_filter_level"]["level"]["buckets"] = [{"key": "higher", "doc_count": 2}]
    aggregations["_filter_starts"]["starts"] = {"doc_count": 1}
    recorded = {
        "took": 3,
        "timed_out": False,
        "hits": {
            "total": {"value": 2, "relation": "eq"},
            "max_score": 1.0,
            "hits": [
                {"_index": index_name(), "_id": "41", "_score": 1.0, "_source": {"programme_type": "exchange"}},
                {"_index": index_name(), "_id": "7", "_score": 0.5, "_source": {"programme_type": "exchange"}},
            ],
        },
        "aggregations": aggregations,
    }
    ids, total, counts = parse_response(faceted, recorded)
    assert ids == [41, 7] and total == 2
    assert counts["country"] == {"TH": 2, "KE": 1}
    assert counts["level"] == {"higher": 2}
    assert counts["starts"] == {"6-months": 1}


def test_programme_document_carries_facets_and_every_language(home):
    from partners.models import ProgrammePartner
    from tests.factories import BatchSelectionFactory, PartnerPageFactory, ProgrammePageFactory, SchoolPageFactory

    school = SchoolPageFactory()
    BatchSelectionFactory(school=school, batch__number=2)
    programme = ProgrammePageFactory(
        parent=school, title="CNC training", title_zh_hans="数控技术海外培训", slug="cnc", delivery_country="KE"
    )
    partner = PartnerPageFactory(country="FR")
    ProgrammePartner.objects.create(programme=programme, partner=partner)
    [programme_document], page_documents = documents([programme.specific])
    document = programme_document.to_dict()
    assert document["title_zh_hans"] == "数控技术海外培训"
    assert "数控" in document["search_text"].split()
    assert document["continent"] == ["africa"] and document["batch"] == ["2"]
    assert document["province"] == [school.province.code]
    assert document["partner_country"] == ["FR"]
    assert document["school"] == [str(school.pk)]
    assert page_documents[0].to_dict()["kind"] == "programmes"


def test_site_search_request_looks_for_every_word_then_all_but_one_in_one_kind_of_page():
    query = site_search(["数控", "mecanique"], "schools").to_dict()["query"]
    assert query["bool"]["filter"] == [{"term": {"kind": "schools"}}]
    every, partial = query["bool"]["should"]
    assert every == {
        "multi_match": {
            "query": "数控 mecanique",
            "fields": ["title^2", "body"],
            "operator": "and",
            "_name": "every_word",
        }
    }
    assert partial["multi_match"]["minimum_should_match"] == "1" and partial["multi_match"]["_name"] == "partial"
    assert query["bool"]["minimum_should_match"] == 1
    # One word: no partial tier.
    single = site_search(["数控"], "schools").to_dict()["query"]["bool"]
    assert "should" not in single and single["must"][0]["multi_match"]["_name"] == "every_word"


def test_site_search_marks_the_pages_holding_all_but_one_word(home, monkeypatch):
    from django.core.cache import cache

    from search.engines import elasticsearch
    from tests.factories import SchoolPageFactory

    school = SchoolPageFactory(title="Shenzhen CNC College")
    other = SchoolPageFactory(title="Shenzhen College")

    class Executed:
        def __init__(self, search):
            self.kind = search.to_dict()["query"]["bool"]["filter"][0]["term"]["kind"]

        def __getitem__(self, _slice):
            return self

        def execute(self):
            hits = []
            if self.kind == "schools":
                hits = [
                    {"_index": "pages", "_id": str(school.pk), "_score": 2.0, "matched_queries": ["every_word"]},
                    {"_index": "pages", "_id": str(other.pk), "_score": 0.4, "matched_queries": ["partial"]},
                ]
            raw = {"took": 1, "timed_out": False, "hits": {"total": {"value": len(hits)}, "hits": hits}}
            from elasticsearch.dsl.response import Response

            return Response(elasticsearch.PageDocument.search(), raw)

    monkeypatch.setattr(elasticsearch, "site_search", lambda terms, kind: Executed(site_search(terms, kind)))
    monkeypatch.setattr(elasticsearch, "connect", lambda: None)
    cache.clear()
    results = elasticsearch.ElasticsearchEngine().search_site("Shenzhen CNC", "en")
    [schools] = [group for group in results.groups if group.kind == "schools"]
    assert [page.pk for page in schools.pages] == [school.pk, other.pk]
    assert schools.partial == {other.pk}


@pytest.mark.elasticsearch
@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set: no Elasticsearch to test against"
)
def test_rebuilt_index_answers_catalogue_searches(home, settings):
    from search.engines import get_engine
    from search.service import search_catalogue, search_site
    from tests.factories import ProgrammePageFactory

    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX_PREFIX = "portal-test"
    ProgrammePageFactory(title="CNC technology", title_zh_hans="数控技术海外培训", slug="cnc", delivery_country="TH")
    ProgrammePageFactory(title="Automotive mechanics", title_fr="Mécanique automobile", slug="meca")
    get_engine().rebuild()
    for text in ("数控", "CNC", "mecanique", "mechanisc"):
        assert search_catalogue(text).total == 1, text
    assert search_catalogue(filters={"country": ["TH"]}).facet("country").values[0].count == 1
    results = search_site("数控")
    assert [page.slug for page in results.groups[1].pages] == ["cnc"]


def test_index_body_has_stemming_analyzers_per_language_and_the_editors_synonyms():
    from search.engines.elasticsearch_documents import index_body
    from search.lexicon import current_lexicon

    rules = current_lexicon().synonym_rules()
    assert any(rule.startswith("城轨, 城市轨道交通, urban rail transit, metro, ") for rule in rules)
    assert any(rule.startswith("cnc, 数控, numerical control, ") for rule in rules)
    body = index_body(ProgrammeDocument, "portal-test-programmes", rules)
    analysis = body["settings"]["analysis"]
    assert analysis["filter"]["portal_synonyms"] == {"type": "synonym_graph", "synonyms": rules, "lenient": True}
    expected = {
        "english": ("english", "_english_"),
        "french": ("light_french", "_french_"),
        "spanish": ("light_spanish", "_spanish_"),
        "russian": ("russian", "_russian_"),
        "arabic": ("arabic", "_arabic_"),
    }
    for name, (stemmer, stopwords) in expected.items():
        index_filters = analysis["analyzer"][f"portal_{name}"]["filter"]
        search_filters = analysis["analyzer"][f"portal_{name}_search"]["filter"]
        assert f"portal_{name}_stemmer" in index_filters and "portal_synonyms" not in index_filters
        # Synonyms after case folding, before stop words and stems.
        assert search_filters.index("lowercase") < search_filters.index("portal_synonyms")
        assert search_filters.index("portal_synonyms") < search_filters.index(f"portal_{name}_stemmer")
        assert analysis["filter"][f"portal_{name}_stemmer"]["language"] == stemmer
        assert analysis["filter"][f"portal_{name}_stop"]["stopwords"] == stopwords
    assert "portal_synonyms" in analysis["analyzer"]["portal_cjk_search"]["filter"]
    assert analysis["analyzer"]["portal_normal_form_search"]["filter"] == ["lowercase", "portal_synonyms"]
    properties = body["mappings"]["properties"]
    assert properties["title_en"]["search_analyzer"] == "portal_english_search"
    assert properties["search_text"]["search_analyzer"] == "portal_normal_form_search"
    pages = index_body(PageDocument, "portal-test-pages", rules)
    assert pages["settings"]["analysis"]["filter"]["portal_synonyms"]["synonyms"] == rules


def test_request_puts_the_exact_phrase_and_title_matches_first_and_allows_partial_matches():
    body = _body(CatalogueQuery(text="electric vehicle repair"))
    should = body["query"]["bool"]["should"]
    assert should[0]["multi_match"]["type"] == "phrase"
    assert should[0]["multi_match"]["query"] == "electric vehicle repair"
    assert "title_en" in should[0]["multi_match"]["fields"][0] or any(
        field.startswith("title_en") for field in should[0]["multi_match"]["fields"]
    )
    matches = body["query"]["bool"]["must"][0]["bool"]["should"]
    assert matches[2]["match"]["search_text"]["minimum_should_match"] == "2<-1"


def _freeze_today(monkeypatch, day):
    monkeypatch.setattr("programmes.facts.timezone.localdate", lambda: day)


def test_starts_within_6_months_is_a_date_range_asked_with_each_query(monkeypatch):
    _freeze_today(monkeypatch, datetime.date(2025, 11, 20))
    body = _body(CatalogueQuery(filters={"starts": ["6-months"], "level": ["higher"]}))
    window = {"range": {"start_dates": {"gte": "2025-11-01", "lt": "2026-06-01"}}}
    assert body["post_filter"] == {"bool": {"must": [window, {"terms": {"level": ["higher"]}}]}}
    # Counted by a filter aggregation over the same window, under the other facets' filters.
    starts = body["aggs"]["_filter_starts"]
    assert starts["filter"] == {"terms": {"level": ["higher"]}}
    assert starts["aggs"]["starts"] == {"filter": window}
    assert body["aggs"]["_filter_level"]["filter"] == window
    # A month later the same request asks for the next window: nothing indexed went stale.
    _freeze_today(monkeypatch, datetime.date(2025, 12, 1))
    later = _body(CatalogueQuery(filters={"starts": ["6-months"]}))
    assert later["post_filter"] == {"range": {"start_dates": {"gte": "2025-12-01", "lt": "2026-07-01"}}}


def test_both_engines_mean_the_same_by_starts_within_6_months(monkeypatch):
    from programmes.facts import starts_soon

    _freeze_today(monkeypatch, datetime.date(2025, 1, 31))
    limits = _body(CatalogueQuery(filters={"starts": ["6-months"]}))["post_filter"]["range"]["start_dates"]
    for year, month in [(2024, 12), (2025, 1), (2025, 4), (2025, 7), (2025, 8), (2026, 1)]:
        day = datetime.date(year, month, 1).isoformat()
        in_range = limits["gte"] <= day < limits["lt"]
        assert in_range == (starts_soon(day) == "6-months"), day
    assert (limits["gte"], limits["lt"]) == ("2025-01-01", "2025-08-01")


def test_a_response_without_programmes_starting_soon_shows_no_such_value():
    faceted = build_search(CatalogueQuery(), "en")
    aggregations = empty_aggregations(0)
    recorded = {"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}, "aggregations": aggregations}
    _ids, _total, counts = parse_response(faceted, recorded)
    assert counts["starts"] == {}


def test_programme_document_holds_start_dates_not_a_flag(home):
    from programmes.models import ProgrammeIntake
    from tests.factories import ProgrammePageFactory

    programme = ProgrammePageFactory(slug="intakes")
    for year, month in [(2031, 9), (2030, 3), (2031, 9)]:
        ProgrammeIntake.objects.create(programme=programme, start_year=year, start_month=month)
    [programme_document], _pages = documents([programme.specific])
    document = programme_document.to_dict()
    assert document["start_dates"] == [datetime.date(2030, 3, 1), datetime.date(2031, 9, 1)]
    assert "starts" not in document
