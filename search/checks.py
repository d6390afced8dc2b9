"""Deployment checks of the search app (``manage.py check --deploy``)."""

from django.conf import settings
from django.core import checks

PROCESS_LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@checks.register(checks.Tags.caches, deploy=True)
def shared_catalogue_version(app_configs, **kwargs):
    """The catalogue's version (``search.page_cache``) tells every app process
    that something was published: in a process-local cache, the other
    processes' facet indexes and cached pages stay out of date for up to five
    minutes after a change."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PROCESS_LOCAL_CACHES:
        return [
            checks.Warning(
                "The default cache is local to each process, so a programme published through one app server "
                "shows on the others' catalogue only after up to five minutes.",
                hint="Set REDIS_URL so that all app processes share the cache.",
                id="search.W001",
            )
        ]
    return []
