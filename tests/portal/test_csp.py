"""Every response carries a Content-Security-Policy that allows this host only:
strict on the public site (inline code only with the request's nonce), looser
for inline styles in the Wagtail admin; and the other headers production sends.
The browser side (no violation reported while pages and the editor load) is in
tests/browser/test_csp.py."""

import re

from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.views.defaults import server_error

import pytest
from bs4 import BeautifulSoup
from csp.constants import NONCE
from csp.middleware import CSPMiddleware

from portal.security import PortalCSPMiddleware, inline_style_hashes
from tests.editor_accounts import superuser
from tests.factories import ProgrammePageFactory


def policy(response):
    """The policy as ``{directive: [sources]}``."""
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_this_host_only(directives):
    for name, sources in directives.items():
        for source in sources:
            assert source.startswith("'") or source in ("data:", "blob:"), (name, source)


def test_public_page_policy_is_strict_and_its_json_ld_carries_the_nonce(client, home):
    programme = ProgrammePageFactory()
    response = client.get(programme.url)
    assert response.status_code == 200
    directives = policy(response)
    assert_this_host_only(directives)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in directives["script-src"] + directives["style-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    (nonce_source,) = [source for source in directives["script-src"] if source.startswith("'nonce-")]

    soup = BeautifulSoup(response.content, "html.parser")
    scripts = soup.find_all("script")
    assert scripts, "the page has its JSON-LD"
    for script in scripts:
        # Inline code runs only with this response's nonce; files come from this host.
        if script.get("src"):
            assert script["src"].startswith("/"), script["src"]
        else:
            assert f"'nonce-{script['nonce']}'" == nonce_source
    assert not soup.find_all("style")
    assert not soup.select("[style]"), "no inline style attribute: the policy would block it"
    assert not re.search(rb"\son[a-z]+=", response.content), "no inline event handler"


def test_each_response_gets_its_own_nonce(client, home):
    programme = ProgrammePageFactory()
    first, second = (policy(client.get(programme.url))["script-src"] for _ in range(2))
    assert first != second


def test_catalogue_and_home_page_have_no_inline_code_the_policy_would_block(client, home):
    for url in (home.url, reverse("search:catalogue")):
        response = client.get(url)
        assert response.status_code == 200, url
        soup = BeautifulSoup(response.content, "html.parser")
        assert not soup.select("[style]"), url
        assert all(script.get("src") or script.get("nonce") for script in soup.find_all("script")), url


def test_admin_policy_allows_inline_code_but_no_other_host(client, home):
    """Wagtail 8's admin writes inline scripts without a nonce (wagtail/wagtail#1288)."""
    client.force_login(superuser())
    response = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk]))
    assert response.status_code == 200
    directives = policy(response)
    assert_this_host_only(directives)
    assert "'unsafe-inline'" in directives["style-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["frame-ancestors"] == ["'self'"]


def test_other_security_headers(client, home):
    response = client.get(home.url)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in permissions


def test_api_and_error_pages_carry_the_policy(client, home):
    for url in (reverse("api-search"), "/en/no-such-page/"):
        assert policy(client.get(url))["default-src"] == ["'self'"], url


def test_server_error_page_style_is_allowed_by_its_hash(settings):
    """The 500 page is rendered without a request context (so without a
    nonce): its inline style is allowed by hash, and the hash follows the template."""
    hashes = inline_style_hashes(settings.BASE_DIR / "portal" / "templates" / "500.html")
    assert hashes
    request = RequestFactory().get("/en/")
    response = PortalCSPMiddleware(server_error)(request)
    assert response.status_code == 500
    assert re.search(rb"<style>(.*?)</style>", response.content, re.DOTALL)
    for source in hashes:
        assert source in policy(response)["style-src"]


class _DjangoCSP(PortalCSPMiddleware):
    """The portal's policies as django-csp itself writes them for each response."""

    process_response = CSPMiddleware.process_response


def _headers(middleware_class, path, nonce, **attributes):
    request = RequestFactory().get(path)
    middleware = middleware_class(lambda request: HttpResponse())
    middleware.process_request(request)
    if nonce:
        request._csp_nonce = nonce
    response = HttpResponse()
    for name, value in attributes.items():
        setattr(response, name, value)
    middleware.process_response(request, response)
    return {name: value for name, value in response.headers.items() if "Security-Policy" in name}


@pytest.mark.parametrize("path", ["/en/programmes/", "/admin/pages/", "/django-admin/"])
@pytest.mark.parametrize("report_only", [False, True])
@pytest.mark.parametrize(
    "attributes",
    [{}, {"_csp_update": {"img-src": ["https://maps.example"]}}, {"_csp_exempt": True}],
    ids=["settings", "view's own policy", "exempt"],
)
def test_the_policies_written_once_are_what_django_csp_writes_for_each_response(path, report_only, attributes):
    report_only_policy = {"DIRECTIVES": {"default-src": ["'self'"], "script-src": [NONCE]}} if report_only else None
    with override_settings(CONTENT_SECURITY_POLICY_REPORT_ONLY=report_only_policy):
        for nonce in ("first-nonce", "second-nonce", None):
            ours = _headers(PortalCSPMiddleware, path, nonce, **attributes)
            assert ours == _headers(_DjangoCSP, path, nonce, **attributes)
            exempt = "_csp_exempt" in attributes
            assert ("Content-Security-Policy" in ours) is not exempt
            assert ("Content-Security-Policy-Report-Only" in ours) is report_only
            if nonce and path.startswith("/en/") and not exempt:
                assert f"'nonce-{nonce}'" in ours["Content-Security-Policy"]


def test_a_changed_setting_gives_the_changed_policy():
    before = _headers(PortalCSPMiddleware, "/en/", "n")["Content-Security-Policy"]
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'none'"]}}):
        assert _headers(PortalCSPMiddleware, "/en/", "n")["Content-Security-Policy"] == "default-src 'none'"
    assert _headers(PortalCSPMiddleware, "/en/", "n")["Content-Security-Policy"] == before
    assert "default-src 'self'" in before
