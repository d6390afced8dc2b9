"""A page cache for anonymous visitors of the catalogue and its API.

Entries are keyed by a version kept in the cache itself; publishing,
unpublishing, moving, deleting or saving anything the catalogue shows gives it
a new value, so every cached page is out of date at once (``search.signals``).
No cached page holds anything of one visitor: their CSRF token is put in on
the way out, and a visitor with a shortlist is never served from (or into) the
cache (``search.shortlist``).
The same version tells each process when to rebuild its facet index
(``search.facet_index``). A version is a random token rather than a counter,
so that a cleared cache can never bring back an old version. With several processes the
cache must be shared (Redis, ``REDIS_URL``) for that to reach every process;
entries also expire after ``TIMEOUT`` seconds as a safety net."""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.middleware.csrf import get_token

from portal.http_cache import CSRF_PLACEHOLDER

from .shortlist import has_shortlist_cookie

VERSION_KEY = "search:catalogue:version"
TIMEOUT = 300


def catalogue_cache_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        # A cache that keeps nothing (DummyCache) gives a new version each time:
        # always correct, never cached.
        version = cache.get(VERSION_KEY) or uuid.uuid4().hex
    return version


def _new_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def invalidate_catalogue_cache():
    """Give the catalogue a new version now (this transaction sees its own
    change at once) and again when the transaction commits (so that another
    process cannot rebuild from the database before the change is visible and
    keep the result under the new version)."""
    _new_version()
    transaction.on_commit(_new_version)


def cache_key(request, variant=""):
    """The key of one anonymous page: host, path, query string and language
    (pages hold absolute URLs of the host they were asked on)."""
    raw = f"{request.get_host()}|{request.get_full_path()}|{getattr(request, 'LANGUAGE_CODE', '')}|{variant}"
    digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
    return f"search:catalogue:{catalogue_cache_version()}:{digest}"


def cacheable(request):
    # CATALOGUE_PAGE_CACHE = False turns the cache off (the benchmark measures both).
    if not getattr(settings, "CATALOGUE_PAGE_CACHE", True):
        return False
    # A visitor with a shortlist sees their own stars: never shared.
    if has_shortlist_cookie(request):
        return False
    return request.method == "GET" and not request.user.is_authenticated


# What a cached page holds where a CSRF token goes (the star forms): each
# response gets its own visitor's token in its place, so that no visitor is
# ever served another's token and every star form works from the cache.
_CSRF_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()


def with_visitor_csrf_token(request, content):
    """``content`` (bytes) with the placeholder replaced by this request's
    CSRF token (which also sets the visitor's CSRF cookie when needed)."""
    if _CSRF_PLACEHOLDER_BYTES not in content:
        return content
    return content.replace(_CSRF_PLACEHOLDER_BYTES, get_token(request).encode())


def get_cached(request, variant=""):
    if not cacheable(request):
        return None
    return cache.get(cache_key(request, variant))


def store(request, payload, variant=""):
    if cacheable(request):
        cache.set(cache_key(request, variant), payload, TIMEOUT)
