"""A cache of the catalogue's JSON API for anonymous visitors (the catalogue's
pages are kept by ``portal.middleware.PublicPageCacheMiddleware`` as every
public page).

Entries are keyed by the public version (``portal.public_version``, kept in
the cache itself); publishing, unpublishing, moving, deleting or saving
anything the catalogue shows gives it a new value, so every cached page is out
of date at once (``search.signals``).
A visitor with a shortlist is never served from (or into) the cache
(``search.shortlist``).
The same version tells each process when to rebuild its facet index
(``search.facet_index``). A version is a random token rather than a counter,
so that a cleared cache can never bring back an old version. With several processes the
cache must be shared (Redis, ``REDIS_URL``) for that to reach every process;
entries also expire after ``TIMEOUT`` seconds as a safety net."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from portal.public_version import catalogue_cache_version, invalidate_catalogue_cache  # noqa: F401 (imported from here too)

from .shortlist import has_shortlist_cookie

TIMEOUT = 300


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


def get_cached(request, variant=""):
    if not cacheable(request):
        return None
    return cache.get(cache_key(request, variant))


def store(request, payload, variant=""):
    if cacheable(request):
        cache.set(cache_key(request, variant), payload, TIMEOUT)
