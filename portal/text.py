"""Rich text as plain text, for excerpts, descriptions and the search index;
dates in a ``<time>`` element."""

import datetime
import html
import re

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaks_filter
from django.utils import timezone
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import mark_safe

# The end of a block (a paragraph, a list item, a heading …) or a line break:
# where the words of two blocks would otherwise run together ("Technology.Its").
_BLOCK_END = re.compile(r"(</(?:p|li|h[1-6]|div|blockquote|td|th|dd|dt|figcaption)\s*>|<br\s*/?>)", re.IGNORECASE)


def plain_text(value):
    """``value`` (rich text, HTML or plain) without its tags and entities, with a
    space where one block of text ends and the next begins."""
    return html.unescape(strip_tags(_BLOCK_END.sub(r"\1 ", str(value or ""))))


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


def time_element(value, format_name="DATE_FORMAT"):
    """``<time datetime="…">`` with the date in the reader's format."""
    if not value:
        return ""
    shown = value
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        shown = timezone.localtime(value)
    return format_html('<time datetime="{}">{}</time>', iso_datetime(value), date_filter(shown, format_name))


def sentence(translated, **values):
    """A translated sentence with its ``%(name)s`` values put in, escaped, as
    ``{% blocktranslate %}`` writes it (values may be safe HTML, a ``<time>``)."""
    return mark_safe(translated % {key: conditional_escape(value) for key, value in values.items()})  # noqa: S308


def translated_block(value, rich=False, css_class="prose"):
    """A ``TranslatedText`` (``portal.languages``) as a block: rich text, or
    plain text in paragraphs, with a note above it and its language on it
    when it is a fallback (``{% translated_block %}``)."""
    # Wagtail's template tags need the apps ready; this module is imported before.
    from wagtail.templatetags.wagtailcore_tags import richtext

    if not value:
        return mark_safe("\n\n")
    shown = richtext(value.text) if rich else linebreaks_filter(value.text)
    if value.is_fallback:
        return format_html(
            '\n\n  \n    <p class="untranslated-note">{}</p>\n  \n  <div class="{}" lang="{}" dir="{}">{}</div>\n\n',
            value.fallback_note,
            css_class,
            value.language,
            value.direction,
            shown,
        )
    return format_html('\n\n  \n  <div class="{}">{}</div>\n\n', css_class, shown)
