"""Admin hooks of the portal's shared parts. Wagtail imports each app's
``wagtail_hooks``; the language notices register theirs on import."""

from portal.languages import admin  # noqa: F401
