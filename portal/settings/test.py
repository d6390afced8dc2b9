"""The test suite: fast hashing, in-memory mail, plain static storage."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private-media"  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
RATE_LIMIT_CACHE = ""  # the database counters; tests/partners/test_rate_limits.py runs them on Redis too
# The mail worker runs each task in the process that queues it (tests that
# need a real queue switch immediate mode off: tests/partners/conftest.py).
HUEY = {"huey_class": "huey.MemoryHuey", "name": "portal-test", "immediate": True, "results": False}
