"""The cards of the school and partner directories, written in Python (the
same HTML the templates wrote with some 30 tags a card) once per public
version, language and host in each process (``portal.fragments``): a card
shows only its page's own published rows, its province or country and its
logo. The directories' pages hold ``Card``s; ``{% cards %}``
(``directory_tags``) writes them out."""

import functools
from collections.abc import Sequence
from typing import NamedTuple

from django import template
from django.template import Context
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language

from portal.fragments import keep, kept_fragments, site_key
from portal.languages import in_language, translated_text


@functools.cache
def _logo_template():
    """A school's logo on its card, as the template showed it (made on first
    use: the models import this module before the template tags can load)."""
    return template.Template(
        '{% load wagtailimages_tags %}{% picture logo format-{webp,png} fill-{64x64,128x128} sizes="64px" '
        'class="card__logo" alt="" loading="lazy" %}'
    )


def inline_text(text):
    """A ``TranslatedText`` inside a line (a name, a city): in a ``<bdi>``
    with its language when it is a fallback (``{% inline_text %}``)."""
    if not text:
        return ""
    if text.is_fallback:
        return format_html('<bdi lang="{}" dir="{}">{}</bdi>', text.language, text.direction, text.text)
    return conditional_escape(text.text)


class Card(NamedTuple):
    """A directory's card: the school's or partner's page id and its HTML."""

    pk: int
    html: str


class Ids(Sequence):
    """The ids (the first value) of a directory's ordered ``rows``, for its
    ``Paginator``: its length is the rows', and only the ids of the page it
    shows are picked out, rather than a list of every id per request (30,000
    schools or partners at ten times the demo's data)."""

    def __init__(self, rows):
        self._rows = rows

    def __len__(self):
        return len(self._rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [row[0] for row in self._rows[index]]
        return self._rows[index][0]


def kept_cards(kind, ids, request, load, write):
    """The cards of ``ids`` in their order, each written once per public
    version, language and host in this process (``portal.fragments``): a
    card shows only the page's own published rows. ``load(missing ids)``
    gives the pages of those not written yet, ``write(page, request)`` a card."""
    name = f"{kind}-card:{get_language()}:{site_key(request)}"
    kept = kept_fragments(request, name)
    found = {pk: kept[pk] for pk in ids if pk in kept}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        for page in load(missing):
            found[page.pk] = keep(request, name, page.pk, write(page, request))
    return [Card(pk, found[pk]) for pk in ids if pk in found]


def school_card(school, request):
    """One card of the school directory."""
    logo = _logo_template().render(Context({"logo": school.logo})) if school.logo else ""
    city = translated_text(school, "city")
    place = inline_text(translated_text(school.province, "name"))
    if city:
        place = format_html("{} · {}", place, inline_text(city))
    return format_html(
        '\n    <li class="card card--school">\n      {}\n      <h2><a href="{}">{}</a></h2>\n'
        '      <p class="card__meta">{}</p>\n      <p class="card__meta">{} · {} · {}</p>\n    </li>\n',
        logo,
        school.get_url(request=request),
        inline_text(translated_text(school, "title")),
        in_language(school.official_name_zh, "zh-hans"),
        place,
        school.get_region_display(),
        school.get_level_display(),
    )


def partner_card(partner, request):
    """One card of the partner directory."""
    native = ""
    if partner.native_name:
        native = format_html(
            '\n      <p class="card__meta">{}</p>', in_language(partner.native_name, partner.native_language)
        )
    place = conditional_escape(partner.country.name)
    city = translated_text(partner, "city")
    if city:
        place = format_html("{} · {}", place, inline_text(city))
    return format_html(
        '\n    <li class="card">\n      <h2><a href="{}">{}</a></h2>{}\n'
        '      <p class="card__meta">{} · {}</p>\n    </li>\n',
        partner.get_url(request=request),
        inline_text(translated_text(partner, "title")),
        native,
        place,
        partner.get_kind_display(),
    )
