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
as a safety net for changes made behind Django's back.

``process_value`` keeps a value in the process's own memory instead, for
values read on every request that are cheaper to hold than to unpickle
(the directories' ordered rows); ``public_values`` reads many values of one
kind in one cache call (the cards of a directory page)."""

import threading
import time
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


def public_values(name, keys, build):
    """``{key: value}`` for each of ``keys``, as ``public_value`` keeps them
    (``name:key`` per value), read in one cache call; those not kept yet are
    built together by ``build(missing keys)``, which returns ``{key: value}``
    (a key it leaves out is not found: it is not kept)."""
    prefix = f"portal:public:{catalogue_cache_version()}:{name}:"
    found = cache.get_many([f"{prefix}{key}" for key in keys])
    values = {key: found[f"{prefix}{key}"] for key in keys if f"{prefix}{key}" in found}
    missing = [key for key in keys if key not in values]
    if missing:
        built = {key: value for key, value in build(missing).items() if value is not None}
        cache.set_many({f"{prefix}{key}": value for key, value in built.items()}, TIMEOUT)
        values.update(built)
    return values


_process_values = {}
_process_lock = threading.Lock()
# Values of a process are dropped with their version; at most this many kept.
PROCESS_VALUES = 256


def process_value(name, build):
    """``build()``, kept in this process's memory for the current public
    version (and at most ``TIMEOUT`` seconds): no cache read and no
    unpickling, for values read on every request. The value is shared by the
    requests of the process: it must not be changed."""
    version = catalogue_cache_version()
    now = time.monotonic()
    kept = _process_values.get(name)
    if kept is not None and kept[0] == version and now - kept[1] < TIMEOUT:
        return kept[2]
    value = build()
    with _process_lock:
        if len(_process_values) >= PROCESS_VALUES or any(v[0] != version for v in _process_values.values()):
            for key in [key for key, kept in _process_values.items() if kept[0] != version]:
                del _process_values[key]
            if len(_process_values) >= PROCESS_VALUES:
                _process_values.clear()
        _process_values[name] = (version, now, value)
    return value
