"""The portal's URLs plus the ceiling: the cheapest view Django can serve
through the same middleware."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def minimal_view(request):
    """The ceiling of the benchmark: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("benchmark/minimal/", minimal_view)] + portal_urlpatterns
