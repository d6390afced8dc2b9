"""Foreign partner institutions, the partnerships schools have with them, and
the enquiries partners send to schools."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import RegexValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import get_language, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from django_countries import countries
from django_countries.fields import CountryField

from portal.choices import ChoiceLabels
from portal.directory_cards import Ids, kept_cards, partner_card
from portal.fragments import lazy_values, shared_value
from portal.page_access import PublicPageManager
from portal.public_version import process_value, public_value, public_values
from portal.routing import LocalizedSlugRouting
from programmes.models import ProgrammePage, SchoolPage
from programmes.profile_rows import listed_partner_programme, listed_school_partnership


class PartnerKind(models.TextChoices):
    """What a partner is. A company is an enterprise: a Chinese company in China
    is an enterprise whose country is China; a Chinese company's branch abroad is
    a Chinese enterprise abroad. Neither is a foreign partner."""

    COLLEGE = "college", _("College")
    APPLIED_SCIENCES = "applied_sciences", _("University of applied sciences")
    POLYTECHNIC = "polytechnic", _("Polytechnic")
    UNIVERSITY = "university", _("University")
    AGENCY = "agency", _("Ministry or agency")
    ENTERPRISE = "enterprise", _("Enterprise")
    CHINESE_ENTERPRISE_ABROAD = "chinese_enterprise", _("Chinese enterprise abroad")

    INTERNATIONAL = "international", _("International organisation")


def is_foreign_partner(country, kind):
    """Whether a partner is foreign: not in China and not a Chinese enterprise
    (abroad, its country is where it works, yet it is no foreign partner)."""
    return bool(country) and str(country) != "CN" and kind != PartnerKind.CHINESE_ENTERPRISE_ABROAD


class PartnerIndexPage(LocalizedSlugRouting, Page):
    """The partner directory (``/partners/``), filtered by country and kind,
    and by school (``?school=<page id>``: the partners of one school, linked
    from its profile, which lists only the first few). Editors find it under
    the home page."""

    objects = PublicPageManager()

    introduction = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["partners.PartnerPage"]
    max_count = 1

    class Meta:
        verbose_name = _("partner directory")

    PER_PAGE = 20

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        country = request.GET.get("country", "")
        kind = request.GET.get("kind", "")
        # The published partners in the directory's order and the countries
        # among them, read once per public version and language: filtering,
        # counting and paging cost no query whatever the number of partners.
        language = get_language()
        directory = process_value(f"partner-directory:{self.pk}:{language}", self.directory_rows)
        rows = directory["rows"]
        school = partner_school(request.GET.get("school", ""))
        if country:
            rows = [row for row in rows if row[1] == country]
        if kind in PartnerKind.values:
            rows = [row for row in rows if row[2] == kind]
        if school is not None:
            partners_of_school = public_value(
                f"school-partner-ids:{school.pk}",
                lambda: set(school.partnerships.values_list("partner_id", flat=True)),
            )
            rows = [row for row in rows if row[0] in partners_of_school]
        paginator = Paginator(Ids(rows), self.PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        # Each card written once per public version and language (directory_tags).
        page_obj.object_list = kept_cards("partner", page_obj.object_list, request, directory_partners, partner_card)
        context.update(
            partners=page_obj,
            paginator=paginator,
            countries=directory["countries"],
            kinds=PartnerKind.choices,
            selected={"country": country, "kind": kind},
            school=school,
        )
        return context

    def directory_rows(self):
        """``rows``: ``(id, country, kind)`` of each published partner, by
        title in the active language; ``countries``: ``(code, name)`` of the
        countries they are in, as the language names and orders them."""
        rows = list(
            PartnerPage.objects.live().public().child_of(self).order_by("title").values_list("pk", "country", "kind")
        )
        used_countries = {row[1] for row in rows}
        return {"rows": rows, "countries": [(code, name) for code, name in countries if code in used_countries]}


def directory_partners(ids):
    """The partners of one page of the directory, in the order of ``ids``,
    kept per public version."""
    found = public_values("directory-partner", ids, lambda missing: PartnerPage.objects.in_bulk(missing))
    return [found[pk] for pk in ids if pk in found]


def partner_school(value):
    """The published school whose partners ``?school=`` asks for (its page
    id), or None."""
    value = value.strip()
    if not (value.isascii() and value.isdigit() and len(value) <= 10):
        return None
    return SchoolPage.objects.live().public().filter(pk=int(value)).first()


class PartnerPage(LocalizedSlugRouting, Page):
    """One foreign institution or enterprise that works with Chinese vocational
    schools. School editors may propose one (a draft); ministry editors publish
    it or merge it into an existing partner."""

    objects = PublicPageManager()

    native_name = models.CharField(
        _("name in its own language"), max_length=200, blank=True, help_text=_("e.g. Technische Hochschule Köln.")
    )
    native_language = models.CharField(
        _("language of that name"),
        max_length=12,
        blank=True,
        validators=[
            RegexValidator(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", _("A language code such as de, th, ar or zh-hant."))
        ],
        help_text=_(
            "Its code, e.g. de, th or ar: pages mark the name with it, so that browsers and screen readers read it "
            "right and Arabic pages keep it in order."
        ),
    )
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=80, blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=PartnerKind.choices,
        help_text=_(
            "A company is an enterprise. A Chinese company in China: “Enterprise” with China as its country; "
            "its branch abroad: “Chinese enterprise abroad”. Neither counts as a partner country."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    # Kept in step with the country and kind by save(): "partner countries"
    # count foreign partners only, and the facets filter on one column.
    is_foreign = models.BooleanField(_("foreign partner"), default=True, editable=False)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_duplicates",
        help_text=_("Set when a ministry editor merged this duplicate into another partner."),
    )
    is_sample = models.BooleanField(_("sample content"), default=False)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("native_name"), FieldPanel("native_language")]),
                FieldRowPanel([FieldPanel("country"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("website")]),
            ],
            heading=_("Identity"),
        ),
        FieldPanel("description"),
        FieldPanel("is_sample"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("native_name"),
        index.SearchField("description"),
        index.SearchField("city"),
        index.FilterField("country"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["partners.PartnerIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def save(self, *args, **kwargs):
        self.is_foreign = is_foreign_partner(self.country, self.kind)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"country", "kind"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "is_foreign"}
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Rows of other pages, which change only with the public version: read
        # once per version (a preview reads them as they are).
        if getattr(request, "is_preview", False):
            context.update(self.linked_rows())
        else:
            # Read only when the page's content, kept per public version
            # (portal.fragments), is written.
            context.update(
                lazy_values(
                    lambda: shared_value(request, f"partner-rows:{get_language()}", self.pk, self.linked_rows),
                    self.LINKED_ROWS,
                )
            )
        return context

    LINKED_ROWS = ("partnerships", "programmes")

    def linked_rows(self):
        """The partnerships of live schools with this partner (each with its
        history) and the published programmes it takes part in."""
        # The rows as the page shows them (``programmes.profile_rows``), in the active language.
        partnerships = (
            self.partnerships.filter(school__live=True)
            .select_related("school", "school__province")
            .prefetch_related("events")
        )
        programmes = ProgrammePage.objects.live().public().filter(partner_links__partner=self).distinct()
        # In the order of the names the reader sees (a title missing in their
        # language falls back to English or Chinese, as it is shown).
        return {
            "partnerships": sorted(
                (listed_school_partnership(partnership) for partnership in partnerships),
                key=lambda row: str(row.school_title).casefold(),
            ),
            "programmes": sorted(
                (listed_partner_programme(programme) for programme in programmes),
                key=lambda row: str(row.title).casefold(),
            ),
        }


class PartnershipStage(models.TextChoices):
    """The life of a partnership, in order."""

    PROPOSED = "proposed", _("Proposed")
    SIGNED = "signed", _("Agreement signed")
    FIRST_COHORT = "first_cohort", _("First cohort")
    RUNNING = "running", _("Running")
    RENEWED = "renewed", _("Renewed")
    ENDED = "ended", _("Ended")


class PartnershipKind(models.TextChoices):
    TRAINING_CENTRE = "training_centre", _("Training centre abroad")
    JOINT_PROGRAMME = "joint_programme", _("Joint programme")
    EXCHANGE = "exchange", _("Exchange")
    TEACHER_TRAINING = "teacher_training", _("Teacher training")
    STANDARDS = "standards", _("Standards and curricula")
    ENTERPRISE_TRAINING = "enterprise_training", _("Training for an enterprise")
    OTHER = "other", _("Other cooperation")


class DatePrecision(models.TextChoices):
    """How much of a recorded date is known: a register often gives only the
    year, or the month of a year."""

    DAY = "day", _("To the day")
    MONTH = "month", _("To the month")
    YEAR = "year", _("Year only")


def date_text(day, precision=DatePrecision.DAY):
    """A date in the active language, as precisely as it was recorded:
    "3 March 2019", "March 2019" or "2019" ("2019年3月3日", "2019年3月", "2019年")."""
    if not day:
        return ""
    if precision == DatePrecision.YEAR:
        return pgettext("a year on its own, e.g. 2019", "%(year)s") % {"year": day.year}
    if precision == DatePrecision.MONTH:
        return formats.date_format(day, "YEAR_MONTH_FORMAT")
    return formats.date_format(day, "DATE_FORMAT")


def date_iso(day, precision=DatePrecision.DAY):
    """A date as ISO 8601 at its precision ("2019", "2019-03", "2019-03-03")."""
    if not day:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{day.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


class Partnership(ChoiceLabels, Orderable):
    """A school working with a partner. Edited inline on the school's page, so
    it follows the school's permissions and revisions."""

    school = ParentalKey("programmes.SchoolPage", on_delete=models.CASCADE, related_name="partnerships")
    partner = models.ForeignKey(
        PartnerPage, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="partnerships"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=PartnershipKind.choices, default=PartnershipKind.OTHER)
    stage = models.CharField(
        _("stage"), max_length=20, choices=PartnershipStage.choices, default=PartnershipStage.PROPOSED
    )
    start_date = models.DateField(
        _("start date"),
        null=True,
        blank=True,
        help_text=_("When the cooperation began. If only the month or the year is known, give its first day."),
    )
    start_precision = models.CharField(
        _("precision of the start date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        blank=True,
        help_text=_("Pages show the start date as precisely as this: 3 March 2019, March 2019 or 2019."),
    )
    agreement_date = models.DateField(_("agreement signed on"), null=True, blank=True)
    agreement_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("partner"), FieldPanel("kind"), FieldPanel("stage")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_precision")]),
        FieldRowPanel([FieldPanel("agreement_date"), FieldPanel("agreement_document")]),
        FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_reason")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self):
        return f"{self.school} ↔ {self.partner}"

    @property
    def is_active(self):
        return self.stage != PartnershipStage.ENDED

    def save(self, *args, **kwargs):
        # Left empty (there may be no start date at all): a date is to the day.
        self.start_precision = self.start_precision or DatePrecision.DAY
        return super().save(*args, **kwargs)

    @property
    def start_display(self):
        """The start date as it was recorded ("March 2019"), not the day it was entered."""
        return date_text(self.start_date, self.start_precision)

    @property
    def start_iso(self):
        return date_iso(self.start_date, self.start_precision)

    def clean(self):
        super().clean()
        errors = {}
        # Only the "signed" step demands the date: older partnerships recorded
        # as running before this rule may not have it, and must stay editable.
        if self.stage == PartnershipStage.SIGNED and not self.agreement_date:
            errors["agreement_date"] = _("Give the date the agreement was signed.")
        if self.stage == PartnershipStage.ENDED:
            if not self.end_date:
                errors["end_date"] = _("Give the date the partnership ended.")
            if not self.end_reason.strip():
                errors["end_reason"] = _("Say briefly why the partnership ended.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if errors:
            raise ValidationError(errors)


class PartnershipEvent(ChoiceLabels, models.Model):
    """One step in the life of a partnership (its stage when a version of the
    school's page was published). The history stays when the partnership row is
    removed or merged; shown on the school and partner pages."""

    partnership = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    school = models.ForeignKey("programmes.SchoolPage", on_delete=models.CASCADE, related_name="partnership_events")
    partner = models.ForeignKey(PartnerPage, on_delete=models.CASCADE, related_name="partnership_events")
    stage = models.CharField(_("stage"), max_length=20, choices=PartnershipStage.choices)
    agreement_date = models.DateField(_("agreement signed on"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending"), max_length=255, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("partnership event")
        verbose_name_plural = _("partnership events")

    def __str__(self):
        return f"{self.school} ↔ {self.partner}: {self.get_stage_display()}"


class ProgrammePartner(Orderable):
    """A partner institution involved in a programme, edited on the programme."""

    programme = ParentalKey("programmes.ProgrammePage", on_delete=models.CASCADE, related_name="partner_links")
    partner = models.ForeignKey(
        PartnerPage, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="programme_links"
    )
    role = models.CharField(_("role"), max_length=120, blank=True, help_text=_("e.g. hosts the training centre."))

    panels = [FieldRowPanel([FieldPanel("partner"), FieldPanel("role")])]


class EnquiryStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("enquiry status", "New")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", pgettext_lazy("enquiry status", "Closed")


class MailStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will retry")
    ABANDONED = "abandoned", _("Failed, no more retries")


class MailDelivery(models.Model):
    """What the mail worker needs on a stored row that is mailed: its state,
    how often it was tried, when to try next (backoff) and, while a worker
    sends it, until when that worker holds it. A worker claims a row with one
    conditional UPDATE (``partners.mail.claim``), so two workers never send the
    same row."""

    mail_status = models.CharField(
        _("mail status"), max_length=10, choices=MailStatus.choices, default=MailStatus.PENDING, db_index=True
    )
    mail_attempts = models.PositiveSmallIntegerField(default=0)
    mail_error = models.CharField(max_length=255, blank=True)
    mail_next_attempt_at = models.DateTimeField(null=True, blank=True)
    mail_claimed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class Enquiry(MailDelivery):
    """A message from a foreign partner to a school, about the school or one of
    its programmes. Stored before any mail is sent, so nothing is lost; only the
    school concerned and ministry editors see it."""

    school = models.ForeignKey("programmes.SchoolPage", on_delete=models.CASCADE, related_name="enquiries")
    programme = models.ForeignKey(
        "programmes.ProgrammePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="enquiries"
    )
    name = models.CharField(_("your name"), max_length=120)
    institution = models.CharField(_("institution"), max_length=200)
    country = CountryField(_("country"))
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    message = models.TextField(_("message"), max_length=5000)
    consent = models.BooleanField(_("consent"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=EnquiryStatus.choices, default=EnquiryStatus.NEW)
    school_mailed_at = models.DateTimeField(null=True, blank=True)
    # False when the sender's address had received its share of confirmations
    # (ENQUIRY_CONFIRMATION_LIMIT): the form cannot be used to mail anyone often.
    send_confirmation = models.BooleanField(default=True)
    confirmation_mailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")

    def __str__(self):
        return f"{self.institution} → {self.school}"

    def save(self, *args, **kwargs):
        # The first answer's time feeds the median time to first answer.
        if self.status != EnquiryStatus.NEW and self.answered_at is None:
            self.answered_at = timezone.now()
        super().save(*args, **kwargs)


class EnquiryReply(MailDelivery):
    """An answer a school writes in the admin: stored first, then mailed to the
    sender from the portal's address by the mail worker, so no staff address is
    ever shown."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="replies")
    message = models.TextField(_("answer"), max_length=5000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("answer to an enquiry")
        verbose_name_plural = _("answers to enquiries")

    def __str__(self):
        return f"{self.enquiry} ({self.created_at:%Y-%m-%d})"


class RateCounter(models.Model):
    """One rate-limit counter (``partners.throttling``) when there is no Redis:
    kept in the database so that every app process counts the same hits, and
    incremented with one atomic UPDATE. Expired rows are deleted by the mail
    worker's hourly clean-up."""

    key = models.CharField(max_length=120, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key}: {self.count}"
