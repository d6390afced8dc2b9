"""Template tags of the search pages: the facet checkboxes, the list of
results, and highlighting the words found."""

import html
import re

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from search.text import highlight_spans

register = template.Library()


@register.filter
def highlight(text, terms):
    """``text`` escaped, with the parts matching ``terms`` (folded, so accents
    and case do not matter) wrapped in ``<mark>``."""
    return mark_safe(_highlighted(text, terms))  # noqa: S308 - every piece is escaped


def _highlighted(text, terms):
    text = "" if text is None else str(text)
    spans = highlight_spans(text, list(terms or []))
    if not spans:
        return _attribute(text)
    out = []
    position = 0
    for start, end in spans:
        out.append(_attribute(text[position:start]))
        out.append(f"<mark>{_attribute(text[start:end])}</mark>")
        position = end
    out.append(_attribute(text[position:]))
    return "".join(out)


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


@register.simple_tag(takes_context=True)
def result_items(context, entries, terms):
    """The ``<li>`` of each programme in a list of results (``CatalogueEntry``):
    its title as a link (with ``lang`` when shown in a fallback language), its
    school, type, country and status, and an excerpt of its description, the
    words found highlighted. Built in Python for the same reason as the facets:
    it is on every catalogue request."""
    reading = context.get("LANGUAGE_CODE")
    terms = list(terms or [])
    items = []
    for entry in entries:
        lang = f' lang="{_attribute(entry.title_language)}"' if entry.title_language != reading else ""
        school = f"{_highlighted(entry.school.title, terms)} · " if entry.school else ""
        facts = " · ".join(
            _attribute(fact)
            for fact in (entry.get_programme_type_display(), entry.delivery_country_name, entry.get_status_display())
        )
        description = ""
        if entry.description:
            description = f"\n  <p>{_highlighted(excerpt(entry.description, terms), terms)}</p>"
        items.append(
            f'<li class="result">\n  <h3><a href="{_attribute(entry.url or "")}"{lang}>'
            f"{_highlighted(entry.title, terms)}</a></h3>\n"
            f'  <p class="result__meta">{school}{facts}</p>{description}\n</li>\n'
        )
    return mark_safe("".join(items))  # noqa: S308 - every text is escaped (_highlighted escapes)
