"""Which public responses every anonymous visitor may be served from the page
cache (``portal.middleware.PublicPageCacheMiddleware``).

A view opts in by calling ``allow_public_cache(request)`` while it answers:
Wagtail pages without view restrictions do (``portal.wagtail_hooks``), and so
does any public view whose page is the same for every anonymous visitor. The
middleware decides which requests may use the cache at all (anonymous, no
session, no shortlist, no messages); a view never needs to know."""

# Where a cacheable response holds a CSRF token, it holds this instead; every
# response (from the cache or not) carries its own visitor's token in its place.
CSRF_PLACEHOLDER = "csrf-token-of-this-visitor"

_ALLOWED = "_public_cache_allowed"
_CANDIDATE = "_public_cache_candidate"


def allow_public_cache(request):
    """This response is the same for every anonymous visitor of this URL."""
    setattr(request, _ALLOWED, True)


def is_allowed(request):
    return getattr(request, _ALLOWED, False)


def mark_candidate(request):
    setattr(request, _CANDIDATE, True)


def is_candidate(request):
    """The request may be answered from the cache and its response stored."""
    return getattr(request, _CANDIDATE, False)
