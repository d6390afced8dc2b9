"""Template tags for the six-language site: the switcher and hreflang links,
text with its English/Chinese fallback, and the pages' schema.org markup."""

import datetime

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation
from django.utils.html import format_html, json_script
from django.utils.safestring import mark_safe

from partners.models import PartnerPage
from portal import structured_data as schema
from portal.languages import (
    alternate_urls,
    language_name,
    language_name_translated,
    list_separator,
    text_direction,
    translated_text,
)
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
            "name_translated": language_name_translated(code),
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


@register.simple_tag
def in_language(text, code):
    """``text`` written in language ``code`` (a partner's name in its own
    language, a school's Chinese name): isolated in a ``<bdi>`` that carries its
    ``lang`` and ``dir`` when they differ from the page's, so that an Arabic page
    never reorders it. Without a code, the ``<bdi>`` alone still isolates it."""
    if not text:
        return ""
    if not code:
        return format_html("<bdi>{}</bdi>", text)
    if code == translation.get_language():
        return text
    return format_html('<bdi lang="{}" dir="{}">{}</bdi>', code, text_direction(code), text)


@register.filter
def iso_datetime(value):
    """ISO 8601 for a ``<time datetime>``: a date as ``2026-12-01``, a time to
    the second with its offset (``|date:'c'`` writes microseconds, which HTML
    does not allow)."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""


@register.simple_tag
def time_element(value, format_name="DATE_FORMAT"):
    """``<time datetime="…">`` with the date in the reader's format, to put
    inside a translated sentence (``{% blocktranslate with date=… %}``)."""
    if not value:
        return ""
    shown = value
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        shown = timezone.localtime(value)
    return format_html('<time datetime="{}">{}</time>', iso_datetime(value), date_filter(shown, format_name))


@register.filter
def join_list(items):
    """Items joined with the reader's list separator (", ", "、", "، ")."""
    return list_separator().join(str(item) for item in items)


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
        data = schema.programme(page, request, context["school"])
    elif issubclass(model, PartnerPage):
        data = schema.partner(page, request)
    else:
        return ""
    data = {key: value for key, value in data.items() if value not in (None, "", [])}
    script = json_script(data, encoder=DjangoJSONEncoder)
    # json_script writes type="application/json"; JSON-LD needs its own type.
    return mark_safe(script.replace('type="application/json"', 'type="application/ld+json"', 1))  # noqa: S308
