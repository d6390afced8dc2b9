"""Any query string and any facet or page parameter gives a normal page or a
400 with a message, never a server error (hypothesis)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.text import query_terms
from tests.factories import ProgrammePageFactory

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    '"',
    "'; DROP TABLE wagtailcore_page; --",
    "title:(cnc OR 数控)^3 AND NOT x~2 \\ / * ?",
    "NEAR(a b) AND OR NOT",
    "\x00\x01\x1f\x7f",
    "a" * 10_000,
    "数控 CNC Mécanique ميكانيكا механика ＣＮＣ",
    "!!!???...",
    "\ud800",
]
query_text = st.one_of(st.sampled_from(NASTY), st.text(max_size=300))
param_key = st.sampled_from(
    [
        "q",
        "page",
        "sort",
        "field",
        "subfield",
        "type",
        "continent",
        "country",
        "language",
        "level",
        "status",
        "region",
        "province",
        "batch",
        "recognition",
        "partner_country",
        "lang",
        "other",
    ]
)
param_value = st.one_of(
    st.sampled_from(
        [
            "",
            "-1",
            "0",
            "1",
            "99999999999999999999",
            "FR",
            "fr",
            "higher",
            "europe",
            "07",
            "071",
            "CN-GD",
            "1e3",
            "relevance",
            "name",
        ]
    ),
    st.text(max_size=40),
)
params = st.lists(st.tuples(param_key, param_value), max_size=8)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def catalogue(home):
    ProgrammePageFactory(title="CNC technology", title_zh_hans="数控技术海外培训", slug="cnc")
    return home


def _get(client, path, pairs):
    from urllib.parse import quote

    query = "&".join(
        f"{quote(k, safe='')}={quote(v, safe='', errors='surrogatepass') if isinstance(v, str) else v}"
        for k, v in pairs
    )
    return client.get(f"{path}?{query}")


def _safe_pairs(pairs):
    return [(k, v.encode("utf-8", "replace").decode("utf-8")) for k, v in pairs]


@SETTINGS
@given(text=query_text, pairs=params)
def test_catalogue_never_fails(client, catalogue, text, pairs):
    response = _get(client, "/en/programmes/", _safe_pairs([("q", text), *pairs]))
    assert response.status_code in (200, 400)


@SETTINGS
@given(text=query_text)
def test_search_page_never_fails(client, catalogue, text):
    response = _get(client, "/zh-hans/search/", _safe_pairs([("q", text)]))
    assert response.status_code in (200, 400)


@SETTINGS
@given(text=query_text, pairs=params)
def test_api_never_fails(client, catalogue, text, pairs):
    response = _get(client, "/api/v1/search/", _safe_pairs([("q", text), *pairs]))
    assert response.status_code in (200, 400)
    assert response.json()


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=500))
def test_query_terms_are_plain_words(text):
    for term in query_terms(text):
        assert term and all(ch.isalnum() for ch in term)
