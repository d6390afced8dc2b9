"""The ministry dashboard's figures: "where do we stand?".

Each figure is a ``Table`` (named, with translated column titles and plain
rows) so that the dashboard page, its charts and the CSV/XLSX exports show the
same numbers. Every table is computed with a fixed number of aggregate queries,
whatever the number of schools.

What is counted:

* selections: ``BatchSelection`` rows by status, on the dashboard and on the
  public progress page alike: an official selection counts whether or not the
  school has published its profile yet;
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
import decimal
import statistics
import unicodedata

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Q, Sum
from django.db.models.functions import Length, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from django_countries import countries
from modeltranslation.utils import build_localized_fieldname
from pypinyin import lazy_pinyin

from partners.models import Enquiry, EnquiryStatus, Partnership, PartnershipKind, PartnershipStage
from portal.languages import join_list
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


class Table:
    """One table of the dashboard: what the chart draws and the exports contain.

    ``columns`` are given as ``(key, title)`` pairs; ``keys`` and ``columns``
    keep them apart (titles are what people read, keys what code reads).
    ``rows`` are plain lists in column order; ``row_keys`` optionally name the
    rows of a "measure, value" table. Read a figure by name with ``value()``,
    ``column()`` or ``records()``, never by position."""

    def __init__(
        self,
        name,
        title,
        columns,
        rows,
        *,
        row_keys=None,
        chart_value=None,
        chart_total=None,
        links=None,
        sort_values=None,
    ):
        self.name = name
        self.title = title
        self.keys = [key for key, _title in columns]
        self.columns = [str(title) for _key, title in columns]
        self.rows = rows
        self.row_keys = list(row_keys or [])
        self.chart_value = chart_value  # key of the column the bar chart draws, or None
        self.chart_total = chart_total  # key of the column each bar is drawn against (a quota), or None
        self.links = links or []  # per row, an admin URL and a status (not exported)
        # Per column key, the values rows sort by when not the cells themselves.
        self.sort_values = sort_values or {}
        self.sorted_by = None  # (key, descending) once sorted()

    def sorted(self, key, descending=False):
        """The rows (with their keys and links) ordered by the column ``key``:
        numbers as numbers, text by its pinyin (Chinese names in the order a
        Chinese reader looks for them), empty cells last. An unknown key
        leaves the order as it is."""
        if key not in self.keys:
            return self
        index = self.keys.index(key)
        values = self.sort_values.get(key) or [row[index] for row in self.rows]
        order = sorted(range(len(self.rows)), key=lambda i: sort_key(values[i]), reverse=descending)
        # Empty cells stay last whichever way.
        order.sort(key=lambda i: values[i] in (None, ""))
        self.rows = [self.rows[i] for i in order]
        if self.row_keys:
            self.row_keys = [self.row_keys[i] for i in order]
        if self.links:
            self.links = [self.links[i] for i in order]
        for column, column_values in self.sort_values.items():
            self.sort_values[column] = [column_values[i] for i in order]
        self.sorted_by = (key, descending)
        return self

    def headers(self):
        """``[(key, title, aria-sort)]`` for a sortable header row."""
        key, descending = self.sorted_by or (None, False)
        return [
            (column, title, ("descending" if descending else "ascending") if column == key else "none")
            for column, title in zip(self.keys, self.columns, strict=True)
        ]

    def column(self, key):
        """Every row's value in the column ``key``."""
        index = self.keys.index(key)
        return [row[index] for row in self.rows]

    def value(self, row_key, column_key):
        """One cell, by the row's key and the column's key."""
        return self.rows[self.row_keys.index(row_key)][self.keys.index(column_key)]

    def records(self):
        """The rows as ``{column key: value}`` dictionaries."""
        return [dict(zip(self.keys, row, strict=True)) for row in self.rows]

    def chart_items(self):
        """``[(label, value)]`` for the bar chart: the first column and
        ``chart_value``; ``[(label, value, total)]`` when each bar is drawn
        against its own ``chart_total`` (a batch against its quota)."""
        if self.chart_value is None:
            return []
        columns = [self.column(self.keys[0]), self.column(self.chart_value)]
        if self.chart_total is not None:
            columns.append(self.column(self.chart_total))
        return list(zip(*columns, strict=True))


