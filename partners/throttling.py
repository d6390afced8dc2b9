"""Rate limits that every app process counts together.

A limit is a counter per key (an address, a school, an email address) that
lives for one window. With ``REDIS_URL`` the counters live in Redis, where
``add`` and ``incr`` are atomic; without it, in the database (``RateCounter``),
incremented by one conditional UPDATE. Never in a process's memory: with
several gunicorn workers each would count its own share.
"""

import datetime
import hashlib
import ipaddress
import logging

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from partners.models import RateCounter

logger = logging.getLogger(__name__)


def _ip(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _is_trusted_proxy(address):
    if address == "":
        # gunicorn on a unix socket (the production recipe): only a process on
        # this machine with rights on the socket, i.e. nginx, can connect.
        return True
    ip = _ip(address)
    if ip is None:
        return False
    for entry in settings.TRUSTED_PROXY_ADDRESSES:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_address(request):
    """The client's address. The connection's own address unless it comes from
    a trusted proxy (``TRUSTED_PROXY_ADDRESSES``); then the
    ``TRUSTED_PROXY_COUNT``-th address from the right of X-Forwarded-For, the
    one the outermost trusted proxy saw. Entries further left are whatever the
    client sent and are never read."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies and _is_trusted_proxy(remote):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies and _ip(forwarded[-proxies]) is not None:
            return forwarded[-proxies]
    return remote


def address_bucket(address):
    """What a limit per address counts: the address, or for IPv6 its /64 (one
    subscriber usually holds a whole /64 and could hop through it)."""
    ip = _ip(address)
    if ip is not None and ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return address


class RateLimit:
    """At most ``limit`` hits per ``window`` seconds for one key.

    ``reached()`` only looks; ``hit()`` counts one more and says whether it was
    within the limit, in one atomic step, so two processes never both take the
    last place."""

    def __init__(self, scope, identity, limit, window):
        digest = hashlib.sha256(str(identity).encode()).hexdigest()[:40]
        self.key = f"rate:{scope}:{digest}"
        self.limit = limit
        self.window = window

    @staticmethod
    def _cache():
        alias = getattr(settings, "RATE_LIMIT_CACHE", "")
        return caches[alias] if alias else None

    def count(self):
        cache = self._cache()
        if cache is not None:
            try:
                return cache.get(self.key) or 0
            except Exception:  # noqa: BLE001 - Redis down: the database counts meanwhile
                logger.warning("Rate limit %s: the cache cannot be reached; reading the database's count", self.key)
        counter = RateCounter.objects.filter(key=self.key, expires_at__gt=timezone.now()).first()
        return counter.count if counter else 0

    def reached(self):
        return self.count() >= self.limit

    def hit(self):
        """Count one hit; True when it is within the limit."""
        return self.increment() <= self.limit

    def increment(self):
        """Count one hit and return the count it makes, atomically. When the
        shared cache (Redis) cannot be reached, the database counts instead:
        still shared and atomic, so a visitor's enquiry is neither refused nor
        lost, and the limit still holds."""
        cache = self._cache()
        if cache is not None:
            try:
                return self._hit_cache(cache)
            except RuntimeError:
                raise
            except Exception:  # noqa: BLE001 - whichever error the cache client raises
                logger.warning("Rate limit %s: the cache cannot be reached; counting in the database", self.key)
        return self._hit_database()

    def _hit_cache(self, cache):
        for _attempt in range(5):
            cache.add(self.key, 0, timeout=self.window)
            try:
                return cache.incr(self.key)
            except ValueError:  # expired between add and incr: start again
                continue
        raise RuntimeError(f"Rate limit {self.key}: the cache keeps losing the counter.")

    def _hit_database(self):
        now = timezone.now()
        expires_at = now + datetime.timedelta(seconds=self.window)
        counters = RateCounter.objects.filter(key=self.key)
        for _attempt in range(5):
            with transaction.atomic():
                # The UPDATE holds the row until commit, so the count read
                # back is this hit's own.
                if counters.filter(expires_at__gt=now).update(count=F("count") + 1):
                    return counters.values_list("count", flat=True).get()
                # Expired: the first process to get here starts a new window.
                if counters.filter(expires_at__lte=now).update(count=1, expires_at=expires_at):
                    return 1
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=self.key, count=1, expires_at=expires_at)
                return 1
            except IntegrityError:  # another process created it first: count on it
                continue
        raise RuntimeError(f"Rate limit {self.key}: could not count.")


def delete_expired_counters():
    """Rows of windows that have ended (the database store only)."""
    deleted, _by_model = RateCounter.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted
