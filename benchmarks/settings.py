"""Settings of the benchmark server: the portal as in production (DEBUG off,
the same middleware and cache), over plain HTTP on 127.0.0.1, with one extra
URL, a minimal Django view, as the ceiling."""

from portal.settings.base import *  # noqa: F403
from portal.settings.base import _env_bool

DEBUG = False
SECRET_KEY = "benchmark-only-key"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "benchmarks.urls"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# BENCHMARK_CACHE=0 measures every page without the anonymous page caches:
# neither the shared page cache nor the page HTML each process keeps.
CATALOGUE_PAGE_CACHE = PAGE_CACHE = PAGE_HTML_KEPT = _env_bool("BENCHMARK_CACHE", True)
# Bulk generation indexes pages itself; per-save indexing would only slow it.
# Each response names its worker, so that run.py warms every worker up.
MIDDLEWARE = ["benchmarks.middleware.WorkerHeaderMiddleware", *MIDDLEWARE]  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
