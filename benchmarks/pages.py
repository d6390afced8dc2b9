"""The public pages the benchmarks measure, picked from the database in use:
one of each page type, the catalogue four ways (its facets the most common
country, level and status; its text query the longest word of the first
programme's title). Shared by ``run.py`` (load) and ``profile_pages.py``
(where the time goes), so that both look at the same URLs. Needs Django set up."""

from urllib.parse import urlsplit

from django.db.models import Count
from django.utils import translation


def _path_of(page, language="en"):
    with translation.override(language):
        return urlsplit(page.specific.get_url()).path


def _top(queryset, field):
    return queryset.values(field).annotate(n=Count("pk")).order_by("-n")[0][field]


def pick_pages():
    """``[(name, path), ...]`` of every public page type, in the order of the tables."""
    from partners.models import PartnerIndexPage, PartnerPage
    from portal.models import HomePage
    from programmes.models import ProgrammePage, SchoolIndexPage, SchoolPage

    live = ProgrammePage.objects.live()
    programme = live.order_by("pk").first()
    country = _top(live, "delivery_country")
    level = _top(live.filter(delivery_country=country), "level")
    status = _top(live.filter(delivery_country=country, level=level), "status")
    word = max((programme.title_en or "programme").split(), key=len)
    facets = f"country={country}&level={level}&status={status}"
    catalogue = "/en/programmes/"
    return [
        ("home", _path_of(HomePage.objects.live().first())),
        ("catalogue, no filter", catalogue),
        ("catalogue, three facets", f"{catalogue}?{facets}"),
        ("catalogue, text query", f"{catalogue}?q={word}"),
        ("catalogue, query + three facets", f"{catalogue}?q={word}&{facets}"),
        ("programme page (en)", _path_of(programme)),
        ("programme page (ar)", _path_of(programme, "ar")),
        ("school directory", _path_of(SchoolIndexPage.objects.live().first())),
        ("school profile", _path_of(SchoolPage.objects.live().order_by("pk").first())),
        ("partner directory", _path_of(PartnerIndexPage.objects.live().first())),
        ("partner profile", _path_of(PartnerPage.objects.live().order_by("pk").first())),
        ("site search", f"/en/search/?q={word}"),
        ("progress", "/en/progress/"),
    ]
