"""The public version: one token for everything the public site shows.

Publishing, unpublishing, moving or deleting a page, or changing a row that a
public page shows, gives it a new value (``search.signals``, ``portal.apps``).
Page caches key their entries by it (``search.page_cache``,
``portal.middleware``), and so does ``public_value``: values every public page
needs that change only with the version (the site, view restrictions,
reference tables, headline figures) are read from the database once per
version instead of once per request.

The version is kept in the cache itself. It is a random token rather than a
counter, so that a cleared cache can never bring back an old version. With
several processes the cache must be shared (Redis, ``REDIS_URL``) for a new
version to reach every process; values also expire after ``TIMEOUT`` seconds
as a safety net for changes made behind Django's back."""

import uuid

from django.core.cache import cache
from django.db import transaction

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
    """Give the public version a new value now (this transaction sees its own
    change at once) and again when the transaction commits (so that another
    process cannot rebuild from the database before the change is visible and
    keep the result under the new version)."""
    _new_version()
    transaction.on_commit(_new_version)


def public_value(name, build):
    """``build()``, read once per public version: the value is kept in the
    cache under the current version, so the first request after a change
    reads the database again. For values that only change when the version
    does; ``name`` tells them apart (and must say all ``build`` depends on).
    ``None`` is not kept (nothing found is looked for again), so that
    requests for things that do not exist cannot fill the cache."""
    key = f"portal:public:{catalogue_cache_version()}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        if value is not None:
            cache.set(key, value, TIMEOUT)
    return value
