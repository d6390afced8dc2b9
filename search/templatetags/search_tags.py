"""Template tags of the search pages: the facet checkboxes, the result cards
with their shortlist stars, highlighting the words found, and the shortlist
star of a programme page."""

import html

from django import template
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from portal.languages import join_list, text_direction
from portal.text import plain_text
from programmes.facts import language_labels
from search.entries import OPTIONAL_FACTS, city_and_country, optional_fact
from search.shortlist import shortlist_ids
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


@register.simple_tag
def site_search_items(group, terms):
    """The ``<li>``s of a site search group's results (``SiteSearchItem``s):
    each title linked and its summary's excerpt, with the words found
    highlighted, and a note on those that match all but one of the words.
    Written in Python: some 20 results a query, a dozen tags and filters
    each in a template."""
    partial = _attribute(_("Matches all but one of your words"))
    items = []
    for result in group.pages:
        note = f' <span class="partial-match">{partial}</span>' if result.pk in group.partial else ""
        summary = f"<p>{_highlighted(plain_excerpt(result.summary, terms), terms)}</p>" if result.summary else ""
        items.append(
            f'\n          <li>\n            <a href="{_attribute(result.url)}">{_highlighted(result.title, terms)}</a>'
            f"{note}\n            {summary}\n          </li>\n        "
        )
    return mark_safe("".join(items))  # noqa: S308 - every piece is escaped


@register.filter
def left_to_right(value):
    """``value`` (an address) isolated as left-to-right text, so that an Arabic
    sentence around it does not reorder its parts."""
    return format_html('<bdi dir="ltr">{}</bdi>', value)


@register.filter
def excerpt(rich_text, terms, length=220):
    """Plain text of ``rich_text`` around the first word found, at most
    ``length`` characters (highlight it with ``|highlight``)."""
    return plain_excerpt(plain_text(rich_text), terms, length)


