"""Context every public page needs: where the two directories are."""

from django.core.cache import cache
from django.utils import translation

from partners.models import PartnerIndexPage
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
