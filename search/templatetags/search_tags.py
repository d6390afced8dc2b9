"""Template tags of the search pages: the facet checkboxes, and highlighting
the words found."""

import html
import re

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


_NOT_ID = re.compile(r"[^a-z0-9_-]+")


def _attribute(value):
    return html.escape(str(value), quote=True)


@register.simple_tag
def facet_fieldsets(facets):
    """The catalogue's filters: one fieldset of checkboxes per facet that has
    values, each value with its count.

    Built in Python rather than with a template loop: the catalogue shows a
    few hundred values on every request, and Django's template engine (or
    ``format_html``) spends tens of microseconds on each, most of a catalogue
    request's time. Every value and label is escaped here."""
    parts = []
    for facet in facets:
        if not facet.values:
            continue
        key = _attribute(facet.key)
        parts.append(f'<fieldset class="facet" id="facet-{key}">\n<legend>{_attribute(facet.label)}</legend>\n<ul>\n')
        for value in facet.values:
            element_id = f"f-{key}-{_NOT_ID.sub('-', str(value.value).lower())}"
            checked = " checked" if value.selected else ""
            parts.append(
                f'<li><input type="checkbox" name="{key}" value="{_attribute(value.value)}" id="{element_id}"{checked}>'
                f'<label for="{element_id}">{_attribute(value.label)} <span class="count">({int(value.count)})</span>'
                "</label></li>\n"
            )
        parts.append("</ul>\n</fieldset>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value and label is escaped above
