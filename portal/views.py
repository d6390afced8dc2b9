"""Views of the portal app: the ministry dashboard and its exports (admin,
ministry editors only) and the public progress page."""

import csv
import functools
import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from django_countries import countries

from portal import charts, dashboard
from portal.figures import headline_figures
from portal.roles import is_ministry_editor


def ministry_editor_required(view):
    """Only ministry editors (and superusers) pass; any other admin user gets a
    403 page. Wagtail's admin wrapper has already sent anonymous visitors to
    the login page, and it turns a raised PermissionDenied into a redirect, so
    the 403 is returned, not raised."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_ministry_editor(request.user):
            return TemplateResponse(
                request,
                "portal/dashboard/forbidden.html",
                {"page_title": _("Ministry editors only"), "header_icon": "lock"},
                status=403,
            )
        return view(request, *args, **kwargs)

    return wrapped


@ministry_editor_required
def dashboard_view(request):
    """The ministry dashboard: where the selection of schools stands."""
    target = dashboard.national_target(request)
    tables = dashboard.all_tables(target)
    overall = {row[0]: row[1] for row in tables["overall"].rows}
    selected = tables["overall"].rows[1][1]
    sections = []
    for name in (
        "batches",
        "regions",
        "provinces",
        "countries",
        "partnership_kinds",
        "programme_types",
        "programme_fields",
        "yearly",
        "translations",
        "status_summary",
    ):
        table = tables[name]
        chart = (
            charts.bar_chart(table.chart_items(), table.title) if table.chart_value is not None and table.rows else ""
        )
        sections.append({"table": table, "chart": chart})
    context = {
        "page_title": _("Ministry dashboard"),
        "header_icon": "table",
        "overall": tables["overall"],
        "overall_values": overall,
        "progress_chart": charts.progress_bar(selected, target, _("Selected schools against the national target")),
        "sections": sections,
        "schools": tables["schools"],
        "school_rows": list(zip(tables["schools"].rows, tables["schools"].links, strict=True)),
        "status_rules": dashboard.STATUS_RULES,
        "export_formats": EXPORT_FORMATS,
    }
    return TemplateResponse(request, "portal/dashboard/dashboard.html", context)


EXPORT_FORMATS = ["csv", "xlsx"]


@ministry_editor_required
def dashboard_export_view(request, table, export_format):
    """One dashboard table as CSV (UTF-8 with BOM, so Excel reads Chinese) or XLSX."""
    if export_format not in EXPORT_FORMATS or table not in dashboard.TABLES:
        raise Http404
    data = dashboard.build_table(table, dashboard.national_target(request))
    filename = f"dashboard-{data.name}.{export_format}"
    if export_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(data.columns)
        writer.writerows(data.rows)
        response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=data.name[:31])
        sheet.append(data.columns)
        for row in data.rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- The public progress page -----------------------------------------------------


def catalogue_url_for_country(code):
    """The programme catalogue filtered by delivery country, or, while the
    catalogue does not exist, the partner directory filtered by country."""
    try:
        return f"{reverse('search:catalogue')}?country={code}"
    except NoReverseMatch:
        from partners.models import PartnerIndexPage

        index = PartnerIndexPage.objects.live().first()
        return f"{index.url}?country={code}" if index else ""


def progress_view(request):
    """The public progress page (``/<lang>/progress/``): headline figures,
    selections by batch and region, and the world map of partner countries.
    Only published content counts; no personal data."""
    figures = headline_figures(request)
    batches = dashboard.batches_table(public=True)
    regions = dashboard.regions_table(public=True)
    country_table = dashboard.countries_table()
    programme_types = dashboard.programme_types_table()
    yearly = dashboard.yearly_table(public=True)
    base_url = catalogue_url_for_country("XX").removesuffix("XX")
    highlighted = {}
    for name, code, _partners, partnerships, programmes in country_table.rows:
        if code == "CN":
            continue
        label = _("%(country)s: %(partnerships)s partnerships, %(programmes)s programmes") % {
            "country": name,
            "partnerships": partnerships,
            "programmes": programmes,
        }
        highlighted[code] = (label, f"{base_url}{code}")
    context = {
        "figures": figures,
        "progress_chart": charts.progress_bar(
            figures["selected"], figures["target"], _("Selected schools against the national target")
        ),
        "batches": batches,
        "batches_chart": charts.bar_chart([(row[0], row[3]) for row in batches.rows], batches.title),
        "regions": regions,
        "regions_chart": charts.bar_chart(regions.chart_items(), regions.title),
        "programme_types": programme_types,
        "programme_types_chart": charts.bar_chart(programme_types.chart_items(), programme_types.title),
        "yearly": yearly,
        "countries": [
            {"name": row[0], "code": row[1], "partnerships": row[3], "programmes": row[4], "url": f"{base_url}{row[1]}"}
            for row in country_table.rows
            if row[1] != "CN"
        ],
        "world_map": charts.world_map(
            highlighted,
            _("Countries where partnerships and programmes run"),
            home_label=str(countries.name("CN")),
        ),
    }
    return render(request, "portal/progress.html", context)
