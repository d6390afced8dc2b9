"""Which public responses every anonymous visitor may be served from the page
cache (``portal.middleware.PublicPageCacheMiddleware``).

A view opts in by calling ``allow_public_cache(request)`` while it answers:
Wagtail pages without view restrictions do (``portal.wagtail_hooks``), and so
does any public view whose page is the same for every anonymous visitor. The
middleware decides which requests may use the cache at all (anonymous, no
session, no shortlist, no messages); a view never needs to know."""

import os

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

# Where a cacheable response holds a CSRF token or the Content-Security-Policy
# nonce, it holds these instead; every response (from the cache or not) carries
# its own visitor's token and its own nonce in their place (``personalize``).
CSRF_PLACEHOLDER = "csrf-token-of-this-visitor"
NONCE_PLACEHOLDER = "csp-nonce-of-this-response"

# Request headers that give a page other content at the same URL (the
# catalogue's script asks for its results part only): the page cache keeps
# each variant under its own key (the response names them in ``Vary``).
VARIANT_HEADERS = ("HTTP_X_CATALOGUE_FRAGMENT",)

# A byte below this, modulo the number of characters, draws each character
# with the same chance (248 = 4 x 62; the bytes 248-255 are drawn again).
_UNBIASED_BYTES = 256 - 256 % len(CSRF_ALLOWED_CHARS)
_CHAR_INDEX = {char: index for index, char in enumerate(CSRF_ALLOWED_CHARS)}

_ALLOWED = "_public_cache_allowed"
_CANDIDATE = "_public_cache_candidate"


def personalize(request, content):
    """``content`` (bytes) with this request's CSRF token (which also has the
    CSRF middleware set the visitor's cookie) and CSP nonce (which django-csp
    then names in this response's policy) in place of the placeholders."""
    csrf = CSRF_PLACEHOLDER.encode()
    if csrf in content:
        content = content.replace(csrf, csrf_token(request).encode())
    nonce = NONCE_PLACEHOLDER.encode()
    if nonce in content:
        content = content.replace(nonce, str(getattr(request, "csp_nonce", "")).encode())
    return content


def csrf_token(request):
    """What ``django.middleware.csrf.get_token`` gives and does: this
    visitor's CSRF secret (a new one, which the CSRF middleware then sets as
    the visitor's cookie, when the request brought none) masked with a new
    random mask, so that no two responses carry the same token (BREACH).
    Django draws each of the 64 random characters with a read of the
    operating system's generator of its own, which made a page from the
    cache with a form a third slower to serve than one without; here both
    halves come from one read each, with the same uniform choice of
    character. The CSRF middleware checks the token as it checks its own."""
    meta = request.META
    secret = meta.get("CSRF_COOKIE")
    if secret is None:
        secret = meta["CSRF_COOKIE"] = _random_string(CSRF_SECRET_LENGTH)
    # Sent again even when the visitor has it, to renew its expiry, as Django does.
    meta["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = _random_string(CSRF_SECRET_LENGTH)
    chars, index = CSRF_ALLOWED_CHARS, _CHAR_INDEX
    count = len(chars)
    return mask + "".join(chars[(index[a] + index[b]) % count] for a, b in zip(secret, mask, strict=True))


def _random_string(length):
    """``length`` characters of ``CSRF_ALLOWED_CHARS``, each drawn uniformly
    from the operating system's generator (bytes that would favour the
    first characters are left out)."""
    chars = CSRF_ALLOWED_CHARS
    count = len(chars)
    drawn = ""
    while len(drawn) < length:
        drawn += "".join(chars[byte % count] for byte in os.urandom(length + 8) if byte < _UNBIASED_BYTES)
    return drawn[:length]


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
