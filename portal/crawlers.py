"""What search engines' crawlers read: ``/robots.txt`` and ``/sitemap.xml``.

The sitemap lists every live, public page and public view once per language,
each with its alternates in the five other languages and an ``x-default``
(English), on the host the crawler asked for. It is built from one query of
plain page rows (no specific pages, no per-page URL lookups), so its cost does
not grow with the catalogue beyond the rows themselves; past ``PageSitemap.limit``
pages, ``/sitemap.xml`` becomes an index of numbered files."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from portal.languages import LANGUAGE_CODES, reading_order, translated_columns

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


def _localized(row, field, code):
    """``row``'s ``field`` in ``code``, falling back like the page itself does."""
    for language in reading_order(code):
        value = getattr(row, f"{field}_{language.replace('-', '_')}", None)
        if value:
            return value
    return getattr(row, field, None)


class LanguageAlternatesMixin:
    """Every item in every language, each ``<url>`` with all its alternates."""

    def item_paths(self, item):
        """``{language code: path}`` of ``item``; a language missing is left out."""
        raise NotImplementedError

    def lastmod(self, item):
        return None

    def _urls(self, page, protocol, domain):
        urls = []
        latest = None
        for item in self.paginator.page(page).object_list:
            paths = self.item_paths(item)
            if not paths:
                continue
            locations = {code: f"{protocol}://{domain}{path}" for code, path in paths.items()}
            alternates = [{"lang_code": code, "location": location} for code, location in locations.items()]
            if DEFAULT_LANGUAGE in locations:
                alternates.append({"lang_code": "x-default", "location": locations[DEFAULT_LANGUAGE]})
            lastmod = self.lastmod(item)
            if lastmod and (latest is None or lastmod > latest):
                latest = lastmod
            urls.extend(
                {"item": item, "location": location, "lastmod": lastmod, "alternates": alternates}
                for location in locations.values()
            )
        if latest:
            self.latest_lastmod = latest
        return urls


class PageSitemap(LanguageAlternatesMixin, WagtailSitemap):
    """Live, public Wagtail pages of the request's site (home, directories,
    schools, programmes, partners), sample pages included: they are public."""

    # Pages per file; each page gives six <url> entries with seven alternates.
    limit = 500

    @cached_property
    def site(self):
        return self.get_wagtail_site()

    @cached_property
    def language_prefixes(self):
        """``{code: "/en/"}``: where each language's pages start."""
        prefixes = {}
        for code in LANGUAGE_CODES:
            with translation.override(code):
                prefixes[code] = reverse("wagtail_serve", args=("",))
        return prefixes

    @cached_property
    def root_paths(self):
        root = self.site.root_page
        return {code: _localized(root, "url_path", code) for code in LANGUAGE_CODES}

    def items(self):
        # Computed once: ``public()`` reads the view restrictions when called.
        return self._items_queryset

    @cached_property
    def _items_queryset(self):
        return (
            Page.objects.live()
            .public()
            .descendant_of(self.site.root_page, inclusive=True)
            .order_by("path")
            .only(
                "pk",
                "path",
                "last_published_at",
                "latest_revision_created_at",
                "url_path",
                *translated_columns("url_path"),
            )
        )

    @cached_property
    def paginator(self):
        return super().paginator

    def lastmod(self, item):
        return item.last_published_at or item.latest_revision_created_at

    def item_paths(self, item):
        paths = {}
        for code in LANGUAGE_CODES:
            url_path, root_path = _localized(item, "url_path", code), self.root_paths[code]
            if url_path and root_path and url_path.startswith(root_path):
                paths[code] = self.language_prefixes[code] + url_path[len(root_path) :]
        return paths


class ViewSitemap(LanguageAlternatesMixin, DjangoSitemap):
    """Public pages that are views rather than Wagtail pages."""

    view_names = ["search:catalogue", "search:ranking", "progress"]

    def __init__(self, request=None):
        self.request = request

    def items(self):
        return self.view_names

    def item_paths(self, item):
        paths = {}
        for code in LANGUAGE_CODES:
            with translation.override(code):
                try:
                    paths[code] = reverse(item)
                except NoReverseMatch:
                    continue
        return paths


SECTIONS = {"pages": PageSitemap, "views": ViewSitemap}


def _sitemaps(request):
    return {name: sitemap_class(request) for name, sitemap_class in SECTIONS.items()}


@require_GET
def sitemap(request):
    """``/sitemap.xml``: every URL when they fit in one file, else an index of
    the numbered files (``/sitemap-pages.xml?p=2``…)."""
    sitemaps = _sitemaps(request)
    if all(section.paginator.num_pages <= 1 for section in sitemaps.values()):
        return sitemap_views.sitemap(request, sitemaps)
    return sitemap_views.index(request, sitemaps, sitemap_url_name="sitemap-section")


@require_GET
def sitemap_section(request, section):
    """``/sitemap-<section>.xml?p=<n>``: one file of the sitemap index."""
    return sitemap_views.sitemap(request, _sitemaps(request), section=section)


# Kept out of search engines: the editors' interfaces, and what only answers a
# query (the JSON API, the site search, the enquiry forms) rather than
# publishing content.
DISALLOWED = [
    "/admin/",
    "/django-admin/",
    "/api/",
    "/i18n/",
    *[f"/{code}/search/" for code in LANGUAGE_CODES],
    *[f"/{code}/enquiry/" for code in LANGUAGE_CODES],
]


@require_GET
def robots_txt(request):
    """``/robots.txt``: what crawlers may read, and where the sitemap is on this host."""
    lines = ["User-agent: *", *[f"Disallow: {path}" for path in DISALLOWED], "Allow: /", ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
