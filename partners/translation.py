"""Fields of partners translated field by field (django-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import PartnerIndexPage, PartnerPage


@register(PartnerIndexPage)
class PartnerIndexPageTR(TranslationOptions):
    fields = ("introduction",)


@register(PartnerPage)
class PartnerPageTR(TranslationOptions):
    fields = ("city", "description")
