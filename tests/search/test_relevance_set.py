"""The relevance benchmark's data (tests/data/relevance/) is well formed and its
script runs. The figures it prints are a measurement, never asserted here."""

import csv
import io
from pathlib import Path

from django.conf import settings

import pytest
import yaml
from django_countries import countries

from benchmarks import relevance
from programmes.models import ProgrammeType

ISCED_FILE = Path(settings.BASE_DIR) / "programmes" / "data" / "isced_f_2013.csv"
PROVINCES_FILE = Path(settings.BASE_DIR) / "programmes" / "data" / "provinces.csv"
SITE_LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture(scope="module")
def catalogue():
    return relevance.load_catalogue()


@pytest.fixture(scope="module")
def queries(catalogue):
    return relevance.load_queries(catalogue)


def test_the_catalogue_holds_at_least_300_programmes_with_realistic_facts(catalogue):
    programmes = catalogue["programmes"]
    assert len(programmes) >= 300
    keys = [programme["key"] for programme in programmes]
    assert len(keys) == len(set(keys))

    schools = {school["key"] for school in catalogue["schools"]}
    with ISCED_FILE.open(encoding="utf-8") as stream:
        detailed = {row["code"] for row in csv.DictReader(stream) if row["level"] == "detailed"}
    with PROVINCES_FILE.open(encoding="utf-8") as stream:
        provinces = {row["code"] for row in csv.DictReader(stream)}
    assert {school["province"] for school in catalogue["schools"]} <= provinces
    for programme in programmes:
        assert programme["school"] in schools, programme["key"]
        assert programme["field"] in detailed, programme["key"]
        assert programme["type"] in ProgrammeType.values, programme["key"]
        assert programme["country"] in countries, programme["key"]
        assert programme["specialties"], programme["key"]
        assert set(programme["title"]) <= set(SITE_LANGUAGES), programme["key"]
        assert "zh-hans" in programme["title"], programme["key"]
        assert set(programme.get("description", {})) <= set(SITE_LANGUAGES), programme["key"]

    # Some programmes are published only in Chinese, some in all six languages.
    assert any(set(programme["title"]) == {"zh-hans"} for programme in programmes)
    assert any(set(programme["title"]) == set(SITE_LANGUAGES) for programme in programmes)


def test_the_query_set_has_120_queries_in_the_six_languages(queries):
    assert len(queries) >= 120
    assert {query.language for query in queries} == set(SITE_LANGUAGES)
    ids = [query.id for query in queries]
    assert len(ids) == len(set(ids))
    assert {query.kind for query in queries} <= set(relevance.KINDS)
    # Every kind of difficulty the issue names is there.
    assert {"word_form", "typo", "abbreviation", "synonym", "substring", "cross_language", "exact"} <= {
        query.kind for query in queries
    }
    for query in queries:
        assert query.text.strip(), query.id
        assert query.relevant, query.id
        assert query.first <= query.relevant, query.id
    # Exact names whose programme must come first, with a longer name holding them nearby.
    assert sum(1 for query in queries if query.first) >= 5


def test_every_relevant_programme_is_in_the_catalogue(catalogue, queries):
    keys = {programme["key"] for programme in catalogue["programmes"]}
    for query in queries:
        assert query.relevant <= keys, query.id


def test_a_query_naming_an_unknown_programme_or_specialty_is_refused(catalogue, tmp_path):
    path = tmp_path / "queries.yaml"
    rows = [
        {"id": "a", "language": "en", "query": "drones", "kind": "word_form", "relevant": ["no-such-programme"]},
        {"id": "b", "language": "en", "query": "drones", "kind": "word_form", "relevant_specialties": ["飞碟技术"]},
    ]
    path.write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError) as error:
        relevance.load_queries(catalogue, path)
    assert "no-such-programme" in str(error.value)
    assert "飞碟技术" in str(error.value)


