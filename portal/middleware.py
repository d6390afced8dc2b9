"""Language negotiation for the public site only, input no view should see,
and the page cache of anonymous visitors."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.http.request import split_domain_port
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext, gettext_noop

from wagtail.models import Site
from wagtail.views import serve as serve_page

from portal.fragments import shared_value
from portal.http_cache import CSRF_PLACEHOLDER, VARIANT_HEADERS, is_allowed, mark_candidate, personalize
from portal.languages import LANGUAGE_CODES
from portal.public_version import catalogue_cache_version
from search.shortlist import SHORTLIST_COOKIE

# URLs outside the language prefix: a 404 there must stay a 404, not become a
# redirect to /en/admin/… (LocaleMiddleware would otherwise try a prefix).
UNPREFIXED = ("/admin/", "/django-admin/", "/api/", "/documents/", "/static/", "/media/", "/i18n/")


class PortalLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware that leaves the admin, APIs and files alone."""

    def process_response(self, request, response):
        if request.path.startswith(UNPREFIXED):
            response.headers.setdefault("Content-Language", getattr(request, "LANGUAGE_CODE", "en"))
            return response
        return super().process_response(request, response)


NUL_MESSAGE = gettext_noop("The link you followed contains characters the portal does not accept. Nothing was changed.")


class RejectNulBytesMiddleware:
    """A NUL byte in the path or the query string is a 400 page in the reader's
    language, before any view runs: PostgreSQL refuses NUL in text, so a
    filter value like ``?province=%00`` would otherwise end as a server error
    in whichever view first puts it into a query. Form fields refuse NUL on
    their own (Django's ``ProhibitNullCharactersValidator``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            if request.path.startswith("/api/"):
                return JsonResponse({"error": gettext(NUL_MESSAGE)}, status=400)
            return render(request, "400.html", {"message": gettext(NUL_MESSAGE)}, status=400)
        return self.get_response(request)


class PublicPageCacheMiddleware:
    """Serves anonymous visitors of public pages from a shared cache.

    A request may use the cache when it is a GET or HEAD of the public site by
    a visitor with no session, no shortlist and no pending message: everyone
    in that state sees the same page at the same URL. Its response is stored
    only when the view said so (``portal.http_cache.allow_public_cache``: a
    Wagtail page without view restrictions, the progress page, the site
    search) and it is a 200 HTML page that sets no cookie of its own.

    Entries are keyed by host, full path, language and the public version
    (``search.page_cache``), which publishing, unpublishing, moving, deleting
    or changing anything a public page shows replaces: every entry is then out
    of date at once, in every process that shares the cache (Redis when
    ``REDIS_URL`` is set); ``PAGE_CACHE_TIMEOUT`` is a safety net. Where the
    page holds a CSRF token it holds a placeholder, replaced by each visitor's
    own token on the way out, and it is then ``private`` to browsers.

    Every such response carries an ``ETag`` and ``Last-Modified`` and
    ``Cache-Control: max-age=0, must-revalidate`` (plus ``s-maxage`` for a
    proxy when ``PAGE_CACHE_SHARED_MAX_AGE`` is set), so a browser or a proxy
    revalidates with a conditional request that costs one cache read.

    It sits inside the CSRF, session and security middleware, so that a page
    from the cache gets the same headers and cookies as a fresh one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_page_cache(request):
            return self.get_response(request)
        mark_candidate(request)
        key = _page_cache_key(request)
        entry = cache.get(key)
        if entry is not None:
            return _answer(request, entry)
        response = self.get_response(request)
        if is_allowed(request) and _storable(response):
            entry = {
                "content": response.content,
                "content_type": response["Content-Type"],
                "etag": quote_etag(hashlib.sha256(response.content).hexdigest()[:32]),
                "last_modified": time.time(),
                # The request headers it varies on besides the cookie (``portal.http_cache.VARIANT_HEADERS``).
                "vary": response.get("Vary", ""),
            }
            cache.set(key, entry, settings.PAGE_CACHE_TIMEOUT)
            _set_validators(response, entry)
        if not response.streaming:
            response.content = personalize(request, response.content)
        return response


def _may_use_page_cache(request):
    if not getattr(settings, "PAGE_CACHE", True) or request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(UNPREFIXED):
        return False
    cookies = request.COOKIES
    return not any(name in cookies for name in (settings.SESSION_COOKIE_NAME, SHORTLIST_COOKIE, "messages"))


def _page_cache_key(request):
    variant = "".join(f"|{name}" for name in VARIANT_HEADERS if name in request.META)
    raw = f"{request.get_host()}|{request.get_full_path()}|{getattr(request, 'LANGUAGE_CODE', '')}{variant}"
    digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
    return f"portal:page:{catalogue_cache_version()}:{digest}"


def _storable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
    )


def _set_validators(response, entry):
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["last_modified"])
    shared_max_age = getattr(settings, "PAGE_CACHE_SHARED_MAX_AGE", 0)
    if CSRF_PLACEHOLDER.encode() in entry["content"]:
        patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
    elif shared_max_age:
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True, s_maxage=shared_max_age)
    else:
        patch_cache_control(response, max_age=0, must_revalidate=True)


def _answer(request, entry):
    # A browser or proxy that holds this version gets a 304 with no body.
    response = get_conditional_response(request, etag=entry["etag"], last_modified=int(entry["last_modified"]))
    if response is None:
        response = HttpResponse(personalize(request, entry["content"]), content_type=entry["content_type"])
    if entry.get("vary"):
        response["Vary"] = entry["vary"]
    _set_validators(response, entry)
    return response


class CachedSiteMiddleware:
    """Gives the public site's views (Wagtail's page view, the catalogue, the
    site search, the progress page…) the request's site, with its root page
    already in the root page's own class, from ``shared_value``: Wagtail
    would read both from the database for every page served, and once per
    request for the links to pages other views show
    (``Site.find_for_request`` keeps what it found on the request only). A
    site, or its home page, changing gives the public version a new value
    (``portal.apps``, ``search.signals``). Views outside the language prefix
    (the admin, robots.txt, the sitemap…) find their site as Wagtail does,
    if they need one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, _view_args, _view_kwargs):
        if view_func is serve_page or request.path.split("/", 2)[1] in LANGUAGE_CODES:
            hostname = split_domain_port(request.get_host())[0]
            port = request.get_port()
            site = shared_value(request, "site", f"{hostname}:{port}", lambda: _site_with_root(request))
            request._wagtail_site = site


def _site_with_root(request):
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    return site
