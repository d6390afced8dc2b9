"""The catalogue's content: schools, their international programmes, the fields
of study taxonomy, the three batches of selection and schools' yearly figures."""

import datetime
import decimal
import re
import unicodedata
from urllib.parse import urlsplit

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, prefetch_related_objects
from django.utils import formats, timezone, translation
from django.utils.dates import MONTHS
from django.utils.text import slugify
from django.utils.translation import get_language, get_language_info, gettext, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from django_countries.fields import CountryField

from portal.directory_cards import Ids, kept_cards, school_card
from portal.fragments import LazyValue, lazy_values, shared_value
from portal.languages import by_language, first_translation, join_list, translated_columns
from portal.page_access import PublicPageManager
from portal.public_version import process_value, public_value, public_values
from portal.routing import LocalizedSlugRouting
from programmes.panels import SchoolProgrammesPanel
from programmes.profile_rows import listed_partnership, listed_programme


class Region(models.TextChoices):
    """The East/Central/West division used by the East–West collaboration policy."""

    EAST = "east", _("East")
    CENTRAL = "central", _("Central")
    WEST = "west", _("West")


class Level(models.TextChoices):
    """Levels of vocational education, for schools and for programmes."""

    SECONDARY = "secondary", _("Secondary vocational")
    HIGHER = "higher", _("Higher vocational")
    UNDERGRADUATE = "undergraduate", _("Vocational undergraduate")
    NON_DEGREE = "non_degree", _("Non-degree training")


SCHOOL_LEVELS = [choice for choice in Level.choices if choice[0] != Level.NON_DEGREE]


