"""One process counting hits on a shared rate limit, for
tests/partners/test_rate_limits.py, which starts two at once.

    python -m tests.partners.counter_process create-table
    python -m tests.partners.counter_process count KEY TIMES

Prints the counts its hits made, one per line. The store is the database of
DATABASE_URL, or Redis when RATE_LIMIT_REDIS_URL is set."""

import os
import sys


def main(argv):
    import django

    django.setup()
    from django.db import connection
    from django.test import override_settings

    from partners.models import RateCounter
    from partners.throttling import RateLimit

    if argv[0] == "create-table":
        with connection.schema_editor() as editor:
            editor.create_model(RateCounter)
        return
    key, times = argv[1], int(argv[2])
    overrides = {}
    if os.environ.get("RATE_LIMIT_REDIS_URL"):
        overrides = {
            "CACHES": {
                "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
                "rate": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": os.environ["RATE_LIMIT_REDIS_URL"]},
            },
            "RATE_LIMIT_CACHE": "rate",
        }
    with override_settings(**overrides):
        limit = RateLimit("test", key, limit=1000, window=600)
        for _ in range(times):
            print(limit.increment(), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
