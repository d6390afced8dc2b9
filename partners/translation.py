"""Fields of partners translated field by field (django-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import PartnerIndexPage, PartnerPage, ProgrammePartner


@register(PartnerIndexPage)
class PartnerIndexPageTR(TranslationOptions):
    fields = ("introduction",)


@register(PartnerPage)
class PartnerPageTR(TranslationOptions):
    fields = ("city", "description")


@register(ProgrammePartner)
class ProgrammePartnerTR(TranslationOptions):
    # What a partner does in a programme ("hosts the training centre") is read
    # by partners in every language, like the programme's own texts.
    fields = ("role",)