def sort_key(value):
    """Numbers before text; text by pinyin, case and accents folded."""
    if isinstance(value, int | float | decimal.Decimal):
        return (0, value, "")
    text = str(value or "")
    return (1, 0, unicodedata.normalize("NFKD", " ".join(lazy_pinyin(text))).casefold())


def national_target(request=None):
    """The national target set in the portal's settings (300 until one is saved).
    The settings model belongs to the site layer above; the app registry gives
    it without importing upward."""
    portal_settings_model = apps.get_model("portal", "PortalSettings")
    portal_settings = portal_settings_model.for_request(request) if request else portal_settings_model.objects.first()
    return portal_settings.national_target if portal_settings else 300


def _selections():
    return BatchSelection.objects.order_by()


def _status_counts(prefix=""):
    return {
        status: Count(f"{prefix}pk", filter=Q(**{f"{prefix}status": status}), distinct=bool(prefix))
        for status in SelectionStatus.values
    }


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else 0.0


def overall_table(target):
    counts = _selections().aggregate(**_status_counts())
    measures = [
        ("target", _("National target"), target),
        (SelectionStatus.SELECTED, _("Selected"), counts[SelectionStatus.SELECTED]),
        (SelectionStatus.NOMINATED, _("Nominated"), counts[SelectionStatus.NOMINATED]),
        (SelectionStatus.WITHDRAWN, _("Withdrawn"), counts[SelectionStatus.WITHDRAWN]),
        # xgettext:no-python-format
        ("selected_percent", _("Selected, % of the target"), _percent(counts[SelectionStatus.SELECTED], target)),
    ]
    return Table(
        "overall",
        str(_("Selected schools against the national target")),
        [("measure", _("Measure")), ("value", _("Value"))],
        [[str(label), value] for _key, label, value in measures],
        row_keys=[str(key) for key, _label, _value in measures],
    )


