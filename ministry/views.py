"""Views of the ministry app: the dashboard and its exports and the enquiries
by school (admin, ministry editors only), and the public progress page."""

import functools
import itertools

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

from wagtail.models import Site

from django_countries import countries

from ministry import charts, dashboard
from ministry.imports import schools_needing_english_name
from ministry.progress import progress_figures
from partners.models import PartnerIndexPage
from portal.exports import FormulaSafeExportMixin
from portal.fragments import LazyValue
from portal.http_cache import allow_public_cache
from portal.public_version import process_value
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
                "ministry/dashboard/forbidden.html",
                {"page_title": _("Ministry editors only"), "header_icon": "lock"},
                status=403,
            )
        return view(request, *args, **kwargs)

    return wrapped


# The dashboard's sections, in the order they are shown (the overall figures
# and the schools' status have sections of their own).
DASHBOARD_SECTIONS = [
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
]


DASHBOARD_CHART_WIDTH = 560


@ministry_editor_required
def dashboard_view(request):
    """The ministry dashboard: where the selection of schools stands."""
    target = dashboard.national_target(request)
    tables = dashboard.all_tables(target)
    # ?sort=<table>.<column>&order=desc sorts one table (its header links say so).
    sort_table, _dot, sort_column = request.GET.get("sort", "").partition(".")
    if sort_table in tables:
        tables[sort_table].sorted(sort_column, descending=request.GET.get("order") == "desc")
    overall = tables["overall"]
    sections = []
    for name in DASHBOARD_SECTIONS:
        table = tables[name]
        # The admin is read on a desktop: a wider drawing keeps its text near 14 px there.
        chart = (
            charts.bar_chart(table.chart_items(), table.title, width=DASHBOARD_CHART_WIDTH)
            if table.chart_value and table.rows
            else ""
        )
        sections.append({"table": table, "chart": chart})
    context = {
        "page_title": _("Ministry dashboard"),
        "header_icon": "table",
        "overall": overall,
        "progress_chart": charts.progress_bar(
            overall.value("selected", "value"),
            target,
            _("Selected schools against the national target"),
            width=DASHBOARD_CHART_WIDTH,
        ),
        "sections": sections,
        "schools": tables["schools"],
        "school_rows": list(zip(tables["schools"].rows, tables["schools"].links, strict=True)),
        "status_rules": dashboard.STATUS_RULES,
        "needs_english": schools_needing_english_name(),
    }
    return TemplateResponse(request, "ministry/dashboard/dashboard.html", context)


class DashboardExportView(FormulaSafeExportMixin, View):
    """One dashboard table as CSV or XLSX, written by Wagtail's spreadsheet
    export (the one the admin's listings use): the table's column keys are the
    exported fields, its column titles the headings, its rows the items."""

    def get(self, request, table, export_format):
        if export_format not in self.FORMATS or table not in dashboard.TABLES:
            raise Http404
        data = dashboard.build_table(table, dashboard.national_target(request))
        self.list_export = data.keys
        self.export_headings = dict(zip(data.keys, data.columns, strict=True))
        self.export_filename = f"dashboard-{data.name}"
        return self.as_spreadsheet(data.records(), export_format)

    def stream_csv(self, queryset):
        # A byte-order mark first, so that Excel reads the Chinese names as UTF-8.
        return itertools.chain(["\ufeff"], super().stream_csv(queryset))


dashboard_export_view = ministry_editor_required(DashboardExportView.as_view())


@ministry_editor_required
def enquiry_statistics_view(request):
    """The open enquiries and answer times of every school."""
    return TemplateResponse(
        request,
        "ministry/enquiry_statistics.html",
        {
            "rows": dashboard.enquiry_statistics(),
            "header_title": _("Enquiries by school"),
            "page_title": _("Enquiries by school"),
        },
    )


# --- The public progress page -----------------------------------------------------


def catalogue_url_for_country(code):
    """The programme catalogue filtered by delivery country, or, while the
    catalogue does not exist, the partner directory filtered by country."""
    try:
        return f"{reverse('search:catalogue')}?country={code}"
    except NoReverseMatch:
        index = PartnerIndexPage.objects.live().first()
        return f"{index.url}?country={code}" if index else ""


# Selected schools listed per page of the progress page: the national target
# is ~300 schools, and all of them would make the page several times heavier
# than the budget of a public page (60 KB of HTML).
SELECTED_SCHOOLS_PER_PAGE = 40


def progress_view(request):
    """The public progress page (``/<lang>/progress/``): headline figures,
    selections by batch and region, the list of selected schools (a page of it
    at a time: ``?page=2``) and the world map of partner countries. Official
    selections count (and are listed) whether or not the school has published
    its profile; everything else counts only published content. No personal
    data, so it is the same page for every anonymous visitor (the page cache
    keeps it)."""
    allow_public_cache(request)
    # Every figure changes only with the public version (selections,
    # decisions, yearly reports and the site's settings give it a new value
    # too): counted once per version, site and language in each process.
    site = Site.find_for_request(request)
    key = f"{site.pk if site else ''}:{translation.get_language()}"
    data = process_value(f"progress-figures:{key}", lambda: progress_figures(request))
    figures, batches, regions = data["figures"], data["batches"], data["regions"]
    programme_types, yearly = data["programme_types"], data["yearly"]

    def abroad_countries():
        base_url = catalogue_url_for_country("XX").removesuffix("XX")
        return [
            {**country, "url": f"{base_url}{country['code']}"}
            for country in data["countries"].records()
            if country["code"] != "CN"
        ]

    def charts_of_figures():
        # Drawn from the figures, and so, like them, once per version, site and language.
        abroad = abroad_countries()
        highlighted = {country["code"]: (country["country"], country["url"]) for country in abroad}
        return {
            "countries": abroad,
            "progress_chart": charts.progress_bar(
                figures["selected"], figures["target"], _("Selected schools against the national target")
            ),
            # each batch against its quota
            "batches_chart": charts.bar_chart(batches.chart_items(), batches.title),
            "regions_chart": charts.bar_chart(regions.chart_items(), regions.title),
            "programme_types_chart": charts.bar_chart(programme_types.chart_items(), programme_types.title),
            "world_map": charts.world_map(
                highlighted,
                _("Countries where partnerships and programmes run"),
                home_label=str(countries.name("CN")),
            ),
        }

    def parts():
        # The figures, charts and tables above and below the list of selected
        # schools (which is paged per request), written, like the figures,
        # once per version, site and language.
        drawn = process_value(f"progress-charts:{key}", charts_of_figures)
        values = {
            **drawn,
            "figures": figures,
            "batches": batches.records(),
            "regions": regions.records(),
            "programme_types": programme_types.records(),
            "yearly": yearly,
            # Each cell with its column's title: on a phone, rows are stacked and labelled.
            "yearly_rows": [list(zip(yearly.columns, row, strict=True)) for row in yearly.rows],
        }
        return {part: render_to_string(f"ministry/includes/progress_{part}.html", values) for part in ("top", "rest")}

    # The page's content is kept per public version (the template's
    # kept_fragment): its parts are worked out only when it is written.
    context = {
        "progress_parts": LazyValue(lambda: process_value(f"progress-parts:{key}", parts)),
        "selected_schools": Paginator(data["selected_schools"], SELECTED_SCHOOLS_PER_PAGE).get_page(
            request.GET.get("page")
        ),
    }
    return render(request, "ministry/progress.html", context)
