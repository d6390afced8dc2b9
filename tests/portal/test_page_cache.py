"""The page cache of anonymous visitors (``portal.middleware.PublicPageCacheMiddleware``):
a public page is served from the cache until what it shows is published,
unpublished, moved or deleted, never across visitors' tokens or sessions, and
with validators a browser or proxy can revalidate."""

import re

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import BatchFactory, BatchSelectionFactory, ProgrammePageFactory, SchoolPageFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def school(home):
    school = SchoolPageFactory(title="Shenzhen Polytechnic University", title_zh_hans="深圳职业技术大学")
    ProgrammePageFactory(parent=school, title="CNC training centre in Bangkok")
    return school


def get(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def test_a_second_visit_is_served_from_the_cache_without_a_query(client, school):
    first, first_queries = get(client, school.url)
    second, second_queries = get(client, school.url)
    assert first.status_code == second.status_code == 200
    assert first_queries > 0
    assert second_queries == 0
    assert b"Shenzhen Polytechnic University" in second.content


def test_publishing_a_change_shows_at_once(client, school):
    client.get(school.url)
    school.title = "Shenzhen Polytechnic University of Technology"
    school.save_revision().publish()
    response, queries = get(client, school.url)
    assert b"Shenzhen Polytechnic University of Technology" in response.content
    assert queries > 0


def test_a_draft_changes_nothing_cached(client, school):
    client.get(school.url)
    school.title = "A draft title nobody may see yet"
    school.save_revision()
    response, queries = get(client, school.url)
    assert b"A draft title nobody may see yet" not in response.content
    assert queries == 0


def test_unpublishing_and_deleting_take_the_page_away(client, school, home):
    programme = school.get_children().get().specific
    url = programme.url
    assert client.get(url).status_code == 200
    programme.unpublish()
    assert client.get(url).status_code == 404
    programme.save_revision().publish()
    assert client.get(url).status_code == 200
    programme.delete()
    assert client.get(url).status_code == 404


def test_moving_a_page_changes_the_pages_that_list_it(client, home):
    first = SchoolPageFactory(title="First school")
    second = SchoolPageFactory(title="Second school")
    programme = ProgrammePageFactory(parent=first, title="Welding centre in Hanoi")
    assert b"Welding centre in Hanoi" in client.get(first.url).content
    programme.move(second, pos="last-child")
    assert b"Welding centre in Hanoi" not in client.get(first.url).content
    assert b"Welding centre in Hanoi" in client.get(second.url).content


def test_every_visitor_gets_their_own_csrf_token(school):
    programme = school.get_children().get().specific
    tokens = set()
    for _visitor in range(2):
        visitor = Client()
        response = visitor.get(programme.url)
        assert b"csrf-token-of-this-visitor" not in response.content
        found = TOKEN.findall(response.content)
        assert found, "the enquiry form has a token"
        tokens.update(found)
        assert "csrftoken" in response.cookies
    assert len(tokens) == 2


def test_a_cached_page_accepts_its_form(school):
    """The token a visitor got from a cached page is accepted when they send the form."""
    programme = school.get_children().get().specific
    Client().get(programme.url)  # fills the cache
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(programme.url)
    token = TOKEN.search(page.content).group(1).decode()
    response = visitor.post(programme.url, {"csrfmiddlewaretoken": token})
    assert response.status_code != 403


def test_a_signed_in_editor_never_gets_the_anonymous_page(client, school):
    client.get(school.url)
    editor = Client()
    editor.force_login(get_user_model().objects.create_superuser("admin", "admin@example.com", "pw"))
    school.title = "Changed under the cache"
    school.save_revision()  # a draft: the anonymous page stays cached
    response = editor.get(school.url)
    assert response.status_code == 200
    # Rendered for the editor, not answered from (nor stored in) the page
    # cache, which sets validators on whatever it serves; whether rendering
    # still costs queries is not the point (per-version values may need none).
    assert not response.has_header("ETag")
    assert client.get(school.url).has_header("ETag")


def test_a_restricted_page_is_never_cached(client, school):
    PageViewRestriction.objects.create(page=school, restriction_type="password", password="secret")
    first = client.get(school.url)
    assert b"Shenzhen Polytechnic University</h1>" not in first.content
    _response, queries = get(client, school.url)
    assert queries > 0


def test_validators_let_a_browser_revalidate(client, school):
    first = client.get(school.url)
    etag = first["ETag"]
    assert "max-age=0" in first["Cache-Control"]
    assert first["Last-Modified"]
    again, queries = get(client, school.url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert queries == 0
    school.title = "Renamed"
    school.save_revision().publish()
    assert client.get(school.url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_page_holds_the_urls_of_the_host_it_was_asked_on(home, school, settings):
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    one = Client(HTTP_HOST="one.example").get(school.url)
    two = Client(HTTP_HOST="two.example").get(school.url)
    assert b"one.example" in one.content and b"two.example" not in one.content
    assert b"two.example" in two.content and b"one.example" not in two.content


def test_the_progress_page_follows_selections(client, school):
    batch = BatchFactory(number=1)
    before = client.get("/en/progress/").content
    _response, queries = get(client, "/en/progress/")
    assert queries == 0
    BatchSelectionFactory(batch=batch, school=school)
    after, queries = get(client, "/en/progress/")
    assert queries > 0
    assert after.content != before


def test_a_proxy_in_front_is_told_to_purge_a_published_page(school, settings, monkeypatch):
    """With ``FRONTEND_CACHE_PURGE_URL`` set, Wagtail's frontend cache app
    sends the proxy a purge of the page's URL in every language."""
    from wagtail.contrib.frontend_cache.backends import HTTPBackend

    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://127.0.0.1:9"}
    }
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = [code for code, _name in settings.LANGUAGES]
    purged = []
    monkeypatch.setattr(HTTPBackend, "purge", lambda backend, url: purged.append(url))
    school.title = "Renamed for the proxy"
    school.save_revision().publish()
    paths = {url.split("://", 1)[1].split("/", 1)[1] for url in purged}
    for code, _name in settings.LANGUAGES:
        assert any(path.startswith(f"{code}/") and school.slug in path for path in paths), (code, purged)


NONCE = re.compile(rb'nonce="([^"]+)"')


@pytest.mark.parametrize("path", ["school", "programme"])
def test_a_cached_page_carries_the_nonce_of_its_own_policy(client, school, path):
    """Inline scripts of a page from the cache run: each response's nonce is
    the one its Content-Security-Policy names, and no two responses share one."""
    url = school.url if path == "school" else school.get_children().get().url
    seen = set()
    for _visit in range(3):
        response = Client().get(url)
        nonces = set(NONCE.findall(response.content))
        assert b"csp-nonce-of-this-response" not in response.content
        assert len(nonces) == 1, nonces
        nonce = nonces.pop().decode()
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        seen.add(nonce)
    assert len(seen) == 3