def batches_table():
    batches = Batch.objects.annotate(
        **{
            f"count_{status}": Count("selections", filter=Q(selections__status=status))
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
        ("batch", _("Batch")),
        ("year", _("Year")),
        ("quota", _("Quota")),
        ("selected", _("Selected")),
        ("nominated", _("Nominated")),
        ("withdrawn", _("Withdrawn")),
        # xgettext:no-python-format
        ("selected_percent", _("Selected, % of quota")),
    ]
    return Table(
        "batches",
        str(_("Selections by batch, against each quota")),
        columns,
        rows,
        chart_value="selected",
        chart_total="quota",
    )


def regions_table(counts=None):
    """Selections by region; ``counts`` = ``{region: {status: n}}`` when the caller has them."""
    if counts is None:
        counts = {
            row["school__province__region"]: row
            for row in _selections().values("school__province__region").annotate(**_status_counts())
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
        [("region", _("Region")), ("selected", _("Selected")), ("nominated", _("Nominated"))],
        rows,
        chart_value="selected",
    )


def provinces_table():
    counts = {
        row["school__province"]: row for row in _selections().values("school__province").annotate(**_status_counts())
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
    columns = [
        ("province", _("Province")),
        ("region", _("Region")),
        ("selected", _("Selected")),
        ("nominated", _("Nominated")),
    ]
    return Table("provinces", str(_("Selected schools by province")), columns, rows, chart_value="selected")


def _live_partnerships():
    # .order_by() clears the model's ordering, which would otherwise join the GROUP BY.
    return (
        Partnership.objects.filter(school__live=True, partner__live=True)
        .exclude(stage=PartnershipStage.ENDED)
        .order_by()
    )


def live_programme_queryset():
    """Published programmes whose school is published too."""
    return (
        ProgrammePage.objects.live()
        .alias(parent_path=Substr("path", 1, Length("path") - PAGE_PATH_STEP))
        .filter(parent_path__in=SchoolPage.objects.live().values("path"))
        .order_by()
    )


def partner_counts_by_country():
    """``{country: {"partners": n, "partnerships": n}}`` of the partnerships
    that have not ended between a published school and a published foreign
    partner (a Chinese enterprise is a partner, not a partner country)."""
    return {
        row["partner__country"]: row
        for row in _live_partnerships()
        .filter(partner__is_foreign=True)
        .values("partner__country")
        .annotate(partnerships=Count("pk"), partners=Count("partner", distinct=True))
    }


def countries_table(partner_counts=None, programme_counts=None):
    """Partner countries: ``partner_counts`` as ``partner_counts_by_country()``
    gives them and ``programme_counts`` = ``{delivery country: programmes}``;
    counted here unless the caller has them already."""
    if partner_counts is None:
        partner_counts = partner_counts_by_country()
    if programme_counts is None:
        programme_counts = dict(
            live_programme_queryset().values_list("delivery_country").annotate(programmes=Count("pk"))
        )
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
        ("country", _("Country")),
        ("code", _("Code")),
        ("partners", _("Partners")),
        ("partnerships", _("Partnerships")),
        ("programmes", _("Programmes delivered")),
    ]
    return Table("countries", str(_("Partner countries covered")), columns, rows, chart_value="partnerships")


def partnership_kinds_table():
    counts = dict(_live_partnerships().values_list("kind").annotate(total=Count("pk")))
    rows = [[str(label), counts.get(value, 0)] for value, label in PartnershipKind.choices]
    columns = [("kind", _("Kind")), ("partnerships", _("Partnerships"))]
    return Table("partnership_kinds", str(_("Partnerships by kind")), columns, rows, chart_value="partnerships")


def programme_types_table(counts=None):
    """Published programmes by type; ``counts`` = ``{type: programmes}`` when the caller has them."""
    if counts is None:
        counts = dict(live_programme_queryset().values_list("programme_type").annotate(total=Count("pk")))
    rows = [[str(label), counts.get(value, 0)] for value, label in ProgrammeType.choices]
    columns = [("type", _("Type")), ("programmes", _("Programmes"))]
    return Table("programme_types", str(_("Programmes by type")), columns, rows, chart_value="programmes")


def programme_fields_table():
    # A programme counts once in each broad field among its fields of study.
    broad_fields = {
        (pk, code[:2])
        for pk, code in live_programme_queryset()
        .filter(fields_of_study__isnull=False)
        .values_list("pk", "fields_of_study__code")
    }
    counts = {}
    for _pk, broad in broad_fields:
        counts[broad] = counts.get(broad, 0) + 1
    rows = [
        [f"{broad.code} {broad.name}", counts.get(broad.code, 0)]
        for broad in FieldOfStudy.objects.filter(depth=FieldOfStudy.Depth.BROAD).order_by("code")
    ]
    return Table(
        "programme_fields",
        str(_("Programmes by field of study (ISCED-F broad field)")),
        [("field", pgettext_lazy("field of study", "Field")), ("programmes", _("Programmes"))],
        rows,
        chart_value="programmes",
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
    columns = [("year", _("Year")), ("reports", _("Verified reports"))] + [
        (name, YearlyReport._meta.get_field(name).verbose_name) for name in YearlyReport.FIGURES
    ]
    return Table(
        "yearly",
        str(_("Yearly figures (verified reports only), summed by year")),
        columns,
        rows,
        chart_value="students_trained_abroad",
    )


def _text_present(field_name):
    return ~Q(**{field_name: ""}) & Q(**{f"{field_name}__isnull": False}) & ~Q(**{field_name: "<p></p>"})


def translations_table():
    def translated_in(code, *fields):
        condition = Q()
        for name in fields:
            condition &= _text_present(build_localized_fieldname(name, code))
        return Count("pk", filter=condition)

    languages = settings.LANGUAGES
    schools = SchoolPage.objects.live().aggregate(
        total=Count("pk"), **{code: translated_in(code, "title", "introduction") for code, _name in languages}
    )
    programmes = live_programme_queryset().aggregate(
        total=Count("pk"), **{code: translated_in(code, "title", "description") for code, _name in languages}
    )
    rows = [
        [
            str(settings.LANGUAGE_NAMES_EN.get(code, name)),
            code,
            schools[code],
            schools["total"],
            _percent(schools[code], schools["total"]),
            programmes[code],
            programmes["total"],
            _percent(programmes[code], programmes["total"]),
        ]
        for code, name in languages
    ]
    columns = [
        ("language", _("Language")),
        ("code", _("Code")),
        ("schools_translated", _("Schools translated")),
        ("schools", _("Published schools")),
        ("schools_percent", _("Schools, %")),
        ("programmes_translated", _("Programmes translated")),
        ("programmes", _("Published programmes")),
        ("programmes_percent", _("Programmes, %")),
    ]
    return Table(
        "translations",
        str(_("Translation completeness by language")),
        columns,
        rows,
        chart_value="schools_percent",
    )


# --- Status of each selected school ---------------------------------------------------

ON_TRACK = "on_track"
NEEDS_ATTENTION = "needs_attention"
AT_RISK = "at_risk"
SCHOOL_STATUS_LABELS = {
    ON_TRACK: _("On track"),
    NEEDS_ATTENTION: _("Needs attention"),
    AT_RISK: _("At risk"),
}
# Of six languages, this many may still be missing before a profile counts as
# untranslated (the English and Chinese ones never may).
LANGUAGES_MAY_MISS = 2
CORE_LANGUAGES = ("en", "zh-hans")
STATUS_RULES = [
    _(
        "A selected school is checked for four signals: (1) no published programme; (2) no verified yearly "
        "report for last year; (3) its profile untranslated: the title or introduction missing in English or "
        "Chinese, or in three or more of the six languages; (4) its profile not updated for 12 months."
    ),
    _("On track: no signal. One or two languages still missing are listed, but are not a signal."),
    _("Needs attention: any signal, but not two of signals 1, 2 and 4."),
    _(
        "At risk: two or more of signals 1, 2 and 4 (no programme, no report, no update): the school is not "
        "active on the portal. Missing translations alone never make a school at risk."
    ),
]
STALE_AFTER = datetime.timedelta(days=365)
# What each signal says next to a school's status.
SIGNAL_REASONS = {
    "no_programme": _("no published programme"),
    "no_report": _("no verified report for last year"),
    "untranslated": _("profile untranslated"),
    "stale": _("not updated for 12 months"),
}
# Signs that a school is not active on the portal (translations are quality, not activity).
ACTIVITY_SIGNALS = ("no_programme", "no_report", "stale")


def is_untranslated(missing_codes):
    """Signal 3: a core language missing, or more than LANGUAGES_MAY_MISS languages."""
    return any(code in CORE_LANGUAGES for code in missing_codes) or len(missing_codes) > LANGUAGES_MAY_MISS


def active_signals(signals):
    """The keys of the signals that apply, in SIGNAL_REASONS order."""
    return [key for key in SIGNAL_REASONS if (is_untranslated(signals[key]) if key == "untranslated" else signals[key])]


def school_status(signals):
    """The dashboard status of one school from its signals (see STATUS_RULES)."""
    active = active_signals(signals)
    if not active:
        return ON_TRACK
    if sum(1 for key in active if key in ACTIVITY_SIGNALS) >= 2:
        return AT_RISK
    return NEEDS_ATTENTION


def status_reason(signals):
    """ "no published programme; not updated for 12 months": why a school has its status."""
    return join_list((SIGNAL_REASONS[key] for key in active_signals(signals)), semicolons=True)


def selected_school_signals(now=None):
    """``[(school values, signals)]`` for every selected school, in a fixed
    number of queries."""
    now = now or timezone.now()
    last_year = timezone.localdate().year - 1
    text_fields = [
        build_localized_fieldname(name, code)
        for code, _name in settings.LANGUAGES
        for name in ("title", "introduction")
    ]
    schools = list(
        SchoolPage.objects.filter(batch_selections__status=SelectionStatus.SELECTED)
        .values(
            "pk",
            "title",
            "path",
            "live",
            "province",
            "batch_selections__batch__name",
            "last_published_at",
            "latest_revision_created_at",
            *text_fields,
        )
        .order_by("title")
    )
    programme_parents = {path[:-PAGE_PATH_STEP] for path in ProgrammePage.objects.live().values_list("path", flat=True)}
    # A school that runs a programme as a co-operating school has one too.
    programme_parents |= set(
        ProgrammePage.objects.live()
        .filter(cooperating_schools__isnull=False)
        .values_list("cooperating_schools__school__path", flat=True)
    )
    reported = set(
        YearlyReport.objects.filter(year=last_year, verified_at__isnull=False).values_list("school_id", flat=True)
    )
    result = []
    for school in schools:
        untranslated = [
            code
            for code, _name in settings.LANGUAGES
            if not all(
                (school[build_localized_fieldname(name, code)] or "").strip() not in ("", "<p></p>")
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


def selected_schools():
    """The officially selected schools, for the public list: the official
    Chinese name, the English name where known, the province, the batch, and
    the profile's URL once published. A school not yet published shows only
    what the ministry's published list says (its page row holds what the
    import wrote; later edits are unpublished revisions)."""
    selections = (
        BatchSelection.objects.filter(status=SelectionStatus.SELECTED)
        .select_related("school", "school__province", "batch")
        .order_by("batch__number", "school__official_name_zh")
    )
    return [
        {
            "name_zh": selection.school.official_name_zh,
            "name_en": selection.school.title_en if not selection.school.needs_english_name else "",
            "province": selection.school.province.name,
            "region": selection.school.province.region,
            "batch": selection.batch,
            "url": selection.school.url if selection.school.live else "",
        }
        for selection in selections
    ]


SEVERITY = {AT_RISK: 0, NEEDS_ATTENTION: 1, ON_TRACK: 2}


def schools_table():
    """Every selected school, worst status first, with the reason beside it."""
    last_year = timezone.localdate().year - 1
    rows, links = [], []
    entries = sorted(
        selected_school_signals(), key=lambda entry: (SEVERITY[school_status(entry[1])], entry[0]["title"])
    )
    yes, no = str(_("yes")), str(_("no"))
    # In the reader's language (``values()`` would give the default language's name).
    provinces = {province.pk: str(province) for province in Province.objects.all()}
    for school, signals in entries:
        status = school_status(signals)
        rows.append(
            [
                str(SCHOOL_STATUS_LABELS[status]),
                status_reason(signals),
                school["title"],
                provinces.get(school["province"], ""),
                school["batch_selections__batch__name"],
                yes if signals["no_programme"] else no,
                yes if signals["no_report"] else no,
                " ".join(signals["untranslated"]),
                yes if signals["stale"] else no,
            ]
        )
        links.append((reverse("wagtailadmin_pages:edit", args=[school["pk"]]), status))
    columns = [
        ("status", _("Status")),
        ("reason", _("Why")),
        ("school", _("School")),
        ("province", _("Province")),
        ("batch", _("Batch")),
        ("no_programme", _("No published programme")),
        ("no_report", _("No verified report for %(year)s") % {"year": last_year}),
        ("untranslated", _("Profile untranslated in")),
        ("stale", _("Not updated for 12 months")),
    ]
    return Table(
        "schools",
        str(_("Selected schools and their status")),
        columns,
        rows,
        links=links,
        # The status sorts by severity, not by its label's letters.
        sort_values={"status": [SEVERITY[status] for _url, status in links]},
    )


def status_summary_table():
    counts = {ON_TRACK: 0, NEEDS_ATTENTION: 0, AT_RISK: 0}
    for _school, signals in selected_school_signals():
        counts[school_status(signals)] += 1
    keys = (ON_TRACK, NEEDS_ATTENTION, AT_RISK)
    return Table(
        "status_summary",
        str(_("Selected schools by status")),
        [("status", _("Status")), ("schools", _("Schools"))],
        [[str(SCHOOL_STATUS_LABELS[key]), counts[key]] for key in keys],
        row_keys=keys,
        chart_value="schools",
    )


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


# --- Enquiries by school --------------------------------------------------------------


def enquiry_statistics():
    """Per school: enquiries received, still new (no answer yet), open (not
    closed), and the median time from receipt to first answer."""
    rows = (
        Enquiry.objects.values("school", "school__title")
        .annotate(
            total=Count("pk"),
            new=Count("pk", filter=Q(status=EnquiryStatus.NEW)),
            open=Count("pk", filter=~Q(status=EnquiryStatus.CLOSED)),
        )
        .order_by("-new", "school__title")
    )
    delays = {}
    for school_id, created_at, answered_at in Enquiry.objects.filter(answered_at__isnull=False).values_list(
        "school", "created_at", "answered_at"
    ):
        delays.setdefault(school_id, []).append(answered_at - created_at)
    result = []
    for row in rows:
        school_delays = delays.get(row["school"], [])
        median = statistics.median(school_delays) if school_delays else None
        result.append({**row, "median_hours": round(median.total_seconds() / 3600, 1) if median is not None else None})
    return result
