"""Headline figures of the catalogue, counted from published content, in a
fixed handful of queries whatever the catalogue's size."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Length, Substr

from wagtail.models import Page, PageViewRestriction

from ministry.dashboard import national_target
from partners.models import PartnerPage
from programmes.models import BatchSelection, ProgrammePage, SchoolPage, SelectionStatus


def not_private(path_field="path"):
    """The condition "the page at ``path_field`` is under no view restriction":
    Wagtail's ``PageQuerySet.public()`` as one subquery, where ``public()`` first
    reads every restriction in a query of its own (once per queryset)."""
    restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef(path_field), 1, Length("page__path")))
    return ~Exists(restricted)


def public_page_counts():
    """Published, public schools, programmes and partners, in one query."""

    def of_type(model):
        return Count("pk", filter=Q(content_type=ContentType.objects.get_for_model(model)))

    return (
        Page.objects.live()
        .filter(not_private())
        .aggregate(schools=of_type(SchoolPage), programmes=of_type(ProgrammePage), partners=of_type(PartnerPage))
    )


def partner_country_count():
    """Countries of published foreign partners of published schools: a Chinese
    enterprise is a partner, not a partner country."""
    return (
        PartnerPage.objects.live()
        .filter(not_private(), is_foreign=True, partnerships__school__live=True)
        .values("country")
        .distinct()
        .count()
    )


def headline_figures(request=None, *, selected=None, partner_countries=None):
    """Counts shown on the home page and the progress page: published schools, programmes, partner
    countries, and officially selected schools against the national target. A caller that has
    already counted the selected schools or the partner countries passes them (no second query)."""
    target = national_target(request)
    if selected is None:
        # An official selection counts whether or not the school has published its profile yet.
        selected = BatchSelection.objects.filter(status=SelectionStatus.SELECTED).count()
    if partner_countries is None:
        partner_countries = partner_country_count()
    return {
        **public_page_counts(),
        "partner_countries": partner_countries,
        "selected": selected,
        "target": target,
        "progress_percent": min(100, round(100 * selected / target)) if target else 0,
    }
