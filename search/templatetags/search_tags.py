"""Template filters of the search pages: highlighting the words found."""

import html

from django import template
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from search.text import highlight_spans

register = template.Library()


@register.filter
def highlight(text, terms):
    """``text`` escaped, with the parts matching ``terms`` (folded, so accents
    and case do not matter) wrapped in ``<mark>``."""
    text = "" if text is None else str(text)
    spans = highlight_spans(text, list(terms or []))
    if not spans:
        return escape(text)
    out = []
    position = 0
    for start, end in spans:
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


@register.filter
def excerpt(rich_text, terms, length=220):
    """Plain text of ``rich_text`` around the first word found, at most
    ``length`` characters (highlight it with ``|highlight``)."""
    text = " ".join(html.unescape(strip_tags(str(rich_text or ""))).split())
    if len(text) <= length:
        return text
    spans = highlight_spans(text, list(terms or []))
    start = max(0, spans[0][0] - length // 3) if spans else 0
    snippet = text[start : start + length]
    return ("…" if start else "") + snippet + ("…" if start + length < len(text) else "")
