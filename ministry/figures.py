"""Headline figures of the catalogue, counted from published content."""

from ministry.dashboard import national_target
from partners.models import PartnerPage
from programmes.models import BatchSelection, ProgrammePage, SchoolPage, SelectionStatus


def headline_figures(request=None):
    """Counts shown on the home page and the progress page: published schools, programmes, partner
    countries, and officially selected schools against the national target."""
    live_partners = PartnerPage.objects.live().public()
    # Foreign partners only: a Chinese enterprise is a partner, not a partner country.
    partner_countries = (
        live_partners.filter(is_foreign=True, partnerships__school__live=True).values("country").distinct().count()
    )
    target = national_target(request)
    # An official selection counts whether or not the school has published its profile yet.
    selected = BatchSelection.objects.filter(status=SelectionStatus.SELECTED).count()
    return {
        "schools": SchoolPage.objects.live().public().count(),
        "programmes": ProgrammePage.objects.live().public().count(),
        "partners": live_partners.count(),
        "partner_countries": partner_countries,
        "selected": selected,
        "target": target,
        "progress_percent": min(100, round(100 * selected / target)) if target else 0,
    }
