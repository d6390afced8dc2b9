"""Search that understands how people write, on the database engine (SQLite
and PostgreSQL): word forms, stop words, Chinese words with the portal's
dictionary, synonyms both ways, spelling corrections and the order of results."""

from django.urls import reverse

import pytest

from programmes.models import FieldOfStudy, ProgrammePage
from search.analysis import analyse_query, stems
from search.lexicon import current_lexicon
from search.models import SynonymGroup
from search.service import search_catalogue, search_site
from tests.factories import ProgrammePageFactory, SchoolPageFactory

pytestmark = pytest.mark.django_db


def _slugs(results):
    slugs = dict(ProgrammePage.objects.values_list("pk", "slug"))
    return [slugs[int(entry.pk)] for entry in results.programmes]


def _found(text, **kwargs):
    """The slugs of the programmes holding every word of ``text`` (not partial matches), best first."""
    results = search_catalogue(text, **kwargs)
    partial = {int(pk) for pk in results.partial_ids}
    slugs = dict(ProgrammePage.objects.values_list("pk", "slug"))
    return [slugs[int(entry.pk)] for entry in results.programmes if int(entry.pk) not in partial]


# --- word forms and stop words ----------------------------------------------------


@pytest.mark.parametrize(
    "title, query",
    [
        ({"title": "Drone piloting"}, "drones"),
        ({"title": "Bridge construction"}, "bridges"),
        ({"title": "Railway signalling"}, "railways"),
        ({"title": "Chinese cooking"}, "cook"),
        ({"title": "Accounting technology"}, "accountant technologies"),
        ({"title_fr": "Maintenance des véhicules électriques"}, "vehicule electrique"),
        ({"title_es": "Formación de soldadores"}, "soldador"),
        ({"title_ru": "Инженерия железных дорог"}, "инженерии"),
        ({"title_ar": "الهندسة الميكانيكية"}, "هندسة"),
    ],
)
def test_a_word_finds_its_other_forms_in_each_language(home, title, query):
    ProgrammePageFactory(slug="wanted", **{"title": "Programme", **title})
    ProgrammePageFactory(slug="other", title="Hotel management")
    assert _found(query)[:1] == ["wanted"]


def test_stems_come_from_snowball_for_the_words_script():
    assert "drone" in stems("drones")
    assert "инженер" in stems("инженерии")
    assert stems("数控") == ()


def test_stop_words_never_block_a_match(home):
    ProgrammePageFactory(slug="design", title="Mechanical design & manufacturing")
    ProgrammePageFactory(slug="pipes", title="Pipe welding")
    assert _found("mechanical design and manufacture") == ["design"]
    assert _found("the welding of pipes") == ["pipes"]


# --- Chinese -----------------------------------------------------------------------


def test_the_portals_vocabulary_keeps_a_specialty_name_whole(home):
    lexicon = current_lexicon()
    ProgrammePageFactory(slug="auto", title="Auto", title_zh_hans="汽车检测与维修技术")
    FieldOfStudy.objects.create(code="9999", depth="detailed", name="Urban rail", name_zh_hans="城市轨道交通运营管理")
    assert current_lexicon() is not lexicon  # rebuilt when the vocabulary changed
    lexicon = current_lexicon()
    assert lexicon.query_words("汽车检测与维修技术") == ["汽车检测与维修技术"]
    assert lexicon.query_words("城市轨道交通运营管理") == ["城市轨道交通运营管理"]


def test_a_chinese_word_inside_a_longer_name_is_still_found(home):
    ProgrammePageFactory(slug="cnc", title="CNC", title_zh_hans="数控技术海外培训")
    ProgrammePageFactory(slug="rail", title="Rail", title_zh_hans="城市轨道交通运营管理")
    ProgrammePageFactory(slug="hotel", title="Hotel", title_zh_hans="酒店管理")
    assert _found("数控") == ["cnc"]
    assert _found("轨道交通") == ["rail"]
    assert _found("运营管理") == ["rail"]
    assert _found("城市轨道交通运营管理") == ["rail"]


