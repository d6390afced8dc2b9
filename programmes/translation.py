"""Fields of the catalogue translated field by field (django-modeltranslation).

Every page type is registered, even one without fields of its own, so that
wagtail-modeltranslation patches its admin panels."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import (
    Batch,
    FieldOfStudy,
    ProgrammePage,
    ProgrammePicture,
    Province,
    SchoolIndexPage,
    SchoolPage,
)


@register(Province)
class ProvinceTR(TranslationOptions):
    fields = ("name",)


@register(FieldOfStudy)
class FieldOfStudyTR(TranslationOptions):
    fields = ("name",)


@register(Batch)
class BatchTR(TranslationOptions):
    fields = ("name",)


@register(SchoolIndexPage)
class SchoolIndexPageTR(TranslationOptions):
    fields = ("introduction",)


@register(SchoolPage)
class SchoolPageTR(TranslationOptions):
    fields = ("city", "introduction", "contact_department")


@register(ProgrammePage)
class ProgrammePageTR(TranslationOptions):
    fields = (
        "delivery_city",
        "fees_cover",
        "scholarships",
        "entry_requirements",
        "contact_role",
        "certificates",
        "description",
        "other_details",
    )


@register(ProgrammePicture)
class ProgrammePictureTR(TranslationOptions):
    fields = ("caption",)
