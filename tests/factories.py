"""Seeded factories for the portal's content (wagtail-factories / factory_boy).

Pages are created under the real site tree (``portal.site_tree``), published,
with their title and slug set in every language so that each language's URL
resolves. Pass ``title_fr="…"`` etc. to give a language its own title."""

from django.conf import settings

import factory
import factory.random
import wagtail_factories
from modeltranslation.utils import build_localized_fieldname

from partners.models import (
    Enquiry,
    PartnerIndexPage,
    PartnerKind,
    PartnerPage,
    Partnership,
    PartnershipStage,
    ProgrammePartner,
)
from portal.site_tree import ensure_site_tree
from programmes.models import (
    Batch,
    BatchSelection,
    FieldOfStudy,
    Level,
    ProgrammePage,
    ProgrammeType,
    Province,
    SchoolIndexPage,
    SchoolPage,
    SelectionStatus,
    TeachingLanguage,
    YearlyReport,
)

factory.random.reseed_random("vocational-portal")


class TranslatedPageFactory(wagtail_factories.PageFactory):
    """Publishes the page and copies its slug into every language."""

    class Meta:
        abstract = True

    live = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        slug = kwargs.get("slug")
        for code, _name in settings.LANGUAGES:
            kwargs.setdefault(build_localized_fieldname("slug", code), slug)
        kwargs.setdefault("title_en", kwargs.get("title"))
        page = super()._create(model_class, *args, **kwargs)
        revision = page.save_revision()
        if kwargs.get("live", True):
            revision.publish()
            page.refresh_from_db()
        return page


def _school_index():
    ensure_site_tree()
    return SchoolIndexPage.objects.get()


def _partner_index():
    ensure_site_tree()
    return PartnerIndexPage.objects.get()


class SchoolPageFactory(TranslatedPageFactory):
    class Meta:
        model = SchoolPage

    title = factory.Sequence(lambda n: f"Test Polytechnic {n}")
    slug = factory.Sequence(lambda n: f"test-polytechnic-{n}")
    title_zh_hans = factory.Sequence(lambda n: f"测试职业技术学院{n}")
    official_name_zh = factory.SelfAttribute("title_zh_hans")
    parent = factory.LazyFunction(_school_index)
    province = factory.LazyFunction(lambda: Province.objects.order_by("?").first())
    city = "Shenzhen"
    level = Level.HIGHER
    introduction = "<p>A higher vocational college.</p>"
    contact_department = "International Office"
    contact_email = factory.Sequence(lambda n: f"intl{n}@school.example.cn")


class ProgrammePageFactory(TranslatedPageFactory):
    class Meta:
        model = ProgrammePage

    title = factory.Sequence(lambda n: f"Test programme {n}")
    slug = factory.Sequence(lambda n: f"test-programme-{n}")
    parent = factory.SubFactory(SchoolPageFactory)
    programme_type = factory.Iterator([choice for choice, _label in ProgrammeType.choices])
    # The first detailed field by code: a test that needs another says so.
    fields_of_study = factory.LazyFunction(
        lambda: list(FieldOfStudy.objects.filter(depth="detailed").order_by("code")[:1])
    )
    level = Level.HIGHER
    delivery_country = "TH"
    delivery_city = "Bangkok"
    duration_number = 2
    duration_unit = "years"
    description = "<p>An international programme.</p>"


class PartnerPageFactory(TranslatedPageFactory):
    class Meta:
        model = PartnerPage

    title = factory.Sequence(lambda n: f"Partner College {n}")
    slug = factory.Sequence(lambda n: f"partner-college-{n}")
    parent = factory.LazyFunction(_partner_index)
    country = "FR"
    city = "Lyon"
    kind = PartnerKind.COLLEGE


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    school = factory.SubFactory(SchoolPageFactory)
    partner = factory.SubFactory(PartnerPageFactory)
    stage = PartnershipStage.RUNNING


class ProgrammePartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammePartner

    programme = factory.SubFactory(ProgrammePageFactory)
    partner = factory.SubFactory(PartnerPageFactory)


class BatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Batch
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n % 3 + 1)
    name = factory.LazyAttribute(lambda o: f"Batch {o.number}")
    year = factory.LazyAttribute(lambda o: 2023 + o.number)
    quota = 100


class BatchSelectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BatchSelection

    batch = factory.SubFactory(BatchFactory)
    school = factory.SubFactory(SchoolPageFactory)
    status = SelectionStatus.SELECTED


class YearlyReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YearlyReport

    school = factory.SubFactory(SchoolPageFactory)
    year = 2025
    programmes_running = 3
    students_trained_abroad = 40


class EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enquiry

    school = factory.SubFactory(SchoolPageFactory)
    name = "Claire Martin"
    institution = "Lycée professionnel de Lyon"
    country = "FR"
    email = "claire@example.fr"
    language = "fr"
    message = "Bonjour, nous cherchons un partenaire."
    consent = True


def teaching_language(code):
    return TeachingLanguage.objects.get_or_create(code=code)[0]
