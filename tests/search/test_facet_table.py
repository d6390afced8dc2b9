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
def currency_facet():
    """A facet over a column the model already has (``fee_currency``)."""
    fact = facts.Fact("currency_code", "Currency", "fee_currency")
    facet = facts.Facet("currency", "Currency", "currency_code", lambda value: True, lambda values: {})
    facts.FACTS.append(fact)
    facts.FACTS_BY_KEY[fact.key] = fact
    facts.FACETS.append(facet)
    facts.FACETS_BY_KEY[facet.key] = facet
    yield facet
    facts.FACTS.remove(fact)
    del facts.FACTS_BY_KEY[fact.key]
    facts.FACETS.remove(facet)
    del facts.FACETS_BY_KEY[facet.key]


@pytest.mark.usefixtures("currency_facet")
def test_a_facet_added_to_the_table_reaches_the_catalogue_the_api_and_elasticsearch(home, client):
    fees = {"fee_kind": "paid", "fee_amount": 900}
    ProgrammePageFactory(title="Short welding course", fee_currency="EUR", slug="short", **fees)
    ProgrammePageFactory(title="Long welding course", fee_currency="USD", slug="long", **fees)

    results = search_catalogue(filters={"currency": ["EUR"]})
    assert [entry.title for entry in results.programmes] == ["Short welding course"]
    assert {value.value: value.count for value in results.facet("currency").values} == {"EUR": 1, "USD": 1}

    page = client.get("/en/programmes/", {"currency": "USD"}).content.decode()
    assert "Long welding course" in page and "Short welding course" not in page

    api = client.get("/api/v1/search/", {"currency": "USD"}).json()
    assert [result["title"] for result in api["results"]] == ["Long welding course"]
    assert {value["value"] for value in api["facets"]["currency"]} == {"EUR", "USD"}

    body = build_search(CatalogueQuery(filters={"currency": ["USD"]}), "en")._s.to_dict()
    assert body["post_filter"] == {"terms": {"currency": ["USD"]}}
    assert "_filter_currency" in body["aggs"]
