"""Hooks of the portal's shared parts. Wagtail imports each app's
``wagtail_hooks``; the language notices register theirs on import."""

from wagtail import hooks

from portal.http_cache import allow_public_cache
from portal.languages import admin  # noqa: F401


@hooks.register("before_serve_page")
def cache_public_pages(page, request, *args):
    """A page without view restrictions is the same for every anonymous
    visitor: the page cache may keep it (``portal.middleware``)."""
    if request.method in ("GET", "HEAD") and not page.get_view_restrictions().exists():
        allow_public_cache(request)
