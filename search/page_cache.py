"""A page cache for anonymous visitors of the catalogue and its API.

Entries are keyed by a version number kept in the cache itself; publishing,
unpublishing, moving or deleting any page bumps the version, so every cached
page is out of date at once (``search.signals``). With several processes the
cache must be shared (Redis, ``REDIS_URL``) for that to reach every process;
entries also expire after ``TIMEOUT`` seconds as a safety net."""

import hashlib

from django.conf import settings
from django.core.cache import cache

VERSION_KEY = "search:catalogue:version"
TIMEOUT = 300


def catalogue_cache_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


def invalidate_catalogue_cache():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def cache_key(request, variant=""):
    """The key of one anonymous page: path, query string and language."""
    raw = f"{request.get_full_path()}|{getattr(request, 'LANGUAGE_CODE', '')}|{variant}"
    digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
    return f"search:catalogue:{catalogue_cache_version()}:{digest}"


def cacheable(request):
    # CATALOGUE_PAGE_CACHE = False turns the cache off (the benchmark measures both).
    if not getattr(settings, "CATALOGUE_PAGE_CACHE", True):
        return False
    return request.method == "GET" and not request.user.is_authenticated


def get_cached(request, variant=""):
    if not cacheable(request):
        return None
    return cache.get(cache_key(request, variant))


def store(request, payload, variant=""):
    if cacheable(request):
        cache.set(cache_key(request, variant), payload, TIMEOUT)