# --- synonyms ----------------------------------------------------------------------


def test_the_starter_synonyms_are_there_for_editors():
    terms = [group.term_list() for group in SynonymGroup.objects.all()]
    assert ["城轨", "城市轨道交通", "urban rail transit", "metro"] in [group[:4] for group in terms]
    assert len(terms) >= 30


@pytest.mark.parametrize(
    "titles, query",
    [
        ({"title": "Rail", "title_zh_hans": "城市轨道交通运营管理"}, "城轨"),
        ({"title": "Rail", "title_zh_hans": "城轨车辆技术"}, "城市轨道交通"),
        ({"title": "Care", "title_zh_hans": "老年服务与管理"}, "养老"),
        ({"title": "Care", "title_zh_hans": "养老护理"}, "老年服务与管理"),
        ({"title": "CNC machining"}, "numerical control"),
        ({"title": "Numerical control machining"}, "CNC"),
        ({"title": "CNC machining"}, "数控"),
        ({"title": "EV maintenance"}, "new energy vehicles"),
        ({"title": "New energy vehicle maintenance"}, "EV"),
        ({"title": "Vocational education leadership"}, "TVET"),
    ],
)
def test_synonyms_and_abbreviations_match_both_ways(home, titles, query):
    ProgrammePageFactory(slug="wanted", **titles)
    ProgrammePageFactory(slug="other", title="Hotel management", title_zh_hans="酒店管理")
    assert _found(query) == ["wanted"]


def test_a_synonym_group_an_editor_adds_works_at_once(home):
    ProgrammePageFactory(slug="wanted", title="Mechatronics", title_zh_hans="机电一体化技术")
    assert _found("电气自动化") == []
    SynonymGroup.objects.create(terms="电气自动化\nmechatronics")
    assert _found("电气自动化") == ["wanted"]


def test_a_synonym_group_needs_two_terms():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        SynonymGroup(terms="城轨, 城轨").full_clean()


# --- spelling --------------------------------------------------------------------


def test_a_misspelt_word_is_corrected_from_the_indexs_own_words(home):
    ProgrammePageFactory(slug="weld", title="Welding workshop")
    ProgrammePageFactory(slug="hotel", title="Hotel management")
    results = search_catalogue("weldimg")
    assert _slugs(results) == ["weld"]
    assert results.corrected_text == "welding"
    assert search_catalogue("welding").corrected_text == ""


def test_the_catalogue_shows_the_correction_and_searches_as_typed_on_request(client, home):
    ProgrammePageFactory(slug="weld", title="Welding workshop")
    body = client.get(reverse("search:catalogue"), {"q": "weldimg"}).content.decode()
    assert "Showing results for <strong>welding</strong>" in body
    assert "as_typed=1" in body
    as_typed = client.get(reverse("search:catalogue"), {"q": "weldimg", "as_typed": "1"}).content.decode()
    assert "Showing results for" not in as_typed
    assert "No programme matches" in as_typed


def test_the_site_search_corrects_spelling_too(client, home):
    ProgrammePageFactory(slug="weld", title="Welding workshop")
    results = search_site("weldng")
    assert results.corrected_text == "welding"
    assert [page.slug for page in results.groups[1].pages] == ["weld"]
    body = client.get("/fr/search/", {"q": "weldng"}).content.decode()
    assert "as_typed=1" in body


# --- ranking -----------------------------------------------------------------------


def test_the_exact_specialty_name_comes_first(home):
    school = SchoolPageFactory(title="汽车学院")
    ProgrammePageFactory(parent=school, slug="a", title="A", title_zh_hans="汽车维修与检测培训", description="技术")
    ProgrammePageFactory(parent=school, slug="b", title="B", title_zh_hans="新能源汽车检测与维修技术")
    ProgrammePageFactory(parent=school, slug="c", title="C", title_zh_hans="汽车检测与维修技术")
    ProgrammePageFactory(parent=school, slug="d", title="D", description="<p>汽车检测与维修技术</p>")
    assert _found("汽车检测与维修技术")[:2] == ["c", "b"]
    assert _found("汽车检测与维修技术")[-1] == "d"


