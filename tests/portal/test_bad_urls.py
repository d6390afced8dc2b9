"""Addresses no view should see: a NUL byte anywhere in the path or the query
string is a 400 page in the reader's language, on SQLite and PostgreSQL alike,
never a server error."""

import pytest

pytestmark = pytest.mark.django_db

URLS = [
    "/en/schools/?province=%00",
    "/en/schools/?region=east%00",
    "/en/partners/?country=%00",
    "/en/partners/?kind=%00&page=1",
    "/en/programmes/?country=%00",
    "/en/search/?q=%00",
    "/en/schools/%00/",
]


@pytest.mark.parametrize("url", URLS)
def test_nul_byte_in_a_filter_value_or_path_is_a_clear_400(client, home, url):
    response = client.get(url)
    assert response.status_code == 400
    assert b"not valid" in response.content


def test_the_400_page_is_in_the_readers_language(client, home):
    response = client.get("/fr/partners/?country=%00")
    assert response.status_code == 400
    body = response.content.decode()
    assert 'lang="fr"' in body and "L’adresse n’est pas valide" in body


def test_the_api_answers_a_nul_byte_with_a_json_400(client, home):
    response = client.get("/api/v1/search/?q=a%00b&lang=fr")
    assert response.status_code == 400
    assert "error" in response.json()
