"""Language negotiation for the public site only, and input no view should see."""

from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils.translation import gettext, gettext_noop

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


NUL_MESSAGE = gettext_noop("The link you followed contains characters the portal does not accept. Nothing was changed.")


class RejectNulBytesMiddleware:
    """A NUL byte in the path or the query string is a 400 page in the reader's
    language, before any view runs: PostgreSQL refuses NUL in text, so a
    filter value like ``?province=%00`` would otherwise end as a server error
    in whichever view first puts it into a query. Form fields refuse NUL on
    their own (Django's ``ProhibitNullCharactersValidator``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            if request.path.startswith("/api/"):
                return JsonResponse({"error": gettext(NUL_MESSAGE)}, status=400)
            return render(request, "400.html", {"message": gettext(NUL_MESSAGE)}, status=400)
        return self.get_response(request)