def test_order_is_phrase_then_title_then_anywhere_then_partial(home):
    ProgrammePageFactory(slug="anywhere", title="Workshop", description="<p>Repair of vehicles, electric ones.</p>")
    ProgrammePageFactory(slug="title", title="Vehicle workshop: electric repair")
    ProgrammePageFactory(slug="phrase", title="Electric vehicle repair")
    ProgrammePageFactory(slug="partial", title="Electric vehicle charging")
    ProgrammePageFactory(slug="none", title="Hotel management")
    results = search_catalogue("electric vehicle repair")
    assert _slugs(results) == ["phrase", "title", "anywhere", "partial"]
    assert results.partial_ids == {ProgrammePage.objects.get(slug="partial").pk}


def test_partial_matches_are_marked_on_the_catalogue(client, home):
    ProgrammePageFactory(slug="partial", title="Electric vehicle charging")
    body = client.get("/zh-hans/programmes/", {"q": "electric vehicle repair"}).content.decode()
    assert "result-card__partial" in body


def test_a_query_is_analysed_into_required_groups(home):
    query = analyse_query(current_lexicon(), "The CNC of drones")
    assert [group.word for group in query.groups] == ["the", "cnc", "of", "drones"]
    assert [group.required for group in query.groups] == [False, True, False, True]
    assert query.groups[1].synonym


# --- the site search asks the configured engine -----------------------------------------


def test_the_site_search_answers_from_the_configured_engine(client, home, settings, monkeypatch):
    from search.engines.base import SiteSearchGroup, SiteSearchResults
    from search.engines.elasticsearch import ElasticsearchEngine

    ProgrammePageFactory(slug="weld", title="Welding workshop")
    assert "<mark>Welding</mark> workshop" in client.get("/en/search/", {"q": "welding"}).content.decode()
    asked = []

    def search_site(engine, text, language, limit=10, as_typed=False):
        asked.append((text, language))
        group = SiteSearchGroup(kind="programmes", label="programmes", pages=[], total=1)
        return SiteSearchResults(groups=[group], highlight_terms=[text])

    monkeypatch.setattr(ElasticsearchEngine, "search_site", search_site)
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200"
    client.get("/fr/search/", {"q": "welding"})
    assert asked == [("welding", "fr")]


def test_ministry_editors_keep_the_synonyms_in_the_admin(admin_client):
    from django.contrib.auth.models import Group

    codenames = set(Group.objects.get(name="Ministry editors").permissions.values_list("codename", flat=True))
    assert {"add_synonymgroup", "change_synonymgroup", "delete_synonymgroup"} <= codenames
    listing = admin_client.get(reverse("search_synonyms:index"))
    assert listing.status_code == 200 and "城轨" in listing.content.decode()
    response = admin_client.post(
        reverse("search_synonyms:add"), {"terms": "电气自动化\nelectrical automation", "note": ""}
    )
    assert response.status_code == 302
    assert SynonymGroup.objects.filter(terms__startswith="电气自动化").exists()
    refused = admin_client.post(reverse("search_synonyms:add"), {"terms": "only one", "note": ""})
    assert refused.status_code == 200 and not SynonymGroup.objects.filter(terms="only one").exists()


def test_a_chinese_name_with_one_wrong_character_is_corrected(home):
    ProgrammePageFactory(slug="cnc", title="CNC", title_zh_hans="数控技术海外培训")
    ProgrammePageFactory(slug="auto", title="Auto", title_zh_hans="汽车检测与维修技术中德合作班")
    results = search_catalogue("数空技术")
    assert _slugs(results)[:1] == ["cnc"]
    assert results.corrected_text == "数控技术"
    assert _found("汽车检侧与维修")[:1] == ["auto"]
    assert search_catalogue("数空技术", filters={}).corrected_text == "数控技术"
