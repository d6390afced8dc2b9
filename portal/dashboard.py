"""The ministry dashboard's figures: "where do we stand?".

Each figure is a ``Table`` (named, with translated column titles and plain
rows) so that the dashboard page, its charts and the CSV/XLSX exports show the
same numbers. Every table is computed with a fixed number of aggregate queries,
whatever the number of schools.

What is counted:

* selections: ``BatchSelection`` rows by status. The ministry dashboard counts
  every selection; the public progress page (``public=True``) counts only
  selections of published schools;
* partnerships: partnerships that have not ended, between a published school
  and a published partner; partner countries are the countries of those
  partners and the countries where published programmes are delivered;
* programmes: published programmes of published schools;
* yearly figures: verified reports only (``verified_at`` set);
* translation: a published school counts as translated into a language when
  its title and introduction have text in that language; a programme when its
  title and description have.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from django_countries import countries

from partners.models import Partnership, PartnershipKind, PartnershipStage
from programmes.models import (
    Batch,
    BatchSelection,
    FieldOfStudy,
    ProgrammePage,
    ProgrammeType,
    Province,
    Region,
    SchoolPage,
    SelectionStatus,
    YearlyReport,
)

PAGE_PATH_STEP = 4  # treebeard's steplen for Wagtail pages


@dataclass
class Table:
    """One table of the dashboard: what the chart draws and the exports contain."""

    name: str
    title: str
    columns: list
    rows: list
    chart_value: int | None = 1  # index of the column the bar chart draws
    links: list = field(default_factory=list)  # per row, an admin URL (not exported)

    def chart_items(self):
        if self.chart_value is None:
            return []
        return [(row[0], row[self.chart_value]) for row in self.rows]


def national_target(request=None):
    from portal.models import PortalSettings

    portal_settings = PortalSettings.for_request(request) if request else PortalSettings.objects.first()
    return portal_settings.national_target if portal_settings else 300


def _selections(public):
    selections = BatchSelection.objects.order_by()
    if public:
        selections = selections.filter(school__live=True)
    return selections


def _status_counts(prefix=""):
    return {
        status: Count(f"{prefix}pk", filter=Q(**{f"{prefix}status": status}), distinct=bool(prefix))
        for status in SelectionStatus.values
    }


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else 0.0


def overall_table(target, public=False):
    counts = _selections(public).aggregate(**_status_counts())
    rows = [
        [str(_("National target")), target],
        [str(_("Selected")), counts[SelectionStatus.SELECTED]],
        [str(_("Nominated")), counts[SelectionStatus.NOMINATED]],
        [str(_("Withdrawn")), counts[SelectionStatus.WITHDRAWN]],
        # xgettext:no-python-format
        [str(_("Selected, % of the target")), _percent(counts[SelectionStatus.SELECTED], target)],
    ]
    return Table(
        "overall",
        str(_("Selected schools against the national target")),
        [str(_("Measure")), str(_("Value"))],
        rows,
        chart_value=None,
    )


def batches_table(public=False):
    selection_filter = Q(selections__school__live=True) if public else Q()
    batches = Batch.objects.annotate(
        **{
            f"count_{status}": Count("selections", filter=Q(selections__status=status) & selection_filter)
            for status in SelectionStatus.values
        }
    ).order_by("number")
    rows = [
        [
            str(batch),
            batch.year,
            batch.quota,
            batch.count_selected,
            batch.count_nominated,
            batch.count_withdrawn,
            _percent(batch.count_selected, batch.quota),
        ]
        for batch in batches
    ]
    columns = [
        str(_("Batch")),
        str(_("Year")),
        str(_("Quota")),
        str(_("Selected")),
        str(_("Nominated")),
        str(_("Withdrawn")),
        # xgettext:no-python-format
        str(_("Selected, % of quota")),
    ]
    return Table("batches", str(_("Selections by batch, against each quota")), columns, rows, chart_value=3)


def regions_table(public=False):
    counts = {
        row["school__province__region"]: row
        for row in _selections(public).values("school__province__region").annotate(**_status_counts())
    }
    rows = [
        [
            str(label),
            counts.get(value, {}).get(SelectionStatus.SELECTED, 0),
            counts.get(value, {}).get(SelectionStatus.NOMINATED, 0),
        ]
        for value, label in Region.choices
    ]
    return Table(
        "regions",
        str(_("Selected schools by region")),
        [str(_("Region")), str(_("Selected")), str(_("Nominated"))],
        rows,
    )


def provinces_table(public=False):
    counts = {
        row["school__province"]: row
        for row in _selections(public).values("school__province").annotate(**_status_counts())
    }
    rows = [
        [
            str(province),
            str(Region(province.region).label),
            counts.get(province.pk, {}).get(SelectionStatus.SELECTED, 0),
            counts.get(province.pk, {}).get(SelectionStatus.NOMINATED, 0),
        ]
        for province in Province.objects.order_by("code")
    ]
    columns = [str(_("Province")), str(_("Region")), str(_("Selected")), str(_("Nominated"))]
    return Table("provinces", str(_("Selected schools by province")), columns, rows, chart_value=2)


def _live_partnerships():
    # .order_by() clears the model's ordering, which would otherwise join the GROUP BY.
    return (
        Partnership.objects.filter(school__live=True, partner__live=True)
        .exclude(stage=PartnershipStage.ENDED)
        .order_by()
    )


def live_programme_queryset():
    """Published programmes whose school is published too."""
    from django.db.models.functions import Length, Substr

    return (
        ProgrammePage.objects.live()
        .alias(parent_path=Substr("path", 1, Length("path") - PAGE_PATH_STEP))
        .filter(parent_path__in=SchoolPage.objects.live().values("path"))
        .order_by()
    )


def countries_table():
    partner_counts = {
        row["partner__country"]: row
        for row in _live_partnerships()
        .values("partner__country")
        .annotate(partnerships=Count("pk"), partners=Count("partner", distinct=True))
    }
    programme_counts = {
        row["delivery_country"]: row["programmes"]
        for row in live_programme_queryset().values("delivery_country").annotate(programmes=Count("pk"))
    }
    codes = sorted(set(partner_counts) | set(programme_counts), key=lambda code: countries.name(code))
    rows = [
        [
            str(countries.name(code)),
            code,
            partner_counts.get(code, {}).get("partners", 0),
            partner_counts.get(code, {}).get("partnerships", 0),
            programme_counts.get(code, 0),
        ]
        for code in codes
    ]
    columns = [
        str(_("Country")),
        str(_("Code")),
        str(_("Partners")),
        str(_("Partnerships")),
        str(_("Programmes delivered")),
    ]
    return Table("countries", str(_("Partner countries covered")), columns, rows, chart_value=3)


def partnership_kinds_table():
    counts = dict(_live_partnerships().values_list("kind").annotate(total=Count("pk")))
    rows = [[str(label), counts.get(value, 0)] for value, label in PartnershipKind.choices]
    return Table("partnership_kinds", str(_("Partnerships by kind")), [str(_("Kind")), str(_("Partnerships"))], rows)


def programme_types_table():
    counts = dict(live_programme_queryset().values_list("programme_type").annotate(total=Count("pk")))
    rows = [[str(label), counts.get(value, 0)] for value, label in ProgrammeType.choices]
    return Table("programme_types", str(_("Programmes by type")), [str(_("Type")), str(_("Programmes"))], rows)


def programme_fields_table():
    counts = {}
    for code, total in live_programme_queryset().values_list("field_of_study__code").annotate(total=Count("pk")):
        counts[code[:2]] = counts.get(code[:2], 0) + total
    rows = [
        [f"{broad.code} {broad.name}", counts.get(broad.code, 0)]
        for broad in FieldOfStudy.objects.filter(depth=FieldOfStudy.Depth.BROAD).order_by("code")
    ]
    return Table(
        "programme_fields",
        str(_("Programmes by field of study (ISCED-F broad field)")),
        [str(_("Field")), str(_("Programmes"))],
        rows,
    )


def yearly_table(public=False):
    reports = YearlyReport.objects.filter(verified_at__isnull=False).order_by()
    if public:
        reports = reports.filter(school__live=True)
    sums = (
        reports.values("year")
        .annotate(reports=Count("pk"), **{name: Sum(name) for name in YearlyReport.FIGURES})
        .order_by("year")
    )
    rows = [[row["year"], row["reports"]] + [row[name] or 0 for name in YearlyReport.FIGURES] for row in sums]
    columns = [str(_("Year")), str(_("Verified reports"))] + [
        str(YearlyReport._meta.get_field(name).verbose_name) for name in YearlyReport.FIGURES
    ]
    return Table(
        "yearly", str(_("Yearly figures (verified reports only), summed by year")), columns, rows, chart_value=3
    )


def _text_present(field_name):
    return ~Q(**{field_name: ""}) & Q(**{f"{field_name}__isnull": False}) & ~Q(**{field_name: "<p></p>"})


def translations_table():
    languages = [(code, code.replace("-", "_"), name) for code, name in settings.LANGUAGES]
    schools = SchoolPage.objects.live().aggregate(
        total=Count("pk"),
        **{
            suffix: Count("pk", filter=_text_present(f"title_{suffix}") & _text_present(f"introduction_{suffix}"))
            for _code, suffix, _name in languages
        },
    )
    programmes = live_programme_queryset().aggregate(
        total=Count("pk"),
        **{
            suffix: Count("pk", filter=_text_present(f"title_{suffix}") & _text_present(f"description_{suffix}"))
            for _code, suffix, _name in languages
        },
    )
    rows = [
        [
            str(settings.LANGUAGE_NAMES_EN.get(code, name)),
            code,
            schools[suffix],
            schools["total"],
            _percent(schools[suffix], schools["total"]),
            programmes[suffix],
            programmes["total"],
            _percent(programmes[suffix], programmes["total"]),
        ]
        for code, suffix, name in languages
    ]
    columns = [
        str(_("Language")),
        str(_("Code")),
        str(_("Schools translated")),
        str(_("Published schools")),
        str(_("Schools, %")),
        str(_("Programmes translated")),
        str(_("Published programmes")),
        str(_("Programmes, %")),
    ]
    return Table("translations", str(_("Translation completeness by language")), columns, rows, chart_value=4)


# --- Status of each selected school ---------------------------------------------------

ON_TRACK = "on_track"
NEEDS_ATTENTION = "needs_attention"
AT_RISK = "at_risk"
SCHOOL_STATUS_LABELS = {
    ON_TRACK: _("On track"),
    NEEDS_ATTENTION: _("Needs attention"),
    AT_RISK: _("At risk"),
}
STATUS_RULES = [
    _(
        "A selected school is checked for four signals: no published programme; no verified yearly report "
        "for last year; its profile (title and introduction) missing in at least one of the six languages; "
        "its profile not updated for 12 months."
    ),
    _("On track: none of the four signals."),
    _("Needs attention: exactly one signal."),
    _("At risk: two signals or more."),
]
STALE_AFTER = datetime.timedelta(days=365)


def school_status(signals):
    """The dashboard status of one school from its signals (see STATUS_RULES)."""
    count = sum(1 for value in signals.values() if value)
    if count == 0:
        return ON_TRACK
    if count == 1:
        return NEEDS_ATTENTION
    return AT_RISK


def selected_school_signals(now=None):
    """``[(school values, signals)]`` for every selected school, in a fixed
    number of queries."""
    now = now or timezone.now()
    last_year = timezone.localdate().year - 1
    suffixes = [code.replace("-", "_") for code, _name in settings.LANGUAGES]
    text_fields = [f"{name}_{suffix}" for suffix in suffixes for name in ("title", "introduction")]
    schools = list(
        SchoolPage.objects.filter(batch_selections__status=SelectionStatus.SELECTED)
        .values(
            "pk",
            "title",
            "path",
            "live",
            "province__name",
            "batch_selections__batch__name",
            "last_published_at",
            "latest_revision_created_at",
            *text_fields,
        )
        .order_by("title")
    )
    programme_parents = {path[:-PAGE_PATH_STEP] for path in ProgrammePage.objects.live().values_list("path", flat=True)}
    reported = set(
        YearlyReport.objects.filter(year=last_year, verified_at__isnull=False).values_list("school_id", flat=True)
    )
    result = []
    for school in schools:
        untranslated = [
            code
            for code, _name in settings.LANGUAGES
            if not all(
                (school[f"{name}_{code.replace('-', '_')}"] or "").strip() not in ("", "<p></p>")
                for name in ("title", "introduction")
            )
        ]
        updated = max(
            [value for value in (school["last_published_at"], school["latest_revision_created_at"]) if value],
            default=None,
        )
        signals = {
            "no_programme": school["path"] not in programme_parents,
            "no_report": school["pk"] not in reported,
            "untranslated": untranslated,
            "stale": updated is None or now - updated > STALE_AFTER,
        }
        result.append((school, signals))
    return result


def schools_table():
    last_year = timezone.localdate().year - 1
    rows, links = [], []
    from django.urls import reverse

    severity = {AT_RISK: 0, NEEDS_ATTENTION: 1, ON_TRACK: 2}
    entries = sorted(
        selected_school_signals(), key=lambda entry: (severity[school_status(entry[1])], entry[0]["title"])
    )
    yes, no = str(_("yes")), str(_("no"))
    for school, signals in entries:
        status = school_status(signals)
        rows.append(
            [
                school["title"],
                school["province__name"],
                school["batch_selections__batch__name"],
                yes if signals["no_programme"] else no,
                yes if signals["no_report"] else no,
                " ".join(signals["untranslated"]),
                yes if signals["stale"] else no,
                str(SCHOOL_STATUS_LABELS[status]),
            ]
        )
        links.append((reverse("wagtailadmin_pages:edit", args=[school["pk"]]), status))
    columns = [
        str(_("School")),
        str(_("Province")),
        str(_("Batch")),
        str(_("No published programme")),
        str(_("No verified report for %(year)s") % {"year": last_year}),
        str(_("Profile untranslated in")),
        str(_("Not updated for 12 months")),
        str(_("Status")),
    ]
    return Table("schools", str(_("Selected schools and their status")), columns, rows, chart_value=None, links=links)


def status_summary_table():
    counts = {ON_TRACK: 0, NEEDS_ATTENTION: 0, AT_RISK: 0}
    for _school, signals in selected_school_signals():
        counts[school_status(signals)] += 1
    rows = [[str(SCHOOL_STATUS_LABELS[key]), counts[key]] for key in (ON_TRACK, NEEDS_ATTENTION, AT_RISK)]
    return Table("status_summary", str(_("Selected schools by status")), [str(_("Status")), str(_("Schools"))], rows)


TABLES = {
    "overall": lambda target: overall_table(target),
    "batches": lambda target: batches_table(),
    "regions": lambda target: regions_table(),
    "provinces": lambda target: provinces_table(),
    "countries": lambda target: countries_table(),
    "partnership_kinds": lambda target: partnership_kinds_table(),
    "programme_types": lambda target: programme_types_table(),
    "programme_fields": lambda target: programme_fields_table(),
    "yearly": lambda target: yearly_table(),
    "translations": lambda target: translations_table(),
    "status_summary": lambda target: status_summary_table(),
    "schools": lambda target: schools_table(),
}


def build_table(name, target):
    """One dashboard table by name (for the exports); ``KeyError`` if unknown."""
    return TABLES[name](target)


def all_tables(target):
    return {name: build(target) for name, build in TABLES.items()}
