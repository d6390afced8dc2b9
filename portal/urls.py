from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import crawlers
from portal import views as portal_views
from portal.permissions import SchoolScopedPageTypesUsageReportView
from programmes.feeds import NewProgrammesFeed
from search import views as search_views

# Admin, documents, media and APIs stay outside the language prefix, so that
# the locale middleware never redirects them to a language-prefixed URL.
urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Ahead of Wagtail's own: the page types report scoped to the user's schools.
    path("admin/reports/page-types-usage/", SchoolScopedPageTypesUsageReportView.as_view()),
    path("admin/reports/page-types-usage/results/", SchoolScopedPageTypesUsageReportView.as_view(results_only=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", portal_views.favicon, name="favicon"),
    # The catalogue as JSON (search app; parameters in the README).
    path("api/v1/search/", search_views.api_search, name="api-search"),
    path("api/v1/suggest/", search_views.api_suggest, name="api-suggest"),
    # For crawlers: no language prefix, the sitemap lists every language.
    path("robots.txt", crawlers.robots_txt, name="robots-txt"),
    path("sitemap.xml", crawlers.sitemap, name="sitemap"),
    path("sitemap-<str:section>.xml", crawlers.sitemap_section, name="sitemap-section"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("programmes/feed/", NewProgrammesFeed(), name="programme-feed"),
    path("", include("search.urls")),
    path("", include("partners.urls")),
    path("", include("ministry.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
