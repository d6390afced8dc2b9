"""Template tags for the six-language site: the switcher and hreflang links,
text with its English/Chinese fallback, and small display helpers."""

from django import template
from django.conf import settings

from portal.languages import alternate_urls, language_name, text_direction, translated_text

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


@register.simple_tag(takes_context=True)
def querystring_without(context, key, value=None):
    """The current query string without one filter (a removable chip) and
    without the page number."""
    request = context["request"]
    params = request.GET.copy()
    params.pop("page", None)
    if value is None:
        params.pop(key, None)
    else:
        params.setlist(key, [v for v in params.getlist(key) if v != str(value)])
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def querystring_with(context, **kwargs):
    """The current query string with some keys replaced (e.g. the page number)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        params[key] = value
    return f"?{params.urlencode()}"


@register.simple_tag(takes_context=True)
def structured_data(context):
    """A ``<script type="application/ld+json">`` describing the page, escaped
    like ``json_script`` so that no text can close the script element."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder
    from django.utils.html import _json_script_escapes
    from django.utils.safestring import mark_safe

    from portal import structured_data as schema

    page = context.get("page")
    request = context.get("request")
    model = getattr(page, "specific_class", None)
    name = model.__name__ if model else ""
    if name == "SchoolPage":
        data = schema.school(page, request)
    elif name == "ProgrammePage":
        data = schema.programme(page, request, context["school"])
    elif name == "PartnerPage":
        data = schema.partner(page, request)
    else:
        return ""
    data = {key: value for key, value in data.items() if value not in (None, "", [])}
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above
