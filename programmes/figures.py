"""Public totals of schools' yearly figures. Only reports a ministry editor has
verified count; every page or export that shows a total asks this module."""

from django.db.models import Sum

from programmes.models import YearlyReport


def verified_totals(year=None, schools=None):
    """``{figure: total}`` over verified reports, for one year or all years,
    optionally for some schools only (a queryset or list of ids)."""
    reports = YearlyReport.objects.verified()
    if year is not None:
        reports = reports.filter(year=year)
    if schools is not None:
        reports = reports.filter(school__in=schools)
    totals = reports.aggregate(**{figure: Sum(figure) for figure in YearlyReport.FIGURES})
    return {figure: totals[figure] or 0 for figure in YearlyReport.FIGURES}


def latest_verified_year():
    """The most recent year with at least one verified report, or None."""
    return YearlyReport.objects.verified().order_by("-year").values_list("year", flat=True).first()
