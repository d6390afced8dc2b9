"""Context every public page needs: where the two directories are, and the
placeholder of a cacheable page's CSRF token."""

from django.core.cache import cache
from django.utils import translation

from partners.models import PartnerIndexPage
from portal.http_cache import CSRF_PLACEHOLDER, is_candidate
from programmes.models import SchoolIndexPage


def navigation(request):
    """URLs of the school and partner directories in the reader's language,
    cached briefly so that each page costs no extra query."""
    language = translation.get_language()
    key = f"portal:navigation:{language}"
    urls = cache.get(key)
    if urls is None:
        urls = {}
        for name, model in (("schools", SchoolIndexPage), ("partners", PartnerIndexPage)):
            index = model.objects.live().first()
            urls[name] = index.get_url(request=request) if index else ""
        cache.set(key, urls, 300)
    return {"nav_urls": urls}


def cacheable_csrf_token(request):
    """A page that may be cached for every anonymous visitor holds a
    placeholder where a CSRF token goes; the page cache puts each visitor's
    own token in its place (``portal.middleware.PublicPageCacheMiddleware``)."""
    return {"csrf_token": CSRF_PLACEHOLDER} if is_candidate(request) else {}
