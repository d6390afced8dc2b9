"""The portal's six languages: which text to show a reader, and the same page
in the other languages (switcher and hreflang). The admin's notices of
languages still missing are in ``portal.languages.admin``."""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language_info, pgettext
from django.utils.translation import gettext_lazy as _

from modeltranslation import settings as modeltranslation_settings
from modeltranslation.utils import build_localized_fieldname

from portal.fragments import page_value, site_key

RTL_LANGUAGES = {"ar"}
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def reading_order(language):
    """The languages a reader of ``language`` is shown text in: theirs, then the
    fallbacks of ``MODELTRANSLATION_FALLBACK_LANGUAGES`` (English, then Chinese),
    the order modeltranslation itself reads a field in."""
    fallbacks = modeltranslation_settings.FALLBACK_LANGUAGES
    return list(dict.fromkeys([language, *fallbacks.get(language, ()), *fallbacks["default"]]))


def translated_columns(*fields, languages=LANGUAGE_CODES):
    """The columns of translated ``fields``, each in ``languages`` (every site
    language by default) in turn: ``title_en``, ``title_zh_hans``…, for
    ``values_list``."""
    return [build_localized_fieldname(field, code) for field in fields for code in languages]


def by_language(values, count=1, languages=LANGUAGE_CODES):
    """Values read with ``translated_columns`` of ``count`` fields, as one
    ``{language code: value}`` per field."""
    width = len(languages)
    return [dict(zip(languages, values[n * width : (n + 1) * width], strict=True)) for n in range(count)]


def language_name(code):
    """A language's name in its own script (Français, العربية…)."""
    return _LANGUAGE_NAMES.get(code, code)


_LANGUAGE_NAMES = dict(settings.LANGUAGES)


def language_name_translated(code):
    """A language's name in the reader's language ("anglais" for a French
    reader): what a title or a label about a language says."""
    return _name_translated(code, translation.get_language())


@functools.lru_cache(maxsize=256)
def _name_translated(code, _reader_language):
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


# The note shown above a text in another language than the reader's, one whole
# sentence per language the text can be in: a language's name alone cannot be
# put into every grammar ("affiché en anglais", "показан на английском").
FALLBACK_NOTES = {
    "en": _("Not yet translated into your language: shown in English."),
    "zh-hans": _("Not yet translated into your language: shown in Chinese."),
    "fr": _("Not yet translated into your language: shown in French."),
    "es": _("Not yet translated into your language: shown in Spanish."),
    "ru": _("Not yet translated into your language: shown in Russian."),
    "ar": _("Not yet translated into your language: shown in Arabic."),
}


def fallback_note(code):
    """The note above a text shown in ``code`` instead of the reader's language."""
    if code in FALLBACK_NOTES:
        return str(FALLBACK_NOTES[code])
    return str(_("Not yet translated into your language: shown in %(language)s.")) % {
        "language": language_name_translated(code)
    }


def list_separator(semicolons=False):
    """What separates the items of a list in the reader's language: ", " in
    English, "、" in Chinese, "، " in Arabic. With ``semicolons``, what
    separates items that may hold commas themselves (a school's former
    names): "; ", "；", "؛ "."""
    if semicolons:
        return pgettext("separator between the items of a list whose items may hold commas", "; ")
    return pgettext("separator between the items of a list", ", ")


def join_list(items, semicolons=False):
    """``items`` as one text, punctuated as the reader's language lists them
    (see ``list_separator``). Every list the public pages join, in templates
    (the ``join_list`` filter) or in code, goes through here, so that no
    Chinese or Arabic reader gets an English comma."""
    return list_separator(semicolons).join(str(item) for item in items)


def text_direction(code):
    return "rtl" if code in RTL_LANGUAGES else "ltr"


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


def in_own_language(text):
    """A ``TranslatedText`` for use inside a sentence: marked with its language
    and direction when it is a fallback, so that it keeps its order in a
    page of another direction."""
    if getattr(text, "is_fallback", False):
        return format_html('<bdi lang="{}" dir="{}">{}</bdi>', text.language, text.direction, text.text)
    return str(text)


@dataclass(frozen=True)
class TranslatedText:
    """A translated field's value for one reader, with where it came from."""

    text: str
    language: str
    requested: str

    @property
    def is_fallback(self):
        return bool(self.text) and self.language != self.requested

    @property
    def language_name(self):
        return language_name(self.language)

    @property
    def direction(self):
        return text_direction(self.language)

    @property
    def fallback_note(self):
        return fallback_note(self.language)

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)


def first_translation(value_in, language):
    """``(text, language)`` of the first translation that has text, in
    ``language`` then the fallback languages; ``value_in(code)`` gives a
    language's value. ``("", language)`` when none has."""
    for code in reading_order(language):
        value = value_in(code)
        if value and str(value).strip() not in ("", "<p></p>"):
            return value, code
    return "", language


def translated_text(instance, field, language=None):
    """The value of ``field`` in ``language`` (default: the active one), else in
    the first fallback language that has text."""
    requested = language or translation.get_language() or settings.LANGUAGE_CODE
    text, code = first_translation(
        lambda code: getattr(instance, build_localized_fieldname(field, code), None), requested
    )
    return TranslatedText(text=text, language=code, requested=requested)


def missing_fields(instance, fields):
    """``{code: [field, …]}``, in the site's language order: per site language,
    the ``fields`` that have English (or Chinese) text and are still empty in
    it. What an editor has left to translate, field by field."""
    missing = {}
    for code, _name in settings.LANGUAGES:
        empty = []
        for field in fields:
            source = translated_text(instance, field, "en")
            own = getattr(instance, build_localized_fieldname(field, code), None)
            if source and not (own and str(own).strip()):
                empty.append(field)
        if empty:
            missing[code] = empty
    return missing


def missing_languages(instance, fields):
    """Site languages in which any of ``fields`` is still to translate."""
    return list(missing_fields(instance, fields))


def alternate_urls(request, page=None):
    """``[(code, url)]``: the current page or view in every site language,
    keeping the query string. Worked out once per request and page (the
    language switcher and the hreflang links both ask)."""
    key = getattr(page, "pk", None)
    found = request.__dict__.setdefault("_alternate_urls", {})
    if key not in found:
        if key is None:
            found[key] = _alternate_urls(request)
        else:
            # A published page's addresses change only with the public
            # version: worked out once per version and host (six URLs, some
            # 0.5 ms); a preview's from the draft it shows.
            name = f"page-addresses:{site_key(request)}"
            links = page_value(request, name, page, lambda: _page_urls(request, page))
            query = request.META.get("QUERY_STRING", "")
            found[key] = [(code, f"{url}?{query}" if query else url) for code, url in links]
    return found[key]


def _page_urls(request, page):
    """``[(code, url)]`` of ``page`` in every site language."""
    links = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            links.append((code, page.get_url(request=request)))
    return links


def _alternate_urls(request):
    current = translation.get_language()
    query = request.META.get("QUERY_STRING", "")
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match is not None and match.url_name else None
    links = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            if view_name:
                # The view is already resolved: reverse it in each language
                # rather than resolving the path again six times.
                try:
                    url = reverse(view_name, args=match.args, kwargs=match.kwargs)
                except NoReverseMatch:
                    url = translate_url(request.path, code)
            else:
                url = translate_url(request.path, code)
        if query:
            url = f"{url}?{query}"
        links.append((code, url))
    translation.activate(current)
    return links
