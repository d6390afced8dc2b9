"""Which public responses every anonymous visitor may be served from the page
cache (``portal.middleware.PublicPageCacheMiddleware``).

A view opts in by calling ``allow_public_cache(request)`` while it answers:
Wagtail pages without view restrictions do (``portal.wagtail_hooks``), and so
does any public view whose page is the same for every anonymous visitor. The
middleware decides which requests may use the cache at all (anonymous, no
session, no shortlist, no messages); a view never needs to know."""

from django.middleware.csrf import get_token

# Where a cacheable response holds a CSRF token or the Content-Security-Policy
# nonce, it holds these instead; every response (from the cache or not) carries
# its own visitor's token and its own nonce in their place (``personalize``).
CSRF_PLACEHOLDER = "csrf-token-of-this-visitor"
NONCE_PLACEHOLDER = "csp-nonce-of-this-response"

# Request headers that give a page other content at the same URL (the
# catalogue's script asks for its results part only): the page cache keeps
# each variant under its own key (the response names them in ``Vary``).
VARIANT_HEADERS = ("HTTP_X_CATALOGUE_FRAGMENT",)

_ALLOWED = "_public_cache_allowed"
_CANDIDATE = "_public_cache_candidate"


def personalize(request, content):
    """``content`` (bytes) with this request's CSRF token (which also has the
    CSRF middleware set the visitor's cookie) and CSP nonce (which django-csp
    then names in this response's policy) in place of the placeholders."""
    csrf = CSRF_PLACEHOLDER.encode()
    if csrf in content:
        content = content.replace(csrf, get_token(request).encode())
    nonce = NONCE_PLACEHOLDER.encode()
    if nonce in content:
        content = content.replace(nonce, str(getattr(request, "csp_nonce", "")).encode())
    return content


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
