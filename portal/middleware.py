"""Language negotiation for the public site only."""

from django.middleware.locale import LocaleMiddleware

# URLs outside the language prefix: a 404 there must stay a 404, not become a
# redirect to /en/admin/… (LocaleMiddleware would otherwise try a prefix).
UNPREFIXED = ("/admin/", "/django-admin/", "/api/", "/documents/", "/static/", "/media/", "/i18n/")


class PortalLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware that leaves the admin, APIs and files alone."""

    def process_response(self, request, response):
        if request.path.startswith(UNPREFIXED):
            response.headers.setdefault("Content-Language", getattr(request, "LANGUAGE_CODE", "en"))
            return response
        return super().process_response(request, response)
