"""Template tags for the six-language site: the switcher and hreflang links,
text with its English/Chinese fallback, and the pages' schema.org markup."""

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, json_script
from django.utils.safestring import mark_safe

from partners.models import PartnerPage
from portal import structured_data as schema
from portal.languages import alternate_urls, language_name, text_direction, translated_text
from programmes.models import ProgrammePage, SchoolPage

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every language: ``code, name, url, is_current``."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return [
        {
            "code": code,
            "name": language_name(code),
            "url": url,
            "absolute_url": request.build_absolute_uri(url),
            "is_current": code == current,
            "direction": text_direction(code),
        }
        for code, url in alternate_urls(request, page)
    ]


@register.simple_tag
def translated(instance, field):
    """``{% translated page "introduction" as intro %}``: the text in the
    reader's language or its fallback, with ``is_fallback`` and ``language``."""
    return translated_text(instance, field)


@register.filter
def direction(code):
    return text_direction(code)


@register.filter
def in_own_language(text):
    """A ``TranslatedText`` for use inside a sentence: marked with its language
    and direction when it is a fallback, so that it keeps its order in a
    page of another direction."""
    if getattr(text, "is_fallback", False):
        return format_html('<bdi lang="{}" dir="{}">{}</bdi>', text.language, text.direction, text.text)
    return str(text)


@register.simple_tag(takes_context=True)
def structured_data(context):
    """A ``<script type="application/ld+json">`` describing the page, escaped
    by Django's ``json_script`` so that no text can close the script element."""
    page = context.get("page")
    request = context.get("request")
    model = getattr(page, "specific_class", None)
    if model is None:
        return ""
    if issubclass(model, SchoolPage):
        data = schema.school(page, request)
    elif issubclass(model, ProgrammePage):
        data = schema.programme(
            page, request, context["school"], context.get("teaching_languages"), context.get("intakes")
        )
    elif issubclass(model, PartnerPage):
        data = schema.partner(page, request)
    else:
        return ""
    data = {key: value for key, value in data.items() if value not in (None, "", [])}
    script = json_script(data, encoder=DjangoJSONEncoder)
    # json_script writes type="application/json"; JSON-LD needs its own type.
    return mark_safe(script.replace('type="application/json"', 'type="application/ld+json"', 1))  # noqa: S308
