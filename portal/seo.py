"""What a page tells search engines and link previews about itself: its
canonical address on the host the reader asked for, its summary and picture.

Every absolute URL is built from the request (its scheme and host, checked
against ``ALLOWED_HOSTS``), never from the Wagtail Site's hostname, so that the
same database serves ``portal.example.org`` and a staging host with the right
links on each."""

from django.utils.text import Truncator

from portal.languages import translated_text
from portal.text import plain_text

# Open Graph wants a territory with the language (ll_TT).
OG_LOCALES = {"en": "en_GB", "zh-hans": "zh_CN", "fr": "fr_FR", "es": "es_ES", "ru": "ru_RU", "ar": "ar_AR"}

DESCRIPTION_LENGTH = 200
# The picture shared in link previews, as Open Graph recommends (1.91:1).
PICTURE_SPEC = "fill-1200x630"
LOGO_SPEC = "max-600x600"


def absolute_url(request, url):
    """``url`` (a path, or already absolute) on the request's scheme and host."""
    return request.build_absolute_uri(url)


def page_url(page, request):
    """The page's address in the active language, on the request's host."""
    return absolute_url(request, page.get_url(request=request))


def plain_summary(text, length=DESCRIPTION_LENGTH):
    """Rich text as one plain line of at most ``length`` characters."""
    return Truncator(" ".join(plain_text(text).split())).chars(length)


def page_summary(page, fields=("introduction", "description")):
    """The page's description for search results and previews in the reader's
    language: what the editor wrote as its search description, else the start
    of its introduction or description (with the usual fallback)."""
    if page.search_description:
        return page.search_description
    for field in fields:
        if hasattr(page, field):
            text = translated_text(page, field)
            if text:
                return plain_summary(text.text)
    return ""


def og_locale(code):
    return OG_LOCALES.get(code, code.replace("-", "_"))


def picture(request, image, spec=PICTURE_SPEC):
    """``{url, width, height, alt}`` of a rendition of ``image`` for previews,
    with its absolute URL on the request's host."""
    rendition = image.get_rendition(spec)
    return {
        "url": absolute_url(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text or image.title,
        "large": spec == PICTURE_SPEC,
    }
