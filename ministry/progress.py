"""The figures of the public progress page, in eight queries whatever the
number of schools, programmes and partners: each query below feeds every
table that can be read from it (the list of selected schools gives the
selections by region and their total; one count of programmes by type and
country gives both tables; one count of partnerships by country gives the
partner countries and their headline figure)."""

from django.db.models import Count, Q

from ministry import dashboard
from ministry.figures import headline_figures, not_private
from partners.models import Partnership, PartnershipStage
from programmes.models import SelectionStatus


def partner_countries():
    """``(counts, figure)``: ``counts`` as ``dashboard.partner_counts_by_country()``
    gives them (partnerships that have not ended), and ``figure`` the headline
    number of partner countries (published, public foreign partners with a
    partnership with a published school, ended or not), from one query."""
    current = ~Q(stage=PartnershipStage.ENDED)
    rows = (
        Partnership.objects.filter(school__live=True, partner__live=True, partner__is_foreign=True)
        .order_by()
        .values("partner__country")
        .annotate(
            partnerships=Count("pk", filter=current),
            partners=Count("partner", distinct=True, filter=current),
            public=Count("pk", filter=not_private("partner__path")),
        )
    )
    counts = {row["partner__country"]: row for row in rows if row["partnerships"]}
    return counts, sum(1 for row in rows if row["public"])


def programme_counts():
    """``(by type, by delivery country)`` of the published programmes of published schools."""
    by_type, by_country = {}, {}
    for programme_type, country, count in (
        dashboard.live_programme_queryset()
        .values_list("programme_type", "delivery_country")
        .annotate(programmes=Count("pk"))
    ):
        by_type[programme_type] = by_type.get(programme_type, 0) + count
        by_country[country] = by_country.get(country, 0) + count
    return by_type, by_country


def progress_figures(request):
    """Everything the progress page shows but its charts: the headline
    figures, the tables of batches, regions, countries, programme types and
    yearly figures, and the list of selected schools."""
    selected = dashboard.selected_schools()
    by_region = {}
    for school in selected:
        by_region[school["region"]] = by_region.get(school["region"], 0) + 1
    partner_counts, partner_country_figure = partner_countries()
    by_type, by_country = programme_counts()
    return {
        "figures": headline_figures(request, selected=len(selected), partner_countries=partner_country_figure),
        "batches": dashboard.batches_table(),
        "regions": dashboard.regions_table(
            {region: {SelectionStatus.SELECTED: count} for region, count in by_region.items()}
        ),
        "countries": dashboard.countries_table(partner_counts, by_country),
        "programme_types": dashboard.programme_types_table(by_type),
        "yearly": dashboard.yearly_table(public=True),
        "selected_schools": selected,
    }
