"""The school and partner directories' filter options and cards, written in
Python: the same HTML the templates wrote with a loop of tags per option and
per card (about 30 tags a card, 3 an option: some 4 ms of a directory page),
in a fraction of the time; each card once per public version
(``portal.directory_cards``)."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def options(items, selected, value_attribute="", label_attribute=""):
    """``<option>``s of ``items``, ``(value, label)`` pairs (or objects whose
    ``value_attribute`` and ``label_attribute`` give them), the one equal to
    ``selected`` selected."""
    if value_attribute:
        items = ((getattr(item, value_attribute), getattr(item, label_attribute)) for item in items)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if selected == value else "", label) for value, label in items),
    )


@register.simple_tag
def cards(page):
    """The cards of a page of a directory (``Card``s, see ``kept_cards``)."""
    return mark_safe("".join(card.html for card in page))  # noqa: S308 (each card made by format_html)