class Province(models.Model):
    """A provincial-level division of mainland China (reference data, loaded by a
    migration from ``programmes/data/provinces.csv``)."""

    code = models.CharField(max_length=8, unique=True, help_text=_("ISO 3166-2:CN code, e.g. CN-GD."))
    name = models.CharField(max_length=80)
    region = models.CharField(max_length=10, choices=Region.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class FieldOfStudy(models.Model):
    """A UNESCO ISCED-F 2013 field of education and training: broad (2 digits),
    narrow (3) or detailed (4). Reference data loaded by a migration."""

    class Depth(models.TextChoices):
        BROAD = "broad", _("Broad field")
        NARROW = "narrow", _("Narrow field")
        DETAILED = "detailed", _("Detailed field")

    code = models.CharField(max_length=4, unique=True)
    depth = models.CharField(max_length=10, choices=Depth.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    name = models.CharField(max_length=160)

    class Meta:
        ordering = ["code"]
        verbose_name = _("field of study")
        verbose_name_plural = _("fields of study")

    def __str__(self):
        return f"{self.code} {self.name}"


class TeachingLanguage(models.Model):
    """A language a school or programme can teach in, by its ISO 639-1 code.

    Names come from Django's own translated language names, so they read in
    every interface language without extra translation work."""

    code = models.CharField(max_length=12, unique=True, help_text=_("ISO 639-1 code, e.g. fr."))

    class Meta:
        ordering = ["code"]
        verbose_name = _("teaching language")
        verbose_name_plural = _("teaching languages")

    def __str__(self):
        return self.name

    # Codes Django has no name for (it knows zh-hans and zh-hant, not zh).
    EXTRA_NAMES = {"zh": _("Chinese")}

    @property
    def name(self):
        if self.code in self.EXTRA_NAMES:
            return str(self.EXTRA_NAMES[self.code])
        try:
            return gettext(get_language_info(self.code)["name"])
        except KeyError:
            return self.code


class SchoolIndexPage(LocalizedSlugRouting, Page):
    """The school directory (``/schools/``): every published school, filtered by
    province, region and level. Editors find it under the home page."""

    objects = PublicPageManager()

    introduction = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["programmes.SchoolPage"]
    max_count = 1

    class Meta:
        verbose_name = _("school directory")

    PER_PAGE = 20

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        province = request.GET.get("province", "")
        region = request.GET.get("region", "")
        level = request.GET.get("level", "")
        # The published schools in the directory's order, read once per public
        # version and language: filtering, counting and paging them costs no
        # query whatever the number of schools.
        language = get_language()
        rows = process_value(f"school-directory:{self.pk}:{language}", self.directory_rows)
        if province:
            rows = [row for row in rows if row[1] == province]
        if region in Region.values:
            rows = [row for row in rows if row[2] == region]
        if level in Level.values:
            rows = [row for row in rows if row[3] == level]
        recognition = request.GET.get("recognition", "")
        # What only the filters' form shows is worked out when it is written
        # (the page's content is kept per public version and URL).
        choices = LazyValue(recognition_filter_choices)
        if recognition and recognition in dict(choices):
            holders = public_value(
                f"recognition-holders:{recognition}",
                lambda: set(SchoolPage.objects.filter(with_recognition(recognition)).values_list("pk", flat=True)),
            )
            rows = [row for row in rows if row[0] in holders]
        else:
            recognition = ""
        paginator = Paginator(Ids(rows), self.PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        # Each card written once per public version and language (directory_tags).
        page_obj.object_list = kept_cards("school", page_obj.object_list, request, directory_schools, school_card)
        context.update(
            schools=page_obj,
            paginator=paginator,
            provinces=LazyValue(lambda: public_value("provinces", lambda: list(Province.objects.all()))),
            regions=Region.choices,
            levels=SCHOOL_LEVELS,
            recognitions=choices,
            selected={"province": province, "region": region, "level": level, "recognition": recognition},
        )
        return context

    def directory_rows(self):
        """``(id, province code, region, level)`` of each published school,
        by title in the active language."""
        return list(
            SchoolPage.objects.live()
            .public()
            .child_of(self)
            .order_by("title")
            .values_list("pk", "province__code", "province__region", "level")
        )


def directory_schools(ids):
    """The schools of one page of the directory, in the order of ``ids``,
    each with its province and logo, kept per public version. Not with the
    logo's renditions (see ``ProgrammePage.own_rows``): Wagtail finds them in
    its rendition cache, one cache read per logo."""

    def load(missing):
        schools = SchoolPage.objects.filter(pk__in=missing).select_related("province", "logo")
        return {school.pk: school for school in schools}

    found = public_values("directory-school", ids, load)
    return [found[pk] for pk in ids if pk in found]


class SchoolPage(LocalizedSlugRouting, Page):
    """One vocational school's profile. Editors find it under the school
    directory; its programmes are its child pages and its partnerships are edited
    inline on this page."""

    objects = PublicPageManager()

    official_name_zh = models.CharField(
        _("official Chinese name"),
        max_length=120,
        help_text=_("The school's registered name in Chinese, e.g. 深圳职业技术大学."),
    )
    former_names = models.CharField(
        _("former names"),
        max_length=400,
        blank=True,
        help_text=_("Earlier names, separated by semicolons, so that searches for them still find the school."),
    )
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="schools", verbose_name=_("province"))
    city = models.CharField(_("city"), max_length=80, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=SCHOOL_LEVELS, default=Level.HIGHER)
    founded_year = models.PositiveSmallIntegerField(
        _("founding year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1850), MaxValueValidator(2100)],
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    fields_of_study = ParentalManyToManyField(
        FieldOfStudy, blank=True, related_name="schools", verbose_name=_("fields of study")
    )
    teaching_languages = ParentalManyToManyField(
        TeachingLanguage, blank=True, related_name="schools", verbose_name=_("teaching languages")
    )
    contact_department = models.CharField(
        _("contact office"),
        max_length=120,
        blank=True,
        help_text=_("The office that answers partnership enquiries, e.g. International Office."),
    )
    contact_email = models.EmailField(
        _("enquiry email"),
        blank=True,
        help_text=_("Enquiries are forwarded here. It is never shown to visitors."),
    )
    contact_language = models.CharField(
        _("language of the enquiry email"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="zh-hans",
    )
    is_sample = models.BooleanField(
        _("sample content"),
        default=False,
        help_text=_("Demo content, shown with a notice that it is an example."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("official_name_zh"),
                FieldPanel("former_names"),
                FieldRowPanel([FieldPanel("province"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("level"), FieldPanel("founded_year")]),
                FieldPanel("website"),
            ],
            heading=_("Identity"),
        ),
        InlinePanel(
            "recognitions",
            heading=_("Recognitions"),
            label=_("Recognition"),
            help_text=_(
                "Labels the school holds, with their year: the Double High Plan's category, tier and major "
                "groups, a Luban Workshop. Its selection in this portal's batches is shown with them."
            ),
        ),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("image")], heading=_("Pictures")),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("fields_of_study"),
                FieldPanel("teaching_languages", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Teaching"),
        ),
        SchoolProgrammesPanel(heading=_("Programmes")),
        MultiFieldPanel(
            [FieldPanel("contact_department"), FieldPanel("contact_email"), FieldPanel("contact_language")],
            heading=_("Partnership enquiries"),
        ),
        InlinePanel("partnerships", heading=_("Partnerships"), label=_("Partnership")),
        FieldPanel("is_sample"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("official_name_zh"),
        index.SearchField("former_names"),
        index.SearchField("introduction"),
        index.SearchField("city"),
        index.FilterField("level"),
        index.FilterField("province"),
    ]

    parent_page_types = ["programmes.SchoolIndexPage"]
    subpage_types = ["programmes.ProgrammePage"]
    # The profile and its structured data show the province, the logo and the picture.
    select_related_when_served = ("province", "logo", "image")

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")

    @property
    def region(self):
        return self.province.region

    def get_region_display(self):
        return Region(self.province.region).label

    # The profile lists the first few programmes and partnerships (the whole
    # lists are a link away: the catalogue and the partner directory filtered
    # by the school), so that a school with fifty of each still sends a page
    # under 60 KB in every language.
    PROFILE_PROGRAMMES = 12
    PROFILE_PARTNERSHIPS = 12

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Other pages and rows (its recognitions: its own rows and its batch
        # selection), which change only with the public version: read once
        # per version and language (a preview reads them as they are).
        if getattr(request, "is_preview", False):
            context.update(self.profile_lists())
            context.update(self.own_rows())
        else:
            # Read only when the page's content, kept per public version
            # (portal.fragments), is written.
            language = translation.get_language()
            context.update(
                lazy_values(
                    lambda: {
                        **shared_value(request, f"school-profile-lists:{language}", self.pk, self.profile_lists),
                        **shared_value(request, "school-rows", self.pk, self.own_rows),
                    },
                    self.PROFILE_ROWS,
                )
            )
        return context

    # What the profile shows of other pages and rows (``profile_lists``, ``own_rows``).
    PROFILE_ROWS = (
        "programmes",
        "programme_count",
        "partnerships",
        "partnership_count",
        "partner_directory_url",
        "recognitions",
        "fields_of_study",
        "teaching_languages",
    )

    def profile_lists(self):
        """What the profile lists of other pages: its first programmes (see
        ``programmes_of_school``) and partnerships with live partners (by
        the partner's name, with their history), and how many there are; and
        its recognitions."""
        programmes, programme_count = programmes_of_school(self, self.PROFILE_PROGRAMMES)
        partnerships = (
            self.partnerships.filter(partner__live=True)
            .select_related("partner")
            .prefetch_related("events")
            .order_by("partner__title")
        )
        partnership_count = partnerships.count()
        directory_url = ""
        if partnership_count > self.PROFILE_PARTNERSHIPS:
            # The partner directory, filtered by this school, lists them all
            # (asked through the app registry: partners sit above programmes).
            directory = apps.get_model("partners", "PartnerIndexPage").objects.live().public().first()
            directory_url = directory.url if directory is not None else ""
        # The rows as the page shows them (``programmes.profile_rows``).
        return {
            "programmes": [listed_programme(programme) for programme in programmes],
            "programme_count": programme_count,
            "partnerships": [listed_partnership(row) for row in partnerships[: self.PROFILE_PARTNERSHIPS]],
            "partnership_count": partnership_count,
            "partner_directory_url": directory_url or "",
            "recognitions": recognitions_of_school(self),
        }

    def own_rows(self):
        """What the profile shows of its own rows that do not depend on the
        language: its fields of study and teaching languages."""
        return {
            "fields_of_study": list(self.fields_of_study.all()),
            "teaching_languages": list(self.teaching_languages.all()),
        }

    def chinese_names(self):
        """Every Chinese name the school is or was known by: official name,
        Chinese title and former names."""
        return [self.official_name_zh, self.title_zh_hans, *split_former_names(self.former_names)]

    @property
    def former_name_list(self):
        """``(name, language code)`` of each former name, for the page to list
        them with the reader's punctuation (editors may type them with any
        separator), each marked with its own language: most are Chinese, some
        English ("Shenzhen Polytechnic")."""
        return [(name, script_language(name)) for name in split_former_names(self.former_names)]

    @property
    def needs_english_name(self):
        return not has_latin_letters(self.title_en)


FORMER_NAME_SEPARATORS = re.compile(r"[;；,，、\n]")


def split_former_names(text):
    """The former names typed in one field, separated by semicolons (or commas)."""
    return [name.strip() for name in FORMER_NAME_SEPARATORS.split(text or "") if name.strip()]


def school_name_key(value):
    """A school name as a matching key: NFKC (full-width letters and digits
    become half-width), every kind of whitespace removed, case folded."""
    value = unicodedata.normalize("NFKC", str(value or ""))
    return re.sub(r"\s+", "", value).casefold()


def has_latin_letters(value):
    return bool(re.search(r"[A-Za-z]", value or ""))


def script_language(name):
    """The language a school's name is in, as far as its letters tell:
    "zh-hans" with Chinese characters, "en" with Latin letters, else ""."""
    if re.search(r"[\u3400-\u9fff]", name):
        return "zh-hans"
    return "en" if has_latin_letters(name) else ""


def ascii_slug(text, fallback="school"):
    """An ASCII URL slug for a name in any script: Chinese in pinyin without
    tones (深圳职业技术大学 → shen-zhen-zhi-ye-ji-shu-da-xue), Latin letters as they are."""
    # pypinyin is imported here: it loads its dictionary (a few MB) on import.
    from pypinyin import lazy_pinyin

    text = unicodedata.normalize("NFKC", str(text or ""))
    return slugify(" ".join(lazy_pinyin(text)))[:80].strip("-") or fallback


class RecognitionKind(models.TextChoices):
    """What a school is recognised as. The values are also those of the
    recognition filter of the school directory and the catalogue."""

    DOUBLE_HIGH_SCHOOL = "double-high-school", _("Double High Plan: high-level school")
    DOUBLE_HIGH_MAJOR = "double-high-major", _("Double High Plan: high-level major group")
    LUBAN = "luban", _("Luban Workshop")
    OTHER = "other", _("Other recognition")


# The Double High Plan (中国特色高水平高职学校和专业建设计划) names a school either
# a high-level school or a high-level major group in each round, with a tier.
DOUBLE_HIGH_KINDS = (RecognitionKind.DOUBLE_HIGH_SCHOOL, RecognitionKind.DOUBLE_HIGH_MAJOR)
# The kinds readers filter by: another recognition is each school's own.
FILTERED_RECOGNITION_KINDS = [choice for choice in RecognitionKind.choices if choice[0] != RecognitionKind.OTHER]


class RecognitionTier(models.TextChoices):
    A = "A", _("Tier A")
    B = "B", _("Tier B")
    C = "C", _("Tier C")


class SchoolRecognition(Orderable):
    """A label a school holds, with its year: the Double High Plan's category
    (high-level school or high-level major group) with its tier and major
    groups, a Luban Workshop, or another recognition by its name. Edited
    inline on the school page (Recognitions) and recorded by the batch-list
    import; the profile lists them with the school's selection in this
    portal's batches (``recognitions_of_school``), which is not stored here."""

    school = ParentalKey(SchoolPage, on_delete=models.CASCADE, related_name="recognitions")
    kind = models.CharField(_("recognition"), max_length=20, choices=RecognitionKind.choices)
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("The year it was announced, e.g. 2019."),
    )
    tier = models.CharField(
        _("tier"),
        max_length=1,
        choices=RecognitionTier.choices,
        blank=True,
        help_text=_("Double High Plan only: A, B or C, as published."),
    )
    major_groups = models.CharField(
        _("major groups"),
        max_length=500,
        blank=True,
        help_text=_(
            "Double High Plan only: the groups' names as published, separated by 、 or semicolons, "
            "e.g. 智能制造专业群、数控技术专业群."
        ),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_(
            "As published: required for another recognition, optional for a Luban Workshop (e.g. 泰国鲁班工坊)."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("tier"), FieldPanel("major_groups")]),
        FieldPanel("name"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        errors = {}
        if self.kind not in DOUBLE_HIGH_KINDS:
            if self.tier:
                errors["tier"] = _("Only the Double High Plan has tiers.")
            if self.major_groups.strip():
                errors["major_groups"] = _("Only the Double High Plan names major groups.")
        if self.kind == RecognitionKind.OTHER and not self.name.strip():
            errors["name"] = _("Give the name of the recognition as published.")
        if errors:
            raise ValidationError(errors)

    @property
    def major_group_names(self):
        return split_former_names(self.major_groups)

    @property
    def major_group_languages(self):
        """``(name, language code)`` of each major group, for the page to mark
        them with their language (they are published in Chinese)."""
        return [(name, script_language(name)) for name in self.major_group_names]

    @property
    def name_language(self):
        return script_language(self.name)

    def phrase(self):
        """``(sentence, values)``: the recognition in the active language with
        its placeholders, e.g. "Double High Plan: high-level school, tier
        %(tier)s (%(year)s)", so that a page can mark the values (the name)
        with their language before they go in."""
        values = {"tier": self.tier, "year": self.year, "name": self.name}
        if self.kind == RecognitionKind.DOUBLE_HIGH_SCHOOL:
            if self.tier:
                return gettext("Double High Plan: high-level school, tier %(tier)s (%(year)s)"), values
            return gettext("Double High Plan: high-level school (%(year)s)"), values
        if self.kind == RecognitionKind.DOUBLE_HIGH_MAJOR:
            if self.tier:
                return gettext("Double High Plan: high-level major group, tier %(tier)s (%(year)s)"), values
            return gettext("Double High Plan: high-level major group (%(year)s)"), values
        if self.kind == RecognitionKind.LUBAN:
            if self.name:
                return gettext("Luban Workshop: %(name)s (%(year)s)"), values
            return gettext("Luban Workshop (%(year)s)"), values
        return pgettext("a recognition's name and its year", "%(name)s (%(year)s)"), values

    @property
    def text(self):
        """The recognition in the active language, as plain text."""
        sentence, values = self.phrase()
        return sentence % values


class BatchRecognition:
    """A school's selection in one of this portal's batches, listed among its
    recognitions: read from its ``BatchSelection``, never stored twice."""

    kind = "batch"
    name = ""
    name_language = ""
    major_group_languages = ()

    def __init__(self, number, year):
        self.number = number
        self.year = year

    def phrase(self):
        return gettext("Selected in batch %(number)s (%(year)s)"), {"number": self.number, "year": self.year}

    @property
    def text(self):
        sentence, values = self.phrase()
        return sentence % values


BATCH_FILTER_PREFIX = "batch-"


def recognition_filter_choices():
    """``[(value, label)]`` of the school directory's recognition filter in
    the active language: the recognitions readers filter by, then a
    selection in each of this portal's batches (``batch-1``…). The batches
    are read once per public version."""
    batches = public_value(
        "recognition-batches", lambda: list(Batch.objects.order_by("number").values_list("number", "year"))
    )
    return [(value, str(label)) for value, label in FILTERED_RECOGNITION_KINDS] + [
        (f"{BATCH_FILTER_PREFIX}{number}", BatchRecognition(number, year).text) for number, year in batches
    ]


def with_recognition(value):
    """A filter of ``SchoolPage`` for the schools holding a recognition:
    a kind of ``RecognitionKind``, or ``batch-N`` for a selection in batch N."""
    if value.startswith(BATCH_FILTER_PREFIX):
        rows = BatchSelection.objects.filter(
            status=SelectionStatus.SELECTED, batch__number=value.removeprefix(BATCH_FILTER_PREFIX)
        )
    else:
        rows = SchoolRecognition.objects.filter(kind=value)
    return Exists(rows.filter(school=OuterRef("pk")))


def recognitions_of_school(school):
    """What a school's profile lists as its recognitions: its own, in the
    editors' order (a preview's unsaved rows too), then its selection in this
    portal's batches when it stands. Two queries."""
    selections = BatchSelection.objects.filter(school_id=school.pk, status=SelectionStatus.SELECTED).values_list(
        "batch__number", "batch__year"
    )
    return [*school.recognitions.all(), *(BatchRecognition(number, year) for number, year in selections)]


class ImportColumnAlias(models.Model):
    """A column heading of a published list that a ministry editor said holds
    one of the import's fields (e.g. 学校全称 → Chinese name): later imports
    of the same kind of list read that heading the same way. Kept when an
    editor chooses the columns in the import's preview. One heading may mean
    different fields in different lists (名称 is a school in a batch list, a
    partner in a partner list)."""

    import_list = models.CharField(
        _("list"),
        max_length=20,
        default="schools",
        help_text=_("The kind of list: schools (batch lists), register (programmes) or partners."),
    )
    heading = models.CharField(_("column heading"), max_length=200)
    field = models.CharField(_("field"), max_length=20)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chosen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("import column heading")
        verbose_name_plural = _("import column headings")
        constraints = [
            models.UniqueConstraint(fields=["import_list", "heading"], name="one_field_per_heading_and_list"),
        ]

    def __str__(self):
        return f"{self.heading} → {self.field}"


class ProgrammeType(models.TextChoices):
    TRAINING_CENTRE = "training_centre", _("Overseas training centre / workshop abroad")
    JOINT_PROGRAMME = "joint_programme", _("Joint programme with a foreign college")
    EXCHANGE = "exchange", _("Student exchange")
    TEACHER_TRAINING = "teacher_training", _("Teacher training")
    SHORT_COURSE = "short_course", _("Short course")
    ONLINE_COURSE = "online_course", _("Online course")
    STANDARD = "standard", _("Co-developed standard or curriculum")


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_CONSTRUCTION = "under_construction", _("Under construction")
    OPEN = "open", _("Open for applications")
    RUNNING = "running", _("Running")
    CLOSED = "closed", pgettext_lazy("programme status", "Closed")


class ProgrammeCertainty(models.TextChoices):
    """How sure the facts of a programme page are: a register gathers facts of
    every kind, from a school's own word to a news item nobody checked."""

    CONFIRMED = "confirmed", _("Confirmed by the school")
    OFFICIAL = "official", _("From an official source")
    REPORTED = "reported", _("Reported, not verified")


class DurationUnit(models.TextChoices):
    DAYS = "days", _("days")
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("months")
    YEARS = "years", _("years")


# Days in one unit, for the duration band: close enough to compare lengths.
DAYS_PER_UNIT = {DurationUnit.DAYS: 1, DurationUnit.WEEKS: 7, DurationUnit.MONTHS: 30, DurationUnit.YEARS: 365}


class FeeKind(models.TextChoices):
    FREE = "free", _("Free")
    PAID = "paid", _("Fee-paying")
    SPONSORED = "sponsored", _("Paid by an employer or sponsor")


class FeePeriod(models.TextChoices):
    PROGRAMME = "programme", _("for the whole programme")
    YEAR = "year", _("per year")
    SEMESTER = "semester", _("per semester")


# ISO 4217 codes of the currencies programmes are priced in.
CURRENCIES = [
    "CNY",
    "USD",
    "EUR",
    "GBP",
    "HKD",
    "JPY",
    "KRW",
    "SGD",
    "THB",
    "VND",
    "IDR",
    "MYR",
    "INR",
    "PKR",
    "KZT",
    "UZS",
    "RUB",
    "AED",
    "SAR",
    "EGP",
    "MAD",
    "NGN",
    "KES",
    "ZAR",
    "BRL",
    "MXN",
    "AUD",
    "CHF",
]


def duration_text(number, unit):
    """ "12 weeks" in the active language, with its plural form; "" without a duration."""
    if not number or unit not in DurationUnit.values:
        return ""
    if unit == DurationUnit.DAYS:
        text = ngettext("%(count)s day", "%(count)s days", number)
    elif unit == DurationUnit.WEEKS:
        text = ngettext("%(count)s week", "%(count)s weeks", number)
    elif unit == DurationUnit.MONTHS:
        text = ngettext("%(count)s month", "%(count)s months", number)
    else:
        text = ngettext("%(count)s year", "%(count)s years", number)
    return text % {"count": formats.number_format(number)}


def money_text(amount, currency):
    """An amount with its ISO 4217 currency code, grouped as the active
    language writes numbers ("CNY 16,000", "16 000 CNY")."""
    amount = decimal.Decimal(amount)
    places = 0 if amount == amount.to_integral_value() else 2
    number = formats.number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)
    return gettext("%(currency)s %(amount)s") % {"currency": currency, "amount": number}


def fees_text(kind, amount=None, currency="", period=FeePeriod.PROGRAMME):
    """What a participant pays, in the active language: "Free", "CNY 16,000
    per year"…; "" when the fees are not given."""
    if kind in (FeeKind.FREE, FeeKind.SPONSORED):
        return str(FeeKind(kind).label)
    if kind != FeeKind.PAID:
        return ""
    if amount is None or not currency:
        return str(FeeKind.PAID.label)
    money = money_text(amount, currency)
    if period == FeePeriod.YEAR:
        return gettext("%(money)s per year") % {"money": money}
    if period == FeePeriod.SEMESTER:
        return gettext("%(money)s per semester") % {"money": money}
    return gettext("%(money)s for the whole programme") % {"money": money}


def month_text(day):
    """A month and its year in the active language ("September 2026", "2026年9月")."""
    return formats.date_format(day, "YEAR_MONTH_FORMAT") if day else ""


def first_of_month(day):
    return day.replace(day=1)


def add_months(day, months):
    """The first day of the month ``months`` after ``day``'s."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


class ProgrammePage(LocalizedSlugRouting, Page):
    """One international programme of a school: a training centre abroad, a
    joint programme, an exchange... Editors find it under its school."""

    objects = PublicPageManager()

    programme_type = models.CharField(_("type"), max_length=30, choices=ProgrammeType.choices)
    fields_of_study = ParentalManyToManyField(
        FieldOfStudy,
        verbose_name=_("fields of study"),
        related_name="programmes",
        help_text=_(
            "The ISCED-F 2013 fields the programme teaches, as precise as you can (narrow or detailed): "
            "a centre with several specialties has several."
        ),
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.HIGHER)
    delivery_country = CountryField(_("country where delivered"))
    delivery_city = models.CharField(_("city where delivered"), max_length=80, blank=True)
    teaching_languages = ParentalManyToManyField(
        TeachingLanguage, verbose_name=_("languages of teaching"), blank=True, related_name="programmes"
    )
    duration_number = models.PositiveSmallIntegerField(
        _("duration"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(999)],
        help_text=_("How long the programme lasts, as a number: 12 for twelve weeks."),
    )
    duration_unit = models.CharField(
        _("unit of the duration"),
        max_length=6,
        choices=DurationUnit.choices,
        blank=True,
        help_text=_("Days, weeks, months or years. Leave both empty if the length varies."),
    )
    # The duration in days (a month counts 30, a year 365), kept in step with
    # the number and unit by save(): the duration band facet reads one column.
    duration_days = models.PositiveIntegerField(null=True, blank=True, editable=False)
    capacity = models.PositiveIntegerField(
        _("places per intake"), null=True, blank=True, help_text=_("How many participants one intake takes.")
    )
    fee_kind = models.CharField(
        _("fees"),
        max_length=10,
        choices=FeeKind.choices,
        blank=True,
        help_text=_("Who pays. Give an amount only when participants pay fees themselves."),
    )
    fee_amount = models.DecimalField(
        _("amount of the fees"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("A number without the currency, e.g. 16000."),
    )
    fee_currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=[(code, code) for code in CURRENCIES],
        blank=True,
        help_text=_("The currency of the amount."),
    )
    fee_period = models.CharField(
        _("the amount is"),
        max_length=10,
        choices=FeePeriod.choices,
        default=FeePeriod.PROGRAMME,
        help_text=_("Whether the amount is for the whole programme, a year or a semester."),
    )
    fees_cover = models.TextField(
        _("what the fees cover"),
        blank=True,
        help_text=_("e.g. tuition, teaching materials and accommodation; say what participants pay on top."),
    )
    scholarships = models.TextField(
        _("scholarships"),
        blank=True,
        help_text=_("Grants or waivers participants can apply for, and who can get them."),
    )
    entry_requirements = models.TextField(
        _("entry requirements"),
        blank=True,
        help_text=_("Schooling, work experience or age the participants need. Language levels go below."),
    )
    contact_role = models.CharField(
        _("who answers enquiries"),
        max_length=160,
        blank=True,
        help_text=_(
            "The role of the person or office that answers, e.g. International Office, programme coordinator. "
            "No names of persons, addresses or emails: enquiries reach the school through the form."
        ),
    )
    website = models.URLField(
        _("programme web page"), blank=True, help_text=_("A page with more about the programme, on any site.")
    )
    other_details = models.TextField(
        _("other details"),
        blank=True,
        help_text=_("Anything else a partner should know that has no field of its own."),
    )
    certificates = models.TextField(
        _("certificates awarded"),
        blank=True,
        help_text=_("Diplomas and vocational skill certificates, one per line."),
    )
    status = models.CharField(_("status"), max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.OPEN)
    opening_year = models.PositiveSmallIntegerField(
        _("year it opened"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
        help_text=_("The year the programme opened or will open, e.g. 2019."),
    )
    opening_month = models.PositiveSmallIntegerField(
        _("month it opened"),
        null=True,
        blank=True,
        choices=list(MONTHS.items()),
        help_text=_("Only if the month is known."),
    )
    description = RichTextField(_("description"), blank=True, features=["h3", "bold", "italic", "link", "ol", "ul"])
    certainty = models.CharField(
        _("how sure the facts are"),
        max_length=10,
        choices=ProgrammeCertainty.choices,
        blank=True,
        help_text=_(
            "Whether the school confirmed these facts, they come from an official source, or they were reported "
            "and not verified. Shown next to the sources."
        ),
    )
    other_chinese_schools = models.TextField(
        _("other co-operating Chinese schools"),
        blank=True,
        help_text=_(
            "Chinese schools that run this programme too but have no profile in the portal, one per line, named as "
            "published. They show as names, without a link; once a school has a profile, add it above instead."
        ),
    )
    is_sample = models.BooleanField(_("sample content"), default=False)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("programme_type"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("opening_year"), FieldPanel("opening_month")]),
                FieldPanel("fields_of_study"),
                FieldPanel("level"),
            ],
            heading=_("Key facts"),
        ),
        InlinePanel(
            "cooperating_schools",
            heading=_("Co-operating Chinese schools"),
            label=_("Co-operating school"),
            help_text=_(
                "Other Chinese schools that run this programme with your school. "
                "It shows on their profiles and counts for each of them."
            ),
        ),
        FieldPanel("other_chinese_schools"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("delivery_country"), FieldPanel("delivery_city")]),
                FieldPanel("teaching_languages", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Where and in which languages"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("duration_number"), FieldPanel("duration_unit")]),
                FieldPanel("capacity"),
            ],
            heading=_("Length and places"),
        ),
        InlinePanel(
            "intakes",
            heading=_("Start dates"),
            label=_("Start date"),
            help_text=_("Each start (intake) with its month, and the last day to apply if there is one."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("fee_kind"),
                FieldRowPanel([FieldPanel("fee_amount"), FieldPanel("fee_currency"), FieldPanel("fee_period")]),
                FieldPanel("fees_cover"),
                FieldPanel("scholarships"),
            ],
            heading=_("Fees"),
        ),
        MultiFieldPanel(
            [FieldPanel("entry_requirements"), FieldPanel("certificates")],
            heading=_("Requirements and certificates"),
        ),
        InlinePanel(
            "language_requirements",
            heading=_("Language requirements"),
            label=_("Language requirement"),
            max_num=3,
        ),
        MultiFieldPanel([FieldPanel("contact_role"), FieldPanel("website")], heading=_("Contact and link")),
        FieldPanel("description"),
        InlinePanel("pictures", heading=_("Pictures"), label=_("Picture"), max_num=6),
        FieldPanel("other_details"),
        InlinePanel("partner_links", heading=_("Partner institutions involved"), label=_("Partner")),
        InlinePanel(
            "sources",
            heading=_("Sources"),
            label=_("Source"),
            help_text=_("Where the facts of this page come from: a web page, a register, an announcement."),
        ),
        FieldPanel("certainty"),
        FieldPanel("is_sample"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("delivery_city"),
        index.SearchField("certificates"),
        index.FilterField("programme_type"),
        index.FilterField("status"),
        index.FilterField("level"),
        index.FilterField("delivery_country"),
    ]

    parent_page_types = ["programmes.SchoolPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    @property
    def school(self):
        # The parent page by its path: one query, not two (``get_parent``, then the school),
        # with what the programme page shows of it (its picture in link previews).
        return SchoolPage.objects.select_related("province", "logo", "image").get(path=self.path[: -self.steplen])

    @property
    def delivered_in_china(self):
        return self.delivery_country == "CN"

    def clean(self):
        super().clean()
        errors = {}
        if bool(self.duration_number) != bool(self.duration_unit):
            field = "duration_unit" if self.duration_number else "duration_number"
            errors[field] = _("Give the duration as a number and a unit together, or leave both empty.")
        if self.fee_kind == FeeKind.PAID:
            if self.fee_amount is not None and not self.fee_currency:
                errors["fee_currency"] = _("Choose the currency of the amount.")
            if self.fee_currency and self.fee_amount is None:
                errors["fee_amount"] = _("Give the amount in this currency, or leave the currency empty.")
        elif self.fee_amount is not None or self.fee_currency:
            errors["fee_amount"] = _("An amount goes only with fees that participants pay (“Fee-paying”).")
        if self.opening_month and not self.opening_year:
            errors["opening_year"] = _("Give the year too: the month alone is not a date.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.duration_days = (
            self.duration_number * DAYS_PER_UNIT[self.duration_unit]
            if self.duration_number and self.duration_unit in DAYS_PER_UNIT
            else None
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"duration_number", "duration_unit"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "duration_days"}
        return super().save(*args, **kwargs)

    @property
    def duration_display(self):
        return duration_text(self.duration_number, self.duration_unit)

    @property
    def opening_display(self):
        """When it opened, as precisely as it is known: "March 2019", "2019年3月", "2019"."""
        return opening_text(self.opening_year, self.opening_month)

    @property
    def opening_iso(self):
        """The opening date as ISO 8601 at its precision ("2019-03", "2019"); "" when not known."""
        if not self.opening_year:
            return ""
        return f"{self.opening_year:04d}-{self.opening_month:02d}" if self.opening_month else f"{self.opening_year:04d}"

    @property
    def other_chinese_school_names(self):
        """``[(name, language)]``: the co-operating schools the portal does not
        hold, as published (one per line), each with its language ("zh-hans"
        for a name in Chinese characters, "" otherwise) for the page to mark it."""
        names = [line.strip() for line in (self.other_chinese_schools or "").splitlines() if line.strip()]
        return [(name, "zh-hans" if re.search(r"[\u3400-\u9fff]", name) else "") for name in names]

    def cooperating_school_pages(self):
        """The co-operating schools other than the lead school, in the editor's order, each once."""
        lead_path = self.path[: -self.steplen] if self.path else None
        seen = set()
        schools = []
        # Rows written without an order (scripts, imports) come last, the same on
        # every database; sorted here so that a preview's unsaved rows sort too.
        links = sorted(
            self.cooperating_schools.select_related("school"),
            key=lambda link: (link.sort_order is None, link.sort_order or 0, link.pk or 0),
        )
        for link in links:
            school = link.school
            if school is None or school.pk in seen or school.path == lead_path:
                continue
            seen.add(school.pk)
            schools.append(school)
        return schools

    @property
    def fees_display(self):
        return fees_text(self.fee_kind, self.fee_amount, self.fee_currency, self.fee_period)

    def upcoming_intakes(self, today=None, intakes=None):
        """Intakes starting this month or later, soonest first (of ``intakes``,
        by default the page's own)."""
        this_month = first_of_month(today or timezone.localdate())
        return sorted(
            (
                intake
                for intake in (self.intakes.all() if intakes is None else intakes)
                if intake.starts_on and intake.starts_on >= this_month
            ),
            key=lambda intake: intake.starts_on,
        )

    def linked_pages(self):
        """What the page shows of other pages: its lead school, its live
        co-operating schools and its links to live partners."""
        return {
            "school": self.school,
            "cooperating_schools": [
                school for school in self.cooperating_school_pages() if school.live and school.url is not None
            ],
            "partner_links": list(
                self.partner_links.filter(partner__live=True).select_related("partner").order_by("sort_order")
            ),
        }

    def own_rows(self):
        """What the page shows of its own related rows: fields of study,
        teaching languages, every intake, language requirements, pictures
        (with their renditions) and sources."""
        # Read once for the page and its structured data (``portal.structured_data``).
        prefetch_related_objects([self], "fields_of_study", "teaching_languages")
        # Without their renditions: kept per version, a prefetched (and so
        # final) list of renditions would be the one before the first view
        # made them, and Wagtail would make them again on every view; Wagtail
        # finds them in its rendition cache instead.
        pictures = self.pictures.select_related("image")
        return {
            "teaching_languages": list(self.teaching_languages.all()),
            "fields_of_study": list(self.fields_of_study.all()),
            "all_intakes": list(self.intakes.all()),
            "language_requirements": list(self.language_requirements.select_related("language")),
            "pictures": [picture for picture in pictures if picture.image],
            "sources": list(self.sources.all()),
        }

    # What the page's template and structured data show of other pages and rows.
    SHOWN_ROWS = (
        "cooperating_schools",
        "partner_links",
        "teaching_languages",
        "fields_of_study",
        "language_requirements",
        "pictures",
        "sources",
        "teaching_language_names",
        "website_host",
        "intakes",
    )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The other pages, and the page's own rows, change only with the
        # public version: read once per version, except in a preview, which
        # shows the editor's unsaved links and rows.
        if getattr(request, "is_preview", False):
            context.update(self.shown_rows(self.linked_pages(), self.own_rows()))
            return context
        # The lead school for the enquiry form of every request; the rest only
        # for what is kept per public version (the page's content, its
        # structured data: portal.fragments), read when that is written.
        context["school"] = shared_value(request, "programme-school", self.pk, lambda: self.school)
        context.update(
            lazy_values(
                lambda: self.shown_rows(
                    shared_value(request, "programme-links", self.pk, self.linked_pages),
                    shared_value(request, "programme-rows", self.pk, self.own_rows),
                ),
                self.SHOWN_ROWS,
            )
        )
        return context

    def shown_rows(self, links, rows):
        """``SHOWN_ROWS`` from ``linked_pages`` and ``own_rows``."""
        shown = {**links, **rows}
        shown["teaching_language_names"] = join_list(language.name for language in shown["teaching_languages"])
        shown["website_host"] = urlsplit(self.website).hostname if self.website else ""
        shown["intakes"] = self.upcoming_intakes(intakes=shown.pop("all_intakes"))
        return shown


def opening_text(year, month=None):
    """A year, or a month of a year, in the active language ("March 2019", "2019年3月", "2019年")."""
    if not year:
        return ""
    if month in MONTHS:
        return month_text(datetime.date(year, month, 1))
    return pgettext("a year on its own, e.g. 2019", "%(year)s") % {"year": year}


def programmes_of_school(school, limit=None):
    """``(programmes, count)``: the published programmes a school's profile
    lists, its own (child pages) and those it runs with another school as a
    co-operating school, each once, by title in the reader's language; the
    first ``limit`` of them (all without), and how many there are. A
    co-operated programme has ``is_cooperation`` set and ``lead_school`` (its
    lead school's page). The titles of all are read, the pages of the listed
    ones only."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    rows = (
        ProgrammePage.objects.live()
        .public()
        .filter(
            models.Q(path__startswith=school.path, depth=school.depth + 1)
            | models.Q(cooperating_schools__school=school)
        )
        .order_by()
        .distinct()
        .values_list("pk", *translated_columns("title"))
    )
    order = []
    for pk, *titles in rows:
        [title_in] = by_language(titles)
        order.append((str(first_translation(title_in.get, language)[0]).casefold(), pk))
    order.sort()
    listed = [pk for _title, pk in order[:limit]]
    by_id = ProgrammePage.objects.in_bulk(listed)
    programmes = [by_id[pk] for pk in listed if pk in by_id]
    lead_paths = {programme.path[: -programme.steplen] for programme in programmes}
    leads = {page.path: page for page in SchoolPage.objects.filter(path__in=lead_paths - {school.path})}
    for programme in programmes:
        lead_path = programme.path[: -programme.steplen]
        programme.is_cooperation = lead_path != school.path
        programme.lead_school = leads.get(lead_path) if programme.is_cooperation else school
    return programmes, len(order)


class ProgrammeSchool(Orderable):
    """A Chinese school that runs a programme together with its lead school (the
    programme's parent page): an overseas centre is often run by several.
    Edited inline on the programme page (Co-operating Chinese schools); the
    programme shows on the school's profile and counts for it in the
    catalogue's facets and the ministry's figures."""

    programme = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="cooperating_schools")
    school = models.ForeignKey(
        SchoolPage,
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        related_name="cooperating_programme_links",
    )

    panels = [FieldPanel("school")]

    class Meta(Orderable.Meta):
        verbose_name = _("co-operating school")
        verbose_name_plural = _("co-operating schools")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "school"],
                name="one_link_per_programme_and_school",
                violation_error_message=_("This school is already listed."),
            ),
        ]

    def __str__(self):
        return str(self.school)


class ProgrammeSource(Orderable):
    """Where a programme's facts come from: a web page, a register, an
    announcement, with its title and date. Edited inline on the programme page
    and listed under "Sources" on it."""

    programme = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(_("address (URL)"), max_length=500)
    title = models.CharField(_("title"), max_length=300, help_text=_("The title of the page or document."))
    published_on = models.DateField(
        _("date"), null=True, blank=True, help_text=_("When it was published (or read, if it has no date).")
    )

    panels = [FieldPanel("url"), FieldRowPanel([FieldPanel("title"), FieldPanel("published_on")])]

    class Meta(Orderable.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.title or self.url

    @property
    def host(self):
        return urlsplit(self.url).hostname or ""


class ProgrammeIntake(Orderable):
    """One start of a programme (an intake), to the month, with the last day to
    apply for it. Edited inline on the programme page (Start dates)."""

    programme = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="intakes")
    start_month = models.PositiveSmallIntegerField(_("month"), choices=list(MONTHS.items()))
    start_year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    application_deadline = models.DateField(
        _("application deadline"), null=True, blank=True, help_text=_("The last day to apply, if there is one.")
    )
    # The first day of the start month, kept in step by save(): what the
    # facet index, sorting and schema.org read.
    starts_on = models.DateField(null=True, blank=True, editable=False)

    panels = [FieldRowPanel([FieldPanel("start_month"), FieldPanel("start_year"), FieldPanel("application_deadline")])]

    class Meta(Orderable.Meta):
        verbose_name = _("start date")
        verbose_name_plural = _("start dates")

    def __str__(self):
        return month_text(self.starts_on) if self.starts_on else ""

    def clean(self):
        super().clean()
        self.starts_on = self.first_day()
        if self.starts_on and self.application_deadline:
            if self.application_deadline >= add_months(self.starts_on, 1):
                raise ValidationError(
                    {"application_deadline": _("The deadline must come before the end of the start month.")}
                )

    def save(self, *args, **kwargs):
        self.starts_on = self.first_day()
        return super().save(*args, **kwargs)

    def first_day(self):
        if self.start_year and self.start_month in MONTHS:
            return datetime.date(self.start_year, self.start_month, 1)
        return None

    @property
    def month_display(self):
        return month_text(self.starts_on)


# Levels of the Common European Framework (CEFR) and of China's HSK test.
LANGUAGE_LEVELS = [(level, level) for level in ("A1", "A2", "B1", "B2", "C1", "C2")]
LANGUAGE_LEVELS += [(f"HSK{grade}", f"HSK {grade}") for grade in range(1, 7)]


class ProgrammeLanguageRequirement(Orderable):
    """The level of a language participants need, on the CEFR scale (A1–C2) or,
    for Chinese, the HSK's (1–6). Edited inline on the programme page."""

    programme = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="language_requirements")
    language = models.ForeignKey(
        TeachingLanguage, verbose_name=_("language"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(
        _("level"),
        max_length=4,
        choices=LANGUAGE_LEVELS,
        help_text=_("A1 (beginner) to C2 (mastery) on the CEFR scale; HSK 1 to 6 for Chinese only."),
    )

    panels = [FieldRowPanel([FieldPanel("language"), FieldPanel("level")])]

    class Meta(Orderable.Meta):
        verbose_name = _("language requirement")
        verbose_name_plural = _("language requirements")

    def __str__(self):
        return self.display

    @property
    def is_hsk(self):
        return self.level.startswith("HSK")

    def clean(self):
        super().clean()
        if self.is_hsk and self.language_id and self.language.code != "zh":
            raise ValidationError({"level": _("HSK levels measure Chinese only: choose a CEFR level.")})

    @property
    def display(self):
        """ "English: CEFR level B2" in the active language."""
        language = self.language.name if self.language_id else ""
        if self.is_hsk:
            return gettext("%(language)s: HSK level %(level)s") % {"language": language, "level": self.level[3:]}
        return gettext("%(language)s: CEFR level %(level)s") % {"language": language, "level": self.level}


class ProgrammePicture(Orderable):
    """One of up to six pictures of a programme, with a caption that also
    describes it to readers who cannot see it. Edited inline on the programme page."""

    programme = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="pictures")
    # The row is the picture: deleting the image deletes it rather than leaving an empty row.
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(
        _("caption"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, in a sentence: shown under it and read aloud to blind readers."),
    )

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("picture")
        verbose_name_plural = _("pictures")


class Batch(models.Model):
    """One of the three batches of selection of internationalized schools.
    Ministry editors manage batches in the admin (Batches)."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    name = models.CharField(_("name"), max_length=120)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    quota = models.PositiveIntegerField(_("quota"), help_text=_("How many schools this batch should select."))

    panels = [FieldPanel("number"), FieldPanel("name"), FieldPanel("year"), FieldPanel("quota")]

    class Meta:
        ordering = ["number"]
        verbose_name = _("batch")
        verbose_name_plural = _("batches")

    def __str__(self):
        return self.name


class SelectionStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    SELECTED = "selected", _("Selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class BatchSelection(models.Model):
    """A school in a batch: nominated, selected or withdrawn. Only ministry
    editors change it; a school is in at most one batch at a time."""

    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="selections")
    school = models.ForeignKey(SchoolPage, on_delete=models.CASCADE, related_name="batch_selections")
    status = models.CharField(
        _("status"), max_length=10, choices=SelectionStatus.choices, default=SelectionStatus.NOMINATED
    )
    decided_on = models.DateField(_("date of the decision"), default=datetime.date.today)

    class Meta:
        verbose_name = _("batch selection")
        verbose_name_plural = _("batch selections")
        constraints = [
            models.UniqueConstraint(fields=["school"], name="one_batch_per_school"),
        ]

    def __str__(self):
        return f"{self.school} – {self.batch} ({self.get_status_display()})"


class BatchDecision(models.Model):
    """The history of a selection: who changed it, when, from what to what."""

    selection = models.ForeignKey(BatchSelection, on_delete=models.CASCADE, related_name="decisions")
    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="+")
    from_status = models.CharField(max_length=10, choices=SelectionStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=SelectionStatus.choices)
    decided_on = models.DateField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("batch decision")
        verbose_name_plural = _("batch decisions")

    def __str__(self):
        return f"{self.selection.school} {self.from_status or '–'} → {self.to_status} ({self.decided_on})"


class YearlyReportQuerySet(models.QuerySet):
    """Yearly reports; ``verified()`` are the only ones that count in public totals."""

    def verified(self):
        return self.filter(verified_at__isnull=False)


class YearlyReport(ClusterableModel):
    """A school's international figures for one year. A school editor files
    their own school's report; a ministry editor verifies it, and only verified
    figures count in public totals."""

    FIGURES = [
        "programmes_running",
        "students_trained_abroad",
        "international_students",
        "teachers_sent_abroad",
        "foreign_teachers",
        "standards_developed",
        "enterprises_served",
    ]

    school = models.ForeignKey(SchoolPage, on_delete=models.CASCADE, related_name="yearly_reports")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000)])
    programmes_running = models.PositiveIntegerField(_("international programmes running"), default=0)
    students_trained_abroad = models.PositiveIntegerField(_("students trained abroad"), default=0)
    international_students = models.PositiveIntegerField(_("international students hosted"), default=0)
    teachers_sent_abroad = models.PositiveIntegerField(_("teachers sent abroad"), default=0)
    foreign_teachers = models.PositiveIntegerField(_("foreign teachers"), default=0)
    standards_developed = models.PositiveIntegerField(_("standards and textbooks co-developed"), default=0)
    enterprises_served = models.PositiveIntegerField(_("enterprises abroad served"), default=0)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = YearlyReportQuerySet.as_manager()

    class Meta:
        ordering = ["school", "-year"]
        verbose_name = _("yearly report")
        verbose_name_plural = _("yearly reports")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "year"],
                name="one_report_per_school_and_year",
                violation_error_message=_("This school already has a report for this year: edit that one instead."),
            ),
        ]

    def __str__(self):
        return f"{self.school} {self.year}"

    @property
    def is_verified(self):
        return self.verified_at is not None

    def clean(self):
        super().clean()
        if self.year and self.year > timezone.localdate().year:
            raise ValidationError({"year": _("A report cannot be filed for a year that has not started.")})


class YearlyReportEvidence(Orderable):
    """A file that backs a yearly report's figures (a list, a contract, a photo)."""

    report = ParentalKey(YearlyReport, on_delete=models.CASCADE, related_name="evidence")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    description = models.CharField(_("description"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("description")]