def test_relevant_specialties_expand_to_every_programme_of_them(catalogue, queries):
    by_id = {query.id: query for query in queries}
    welding = {
        programme["key"] for programme in catalogue["programmes"] if "焊接技术与自动化" in programme["specialties"]
    }
    assert len(welding) > 1
    assert by_id["zh-hanjie"].relevant == welding


@pytest.mark.django_db
def test_the_benchmark_runs_on_a_small_subset(catalogue, queries):
    small, chosen = relevance.subset(catalogue, queries, per_language=1, distractors=5)
    assert {query.language for query in chosen} == set(SITE_LANGUAGES)
    output = io.StringIO()

    result = relevance.run(small, chosen, verbose=True, stdout=output)

    printed = output.getvalue()
    assert result["queries"] == len(chosen)
    assert result["programmes"] == len(small["programmes"])
    assert [row["label"] for row in result["languages"]] == relevance.LANGUAGES
    for row in [*result["languages"], *result["kinds"], result["overall"]]:
        assert 0 <= row["recall"] <= 1 and 0 <= row["mrr"] <= 1 and 0 <= row["zero"] <= 1
    for language in relevance.LANGUAGES:
        assert f"| {language:<16} |" in printed
    assert "recall@10" in printed and "Queries that missed" in printed


@pytest.mark.django_db
def test_each_relevant_programme_is_found_by_its_key(catalogue, queries):
    """Built pages map back to the catalogue's keys: a query for an exact
    Chinese specialty name finds every programme of it (a Chinese word inside
    a longer title is found today)."""
    exact = next(query for query in queries if query.id == "zh-auto-exact")
    small = {
        "schools": catalogue["schools"],
        "programmes": [programme for programme in catalogue["programmes"] if programme["key"] in exact.relevant],
    }
    ids = relevance.build_catalogue(small)
    (outcome,) = relevance.measure([exact], ids)
    assert outcome.total == len(exact.relevant)
    assert set(outcome.returned) == exact.relevant
    assert outcome.recall == 1
    assert outcome.reciprocal_rank == 1


def _outcome(returned, relevant, first=(), total=None):
    query = relevance.Query(
        id="q", language="en", text="q", kind="exact", relevant=frozenset(relevant), first=frozenset(first)
    )
    return relevance.Outcome(
        query=query, total=len(returned) if total is None else total, returned=returned, titles=returned, fuzzy=False
    )


def test_recall_counts_the_top_ten_against_at_most_ten_relevant():
    assert _outcome(["a", "x", "b"], {"a", "b", "c", "d"}).recall == 0.5
    twelve = {f"r{number}" for number in range(12)}
    assert _outcome(sorted(twelve)[:10] + ["x"], twelve).recall == 1
    # A relevant programme at rank 11 does not count.
    assert _outcome([f"x{number}" for number in range(10)] + ["a"], {"a"}).recall == 0


def test_reciprocal_rank_is_that_of_the_first_relevant_result():
    assert _outcome(["x", "y", "a", "b"], {"a", "b"}).reciprocal_rank == pytest.approx(1 / 3)
    assert _outcome(["x"], {"a"}).reciprocal_rank == 0
    assert _outcome([], {"a"}, total=0).reciprocal_rank == 0


def test_an_exact_name_must_come_first():
    near_first = _outcome(["near", "exact"], {"near", "exact"}, first={"exact"})
    assert near_first.recall == 1 and near_first.reciprocal_rank == 1
    assert not near_first.first_is_right
    assert near_first.missed
    assert _outcome(["exact", "near"], {"near", "exact"}, first={"exact"}).first_is_right


def test_figures_average_over_the_queries_and_count_zero_results():
    outcomes = [_outcome(["a"], {"a"}), _outcome([], {"a"}, total=0), _outcome(["x", "a"], {"a"}, first={"a"})]
    figures = relevance.figures("all", outcomes)
    assert figures["queries"] == 3
    assert figures["recall"] == pytest.approx(2 / 3)
    assert figures["mrr"] == pytest.approx((1 + 0 + 0.5) / 3)
    assert figures["zero"] == pytest.approx(1 / 3)
    assert (figures["first"], figures["first_of"]) == (0, 1)
