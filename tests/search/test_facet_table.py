"""Adding a facet is adding a row to ``programmes.facts`` (and a column to the
model, and a translation of its label): the catalogue, its query string, the
API, the facet index and the Elasticsearch request follow with no other
change."""

import pytest

from programmes import facts
from search.engines.elasticsearch import build_search
from search.parameters import CatalogueQuery
from search.service import search_catalogue
from tests.factories import ProgrammePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def duration_facet():
    """A facet over a column the model already has (``duration``)."""
    fact = facts.Fact("duration_text", "Duration", "duration")
    facet = facts.Facet("duration", "Duration", "duration_text", lambda value: True, lambda values: {})
    facts.FACTS.append(fact)
    facts.FACTS_BY_KEY[fact.key] = fact
    facts.FACETS.append(facet)
    facts.FACETS_BY_KEY[facet.key] = facet
    yield facet
    facts.FACTS.remove(fact)
    del facts.FACTS_BY_KEY[fact.key]
    facts.FACETS.remove(facet)
    del facts.FACETS_BY_KEY[facet.key]


@pytest.mark.usefixtures("duration_facet")
def test_a_facet_added_to_the_table_reaches_the_catalogue_the_api_and_elasticsearch(home, client):
    ProgrammePageFactory(title="Short welding course", duration="6 weeks", slug="short")
    ProgrammePageFactory(title="Long welding course", duration="1 year", slug="long")

    results = search_catalogue(filters={"duration": ["6 weeks"]})
    assert [entry.title for entry in results.programmes] == ["Short welding course"]
    assert {value.value: value.count for value in results.facet("duration").values} == {"6 weeks": 1, "1 year": 1}

    page = client.get("/en/programmes/", {"duration": "1 year"}).content.decode()
    assert "Long welding course" in page and "Short welding course" not in page

    api = client.get("/api/v1/search/", {"duration": "1 year"}).json()
    assert [result["title"] for result in api["results"]] == ["Long welding course"]
    assert {value["value"] for value in api["facets"]["duration"]} == {"6 weeks", "1 year"}

    body = build_search(CatalogueQuery(filters={"duration": ["1 year"]}), "en")._s.to_dict()
    assert body["post_filter"] == {"terms": {"duration": ["1 year"]}}
    assert "_filter_duration" in body["aggs"]