@register.filter
def plain_excerpt(text, terms, length=220):
    """``excerpt`` of a text that is plain already (a site search result's summary)."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    spans = highlight_spans(text, list(terms or []))
    start = max(0, spans[0][0] - length // 3) if spans else 0
    snippet = text[start : start + length]
    return ("…" if start else "") + snippet + ("…" if start + length < len(text) else "")


def _attribute(value):
    return html.escape(str(value), quote=True)


# Values a filter shows before "show all": the most frequent, and any chosen.
TOP_FACET_VALUES = 5


def _facet_value(key, value, form_id):
    # The checkbox inside its label: no id and no ``for`` to pair them, on a
    # few hundred values per page; inside its form, no ``form`` attribute.
    checked = " checked" if value.selected else ""
    owner = f' form="{form_id}"' if form_id else ""
    return (
        f'<li><label><input type="checkbox" name="{key}" value="{_attribute(value.value)}"'
        f"{owner}{checked}>{_attribute(value.label)} <small>({int(value.count)})</small></label></li>\n"
    )


@register.simple_tag
def facet_fieldsets(facets, form_id="", toggles=None, expanded=""):
    """The catalogue's filters: one fieldset of checkboxes per facet that has
    values, each value with its count, most frequent first. A long list shows
    its top values (and those chosen), then a link to the same results with
    every value listed (``toggles``: {facet key: URL}, see
    ``search.views._facet_toggle_urls``); the ``expanded`` facet lists them
    all, with a link back and a hidden ``more`` field that keeps it so when
    the form is sent. The other values are not in the page at all: on a
    catalogue of a few thousand programmes, countries, provinces and partner
    countries have dozens of values each, and the page must stay under 60 KB.
    Without ``toggles`` every value is listed. The checkboxes belong to the
    form around them, or to ``form_id``.

    Built in Python rather than with a template loop: the catalogue shows a
    hundred values on every request, and Django's template engine (or
    ``format_html``) spends tens of microseconds on each, most of a catalogue
    request's time. Every value and label is escaped here."""
    form_id = _attribute(form_id)
    show_all, show_fewer = _("Show all (%(count)s)"), _attribute(_("Show fewer"))
    parts = []
    for facet in facets:
        if not facet.values:
            continue
        key = _attribute(facet.key)
        # "Show all" for one or two more values costs more than it saves.
        long_list = toggles is not None and len(facet.values) > TOP_FACET_VALUES + 2
        values = facet.values
        if long_list and facet.key != expanded:
            values = [value for index, value in enumerate(values) if index < TOP_FACET_VALUES or value.selected]
        parts.append(
            f'<fieldset class="facet" id="facet-{key}">\n<legend>{_attribute(facet.label)}</legend>\n'
            '<ul class="facet__values">\n'
        )
        parts.extend(_facet_value(key, value, form_id) for value in values)
        parts.append("</ul>\n")
        if long_list:
            href = _attribute(toggles[facet.key])
            if facet.key == expanded:
                owner = f' form="{form_id}"' if form_id else ""
                parts.append(
                    f'<a class="facet__more" href="{href}">{show_fewer}</a>\n'
                    f'<input type="hidden" name="more" value="{key}"{owner}>\n'
                )
            else:
                label = _attribute(show_all % {"count": len(facet.values)})
                parts.append(f'<a class="facet__more" href="{href}">{label}</a>\n')
        parts.append("</fieldset>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value and label is escaped above


# Characters of a description on a result card: two lines or three, enough to
# tell programmes apart (the page has the rest).
CARD_EXCERPT_LENGTH = 160


def _in_language(text, language, reading, highlighted_terms=None):
    """``text`` escaped (and highlighted), in a span carrying its language and
    direction when it is not the page's language."""
    inner = _highlighted(text, highlighted_terms) if highlighted_terms is not None else _attribute(text)
    lang = _lang_attributes(language, reading)
    return f"<span{lang}>{inner}</span>" if lang else inner


def _link_in_language(url, text, language, reading, highlighted_terms):
    """A link to ``url`` on ``text`` (escaped, highlighted), the link itself
    carrying the text's language and direction when not the page's."""
    inner = _highlighted(text, highlighted_terms)
    return f'<a href="{_attribute(url)}"{_lang_attributes(language, reading)}>{inner}</a>'


def _lang_attributes(language, reading):
    """`` lang="…" dir="…"`` for a text in another language than the page's, else ""."""
    if not language or language == reading:
        return ""
    return f' lang="{_attribute(language)}" dir="{text_direction(language)}"'


def _fact(label, value_html):
    return f"<div><dt>{_attribute(label)}</dt><dd>{value_html}</dd></div>"


SHORTLIST_FORM_ID = "shortlist-form"


def star_button(entry_pk, starred, labels, form_id=""):
    """The button that adds a programme to the visitor's shortlist or removes
    it: ``add=<id>`` or ``remove=<id>``, sent by its form (``form_id``: the
    list's shared form, so a page of results carries the token and the
    return address once, not once per card)."""
    # The star itself is drawn by CSS (``.star::before``): one rule, not one
    # hidden span per card.
    action, label = ("remove", labels["remove"]) if starred else ("add", labels["add"])
    owner = f' form="{_attribute(form_id)}"' if form_id else ""
    return (
        f'<button{owner} class="star{" star--on" if starred else ""}" name="{action}" '
        f'value="{int(entry_pk)}" aria-describedby="programme-{int(entry_pk)}-title">{_attribute(label)}</button>'
    )


def star_form_tag(csrf_token, next_url, action_url, labels, form_id="", content=""):
    """The POST form of shortlist stars (works without script; the catalogue's
    script sends it in the background)."""
    form_id = f' id="{_attribute(form_id)}"' if form_id else ""
    return (
        f'<form class="star-form"{form_id} method="post" action="{_attribute(action_url)}" data-star-form '
        f'data-label-add="{_attribute(labels["add"])}" data-label-remove="{_attribute(labels["remove"])}">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{_attribute(csrf_token)}">'
        f'<input type="hidden" name="next" value="{_attribute(next_url)}">{content}</form>'
    )


def star_form(entry_pk, starred, csrf_token, next_url, action_url, labels):
    """One programme's star in a form of its own (a programme page)."""
    return star_form_tag(csrf_token, next_url, action_url, labels, content=star_button(entry_pk, starred, labels))


@register.simple_tag(takes_context=True)
def shortlist_form(context):
    """The one form the stars of a list of results belong to (outside any other
    form: forms do not nest)."""
    return mark_safe(  # noqa: S308 - star_form_tag escapes every value
        star_form_tag(
            str(context.get("csrf_token") or ""),
            context.get("star_next") or "",
            reverse("search:shortlist"),
            star_labels(),
            form_id=SHORTLIST_FORM_ID,
        )
    )


def star_labels():
    return {"add": _("Add to shortlist"), "remove": _("Remove from shortlist")}


# Cards an entry keeps (reading language, words highlighted, partial or not),
# all dropped when there are more: the entries of a facet index are kept and
# shown again (``search.entries.load_entries``), a card's text with them.
KEPT_CARDS = 3


@register.simple_tag(takes_context=True)
def result_items(context, entries, terms, compare_form="", compare_checked=0, partial=frozenset()):
    """The ``<li>`` of each programme in a list of results (``CatalogueEntry``)
    as a card: its title as a link, its school (with its logo), type, where,
    languages of teaching, duration, fees and next start when known, status,
    an excerpt of its description with the words found highlighted, and a
    star to add it to the shortlist (on for the programmes in ``shortlist``).
    A text shown in another language than the page's carries ``lang`` and
    ``dir``. With ``compare_form``, a checkbox of that form picks the card
    for a comparison (the first ``compare_checked`` ticked). Built in Python
    for the same reason as the facets: it is on every catalogue request.
    A programme in ``partial`` (ids) holds all but one of the words, and says so.

    An entry keeps the text of its card but for the star and the checkbox
    (an entry of the facet index is shown again until the index is rebuilt,
    with the public version: see ``search.entries.load_entries``)."""
    reading = context.get("LANGUAGE_CODE")
    terms = list(terms or [])
    shortlist = context.get("shortlist") or frozenset()
    labels = star_labels()
    variant = (reading, translation.get_language(), tuple(terms))
    cards = _CardTexts(reading, terms, entries)
    label_compare = None
    items = []
    for position, entry in enumerate(entries):
        pk = int(entry.pk)
        key = (*variant, pk in partial)
        kept = entry.cards.get(key)
        if kept is None:
            kept = cards.card(entry, pk in partial)
            if len(entry.cards) >= KEPT_CARDS:
                entry.cards.clear()
            entry.cards[key] = kept
        head, body = kept
        compare = ""
        if compare_form:
            if label_compare is None:
                label_compare = _attribute(_("Compare"))
            checked = " checked" if position < compare_checked else ""
            compare = (
                f'\n<p class="result-card__compare"><input type="checkbox" form="{_attribute(compare_form)}" '
                f'name="ids" value="{pk}" id="compare-{pk}"{checked} aria-describedby="programme-{pk}-title">'
                f'<label for="compare-{pk}">{label_compare}</label></p>'
            )
        items.append(f"{head}{star_button(pk, pk in shortlist, labels, SHORTLIST_FORM_ID)}{body}{compare}\n</li>\n")
    return mark_safe("".join(items))  # noqa: S308 - every text is escaped (_highlighted escapes)


class _CardTexts:
    """Writes the text of result cards in the active language: labels and
    names looked up once for a list of results."""

    def __init__(self, reading, terms, entries):
        self.reading = reading
        self.terms = terms
        self.entries = entries
        self._labels = None

    def _ready(self):
        if self._labels is None:
            self._labels = {
                "type": _("Type"),
                "where": _("Where"),
                "status": _("Status"),
                "languages": _("Languages of teaching"),
                "partial": _attribute(_("Matches all but one of your words")),
                # Punctuation as the reader's language writes it (Arabic "،", Chinese "、").
                "place": _attribute(city_and_country()),
            }
            self.language_names = language_labels({code for entry in self.entries for code in entry.teaching_languages})
        return self._labels

    def card(self, entry, partial):
        """``(head, body)`` of ``entry``'s card: what comes before its star and after it."""
        labels = self._ready()
        reading, terms = self.reading, self.terms
        pk = int(entry.pk)
        title = _link_in_language(entry.url or "", entry.title, entry.title_language, reading, terms)
        school = ""
        if entry.school:
            # Written by Wagtail's Picture, attributes escaped (``search.entries.logo_pictures``).
            logo = f"{entry.school.logo_html} " if entry.school.logo_html else ""
            owner = entry.school
            if owner.url:
                name = _link_in_language(owner.url, owner.title, owner.title_language, reading, terms)
            else:
                name = _in_language(owner.title, owner.title_language, reading, terms)
            school = f'\n<p class="result-card__school">{logo}{name}</p>'
        if partial:
            school += f'\n<p class="result-card__partial">{labels["partial"]}</p>'
        where = _attribute(entry.delivery_country_name)
        if entry.city:
            where = labels["place"] % {
                "city": _in_language(entry.city, entry.city_language, reading),
                "country": where,
            }
        facts = [
            _fact(labels["type"], _attribute(entry.get_programme_type_display())),
            _fact(labels["where"], where),
        ]
        if entry.teaching_languages:
            names = join_list(self.language_names.get(code, code) for code in entry.teaching_languages)
            facts.append(_fact(labels["languages"], _attribute(names)))
        for name, label in OPTIONAL_FACTS.items():
            value = optional_fact(entry, name)
            if value:
                facts.append(_fact(label, _attribute(value)))
        status = _attribute(entry.get_status_display())
        facts.append(_fact(labels["status"], f'<span class="status--{_attribute(entry.status)}">{status}</span>'))
        description = ""
        if entry.description:
            text = _highlighted(excerpt(entry.description, terms, CARD_EXCERPT_LENGTH), terms)
            lang = _lang_attributes(entry.description_language, reading)
            description = f'\n<p class="result-card__excerpt"{lang}>{text}</p>'
        # Classes only where CSS cannot find the element by its place
        # (``.result-card > div``, ``h3``, ``dl``): fifteen cards a page.
        head = f'<li class="result-card" id="programme-{pk}">\n<div><h3 id="programme-{pk}-title">{title}</h3>\n'
        body = f"</div>{school}\n<dl>{''.join(facts)}</dl>{description}"
        return head, body


@register.inclusion_tag("search/includes/programme_tools.html", takes_context=True)
def programme_tools(context, page):
    """What a programme page offers around its title: the star that adds it to
    the visitor's shortlist (and goes back to the page), a link to the
    shortlist, and, for print only, the page's address."""
    request = context.get("request")
    ids = shortlist_ids(request) if request is not None else []
    return {
        "star": mark_safe(  # noqa: S308 - star_form escapes every value
            star_form(
                page.pk,
                page.pk in ids,
                str(context.get("csrf_token") or ""),
                request.path if request is not None else "",
                reverse("search:shortlist"),
                star_labels(),
            )
        ),
        "shortlist_count": len(ids),
        "print_url": request.build_absolute_uri(request.path) if request is not None else "",
    }
