"""Context every public page needs: where the two directories are, and the
placeholder of a cacheable page's CSRF token."""

from django.utils import translation
from django.utils.functional import SimpleLazyObject

from partners.models import PartnerIndexPage
from portal.fragments import site_key
from portal.http_cache import CSRF_PLACEHOLDER, NONCE_PLACEHOLDER, is_candidate
from portal.public_version import process_value
from programmes.models import SchoolIndexPage


def navigation(request):
    """URLs of the school and partner directories in the reader's language,
    read once per public version, language and host (a directory published,
    moved or renamed gives a new version), and only when a template asks:
    the base layout's header is kept per version (``portal.fragments``)."""
    language = translation.get_language()

    def urls():
        found = {}
        for name, model in (("schools", SchoolIndexPage), ("partners", PartnerIndexPage)):
            index = model.objects.live().first()
            found[name] = index.get_url(request=request) if index else ""
        return found

    return {"nav_urls": SimpleLazyObject(lambda: process_value(f"navigation:{language}:{site_key(request)}", urls))}


def cacheable_csrf_token(request):
    """A page that may be cached for every anonymous visitor holds
    placeholders where a CSRF token and the CSP nonce go; the page cache puts
    each response's own in their place (``portal.http_cache.personalize``)."""
    return {"csrf_token": CSRF_PLACEHOLDER, "CSP_NONCE": NONCE_PLACEHOLDER} if is_candidate(request) else {}
