"""Views of the site itself that belong to no app: the favicon."""

from pathlib import Path

from django.http import FileResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

FAVICON = Path(__file__).resolve().parent / "static" / "portal" / "favicon.ico"


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """``/favicon.ico``, which browsers ask for on their own: served, not a 404
    (Lighthouse counted the 404 against best practices)."""
    return FileResponse(FAVICON.open("rb"), content_type="image/vnd.microsoft.icon")
