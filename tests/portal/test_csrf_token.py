"""The CSRF token a page from the cache carries (``portal.http_cache.csrf_token``):
what Django's ``get_token`` gives, accepted and refused by Django's own CSRF
middleware as its tokens are, each character drawn without bias, and a form
sent from a cached page stored."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

from django.http import HttpResponse
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_SECRET_LENGTH,
    CsrfViewMiddleware,
    _unmask_cipher_token,
)
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

import pytest

from partners.models import Enquiry
from portal import http_cache
from portal.http_cache import csrf_token
from portal.site_tree import ensure_site_tree
from tests.app_servers import app_servers, settings_env
from tests.factories import ProgrammePageFactory, SchoolPageFactory
from tests.partners.test_enquiries import VALID
from tests.partners.test_mail_worker import ON_POSTGRESQL, _database_url

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
COOKIE = "a" * CSRF_SECRET_LENGTH


def _middleware():
    return CsrfViewMiddleware(lambda request: HttpResponse())


def _get(cookie=None):
    request = RequestFactory().get("/en/", **({"HTTP_COOKIE": f"csrftoken={cookie}"} if cookie else {}))
    _middleware().process_request(request)
    return request


def _post_accepted(cookie, token):
    request = RequestFactory().post("/en/", {"csrfmiddlewaretoken": token}, HTTP_COOKIE=f"csrftoken={cookie}")
    middleware = _middleware()
    middleware.process_request(request)
    return middleware.process_view(request, lambda request: HttpResponse(), (), {}) is None


def test_a_new_visitor_gets_a_new_secret_as_cookie_and_a_token_django_accepts():
    request = _get()
    token = csrf_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert len(secret) == CSRF_SECRET_LENGTH and len(token) == 2 * CSRF_SECRET_LENGTH
    assert set(secret + token) <= set(CSRF_ALLOWED_CHARS)
    assert _unmask_cipher_token(token) == secret
    # The CSRF middleware sets the cookie on the way out.
    response = _middleware().process_response(request, HttpResponse())
    assert response.cookies["csrftoken"].value == secret
    assert _post_accepted(secret, token)


def test_a_visitor_with_a_cookie_keeps_it_and_gets_a_new_mask_each_time():
    request = _get(COOKIE)
    first, second = csrf_token(request), csrf_token(request)
    assert first != second
    assert _unmask_cipher_token(first) == _unmask_cipher_token(second) == COOKIE
    assert request.META["CSRF_COOKIE"] == COOKIE
    assert _post_accepted(COOKIE, first) and _post_accepted(COOKIE, second)


def test_a_token_changed_by_one_character_or_for_another_cookie_is_refused():
    token = csrf_token(_get(COOKIE))
    changed = token[:-1] + ("b" if token[-1] != "b" else "c")
    assert not _post_accepted(COOKIE, changed)
    assert not _post_accepted("b" * CSRF_SECRET_LENGTH, token)


def test_every_character_is_drawn_as_often():
    """620,000 characters: each of the 62 some 10,000 times (standard
    deviation about 100). Taking every byte modulo 62 would give the first
    eight characters some 12,100 each."""
    counts = Counter(http_cache._random_string(620_000))
    assert set(counts) == set(CSRF_ALLOWED_CHARS)
    assert all(9_400 < count < 10_600 for count in counts.values()), counts.most_common(3)


@pytest.mark.django_db
def test_an_enquiry_sent_from_a_page_served_from_the_cache_is_stored(home):
    school = SchoolPageFactory(title="Shenzhen Polytechnic", contact_email="intl@szpt.example.cn")
    programme = ProgrammePageFactory(parent=school, title="CNC training centre in Bangkok")
    Client().get(programme.url)  # fills the page cache
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(programme.url)
    assert page.has_header("ETag"), "served from the page cache"
    token = TOKEN.search(page.content).group(1).decode()
    with translation.override("en"):
        url = reverse("partners:enquiry", args=[school.pk])
    sent = {**VALID, "csrfmiddlewaretoken": token, "programme": programme.pk}
    assert visitor.post(url, sent).status_code == 302
    assert Enquiry.objects.get().programme_id == programme.pk
    # The same form without the visitor's cookie is refused and stores nothing.
    assert Client(enforce_csrf_checks=True).post(url, sent).status_code == 403
    assert Enquiry.objects.count() == 1


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_token_from_one_app_server_s_cached_page_is_taken_by_the_other():
    """A programme page served from one process's page cache, its form sent to
    another process: stored; the same form with a token changed by one
    character, or without the visitor's cookie, refused and not stored."""
    ensure_site_tree()
    school = SchoolPageFactory(title="Two Servers Polytechnic", contact_email="intl@servers.example.cn")
    programme = ProgrammePageFactory(parent=school, title="Welding in Hanoi")
    with translation.override("en"):
        enquiry = reverse("partners:enquiry", args=[school.pk])
    with app_servers(settings_env(DATABASE_URL=_database_url())) as (first, second):
        urllib.request.urlopen(f"http://127.0.0.1:{first}{programme.url}", timeout=60).read()  # fills its cache
        jar = http.cookiejar.CookieJar()
        visitor = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = visitor.open(f"http://127.0.0.1:{first}{programme.url}", timeout=60)
        assert page.headers["ETag"], "served from the page cache"
        token = TOKEN.search(page.read()).group(1).decode()

        def send(token, opener=visitor):
            data = urllib.parse.urlencode({**VALID, "programme": programme.pk, "csrfmiddlewaretoken": token}).encode()
            request = urllib.request.Request(f"http://127.0.0.1:{second}{enquiry}", data=data)
            try:
                return opener.open(request, timeout=60).status
            except urllib.error.HTTPError as error:
                return error.code

        changed = token[:-1] + ("b" if token[-1] != "b" else "c")
        assert send(changed) == 403
        assert send(token, urllib.request.build_opener()) == 403
        assert Enquiry.objects.filter(school=school).count() == 0
        assert send(token) == 200  # the redirect after the post, followed
    assert Enquiry.objects.get(school=school).programme_id == programme.pk
