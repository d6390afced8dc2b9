"""Template tags for the six-language site: the switcher and hreflang links,
text with its English/Chinese fallback, and the pages' schema.org markup."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.html import conditional_escape, format_html, format_html_join, json_script
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from partners.models import PartnerPage
from portal import languages, seo, text
from portal import structured_data as schema
from portal.directory_cards import inline_text
from portal.fragments import fragment, kept_value, page_value, site_key, worked_out
from portal.http_cache import NONCE_PLACEHOLDER, is_candidate
from portal.languages import (
    LANGUAGE_CODES,
    alternate_urls,
    in_own_language,
    language_name,
    language_name_translated,
    list_separator,
    text_direction,
    translated_text,
)
from portal.models import HomePage
from programmes import profile_rows
from programmes.models import ProgrammePage, SchoolPage
from search.parameters import CatalogueQuery

register = template.Library()


@register.simple_tag(takes_context=True)
def language_switcher(context):
    """The ``<li>``s of the language switcher: the current page in every
    language, each language's name in its own script, its title in the
    reader's language saying which it is."""
    request = context.get("request")
    if request is None:
        return ""
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return format_html_join(
        "\n          ",
        '<li><a href="{}" hreflang="{}" title="{}"{}><span lang="{}" dir="{}">{}</span></a></li>',
        (
            (
                url,
                code,
                language_name_translated(code),
                CURRENT if code == current else "",
                code,
                text_direction(code),
                language_name(code),
            )
            for code, url in alternate_urls(request, context.get("page"))
        ),
    )


CURRENT = mark_safe(' aria-current="true"')


@register.simple_tag(takes_context=True)
def site_header(context):
    """The skip link and the site's header: its name, the main menu (the
    same on every page of a language and host: written once per public
    version) and the language switcher of this page."""
    request = context.get("request")
    if context.get("nav_urls") is None:
        # Written without the portal's context processors (nothing to keep).
        navigation = _site_navigation(context)
    else:
        name = f"site-navigation:{translation.get_language()}:{site_key(request)}"
        navigation = kept_value(request, name, "", lambda: _site_navigation(context))
    return format_html(
        '<a class="skip-link" href="#main">{}</a>\n'
        '  <header class="site-header">\n'
        '    <div class="wrap site-header__inner">\n'
        "      {}\n"
        '      <nav class="language-switcher" aria-label="{}">\n'
        "        <ul>\n"
        "          {}\n"
        "        </ul>\n"
        "      </nav>\n"
        "    </div>\n"
        "  </header>",
        translation.gettext("Skip to main content"),
        navigation,
        translation.gettext("Choose a language"),
        language_switcher(context),
    )


def _site_navigation(context):
    nav_urls = context.get("nav_urls") or {}
    links = (
        (nav_urls.get("schools"), translation.gettext("Schools")),
        (_reverse("search:catalogue"), translation.gettext("Programmes")),
        (nav_urls.get("partners"), translation.gettext("Partners")),
        (_reverse("progress"), translation.gettext("Progress")),
        (_reverse("search:search"), translation.gettext("Search")),
    )
    return format_html(
        '<a class="site-name" href="/{}/">{}</a>\n'
        '      <nav class="main-nav" aria-label="{}">\n'
        "        <ul>\n"
        "          {}\n"
        "        </ul>\n"
        "      </nav>",
        translation.get_language(),
        translation.gettext("Vocational Education International Portal"),
        translation.gettext("Main menu"),
        format_html_join("\n          ", '<li><a href="{}">{}</a></li>', ((url, label) for url, label in links if url)),
    )


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
    """``text`` written in language ``code``, isolated in a ``<bdi>`` with its
    ``lang`` and ``dir`` (``portal.languages.in_language``)."""
    return languages.in_language(text, code)


@register.filter
def iso_datetime(value):
    """ISO 8601 for a ``<time datetime>`` (``portal.text.iso_datetime``)."""
    return text.iso_datetime(value)


@register.simple_tag
def time_element(value, format_name="DATE_FORMAT"):
    """``<time datetime="…">`` with the date in the reader's format, to put
    inside a translated sentence (``{% blocktranslate with date=… %}``)."""
    return text.time_element(value, format_name)


@register.filter
def join_list(items, separator=""):
    """``{{ names|join_list }}``: items joined as the reader's language lists
    them (", ", "、", "، "); ``{{ names|join_list:"semicolons" }}`` for items
    that may hold commas ("; ", "；", "؛ "). Items are escaped unless marked
    safe (a name in a ``<bdi>`` from ``in_language_list``)."""
    semicolons = separator == "semicolons"
    return format_html_join(list_separator(semicolons), "{}", ((item,) for item in items))


@register.simple_tag(name="list_separator")
def list_separator_tag():
    """``{% list_separator %}``: the reader's separator between the items of a
    list written out in a template (a partner, its country, its role)."""
    return list_separator()


@register.simple_tag
def in_language_list(texts):
    """Each of ``texts``, ``(text, language code)`` pairs (a school's former
    names), isolated as ``in_language`` isolates one, so that they can be
    joined with the reader's punctuation between them."""
    return [in_language(text, code) for text, code in texts if text]


@register.simple_tag
def recognition_text(recognition):
    """A school's recognition (``programmes.models.SchoolRecognition`` or
    ``BatchRecognition``) as its sentence in the reader's language, its own
    name marked with its language."""
    sentence, values = recognition.phrase()
    values = {key: conditional_escape(value) for key, value in values.items()}
    if values.get("name"):
        values["name"] = in_language(recognition.name, recognition.name_language)
    return mark_safe(conditional_escape(sentence) % values)


register.filter("in_own_language", in_own_language)


@register.simple_tag(takes_context=True)
def structured_data(context):
    """A ``<script type="application/ld+json">`` describing the page, escaped
    by Django's ``json_script`` so that no text can close the script element.
    A published page's script is written once per public version, language
    and host, as its addresses and summary are (it describes that page and
    its rows alone); its nonce for each response."""
    request = context.get("request")

    def write():
        with context.push(worked_out(context)):
            return _structured_data_script(context, request)

    page = context.get("page")
    if getattr(page, "pk", None):
        script = page_value(request, f"structured-data:{translation.get_language()}:{site_key(request)}", page, write)
    else:
        script = _kept(request, "structured-data", write)
    if not script:
        return ""
    # json_script writes type="application/json"; JSON-LD needs its own type.
    # The nonce lets it through the Content-Security-Policy (portal/security.py).
    # (str(): django-csp's lazy nonce counts as false until it is first read.)
    # A page the page cache may keep holds a placeholder, replaced in each response.
    if is_candidate(request):
        nonce = NONCE_PLACEHOLDER
    else:
        nonce = str(request.csp_nonce) if hasattr(request, "csp_nonce") else ""
    attributes = format_html('type="application/ld+json" nonce="{}"', nonce) if nonce else 'type="application/ld+json"'
    return mark_safe(script.replace('type="application/json"', attributes, 1))  # noqa: S308


def _structured_data_script(context, request):
    """The page's schema.org description as ``json_script`` writes it ("" for
    a page that has none)."""
    page = context.get("page")
    model = getattr(page, "specific_class", None)
    if model is None:
        return ""
    if issubclass(model, HomePage):
        data = schema.website(page, request, catalogue_url=_reverse("search:catalogue"))
    elif issubclass(model, SchoolPage):
        data = schema.school(page, request)
    elif issubclass(model, ProgrammePage):
        data = schema.programme(
            page,
            request,
            context["school"],
            context.get("teaching_languages"),
            context.get("intakes"),
            context.get("cooperating_schools"),
            context.get("sources"),
            context.get("fields_of_study"),
        )
    elif issubclass(model, PartnerPage):
        data = schema.partner(page, request)
    else:
        return ""
    if "@graph" in data:
        data["@graph"] = [_without_empty(node) for node in data["@graph"]]
    data = _without_empty(data)
    return str(json_script(data, encoder=DjangoJSONEncoder))


def _without_empty(data):
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _reverse(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


SITE_DESCRIPTION = _("Chinese vocational schools, their international programmes and their partners around the world.")

# Views (not Wagtail pages) that search engines should index, with the title
# and description their templates show (the same texts, so the same translations).
INDEXED_VIEWS = {
    "search:catalogue": (
        _("Programme catalogue"),
        _(
            "International programmes of Chinese vocational schools: search by field, country, type, "
            "language and level."
        ),
    ),
    "search:ranking": (_("How results are ordered"), SITE_DESCRIPTION),
    "progress": (
        _("Progress toward the national target"),
        _(
            "How many internationalized vocational schools have been selected, by batch and region, and where "
            "their partnerships and programmes run."
        ),
    ),
}
# Pages that offer the programme feed to browsers and feed readers.
FEED_VIEWS = {"search:catalogue"}


def _page_summary(request, page):
    """``seo.page_summary``, worked out once per public version and language
    for a published page (its rich text read as plain text); a preview's from
    the draft it shows."""
    return page_value(request, f"page-summary:{translation.get_language()}", page, lambda: seo.page_summary(page))


def _catalogue_canonical_query(request):
    """The catalogue filtered by one value (``?country=KE``) is a page worth
    its own address; any other combination, a text search, a sort or a page
    number is the same content rearranged: its canonical URL is the whole catalogue."""
    query = CatalogueQuery.from_querydict(request.GET)
    values = [(key, value) for key, chosen in query.filters.items() for value in chosen]
    if query.text or len(values) != 1:
        return ""
    return f"?{urlencode(values)}"


def _page_picture(request, page, context):
    owner = context.get("school") if isinstance(page, ProgrammePage) else page
    if isinstance(owner, SchoolPage):
        if owner.image_id:
            return seo.picture(request, owner.image)
        if owner.logo_id:
            return seo.picture(request, owner.logo, seo.LOGO_SPEC)
    return None


def fragment_key(request):
    """The key of what the base layout keeps per public version for a
    request (``kept_fragment``, ``seo_meta``): its language, scheme, host and
    full path, which say which page or view it is and its query; ``None``
    for a preview (a draft, not what the public sees), a request other than
    GET or HEAD (a form sent again shows what it was sent with) or without
    a request."""
    if request is None or request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return None
    key = getattr(request, "_fragment_key", None)
    if key is None:
        language = getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
        # The query as sent (the language switcher repeats it as it came).
        key = (language, site_key(request), f"{request.path}?{request.META.get('QUERY_STRING', '')}")
        request._fragment_key = key
    return key


def _kept(request, name, write):
    """``write()``, kept as fragment ``name`` for the request's URL
    (``fragment_key``), or written afresh when it has no key or its
    language is not the active one."""
    key = fragment_key(request)
    if key is None or key[0] != translation.get_language():
        return write()
    language, site, path = key
    return fragment(request, f"{name}:{language}:{site}", path, write)


class KeptFragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        return _kept(context.get("request"), self.name, lambda: self.write(context))

    def write(self, context):
        # With the view's lazy values worked out (portal.fragments.lazy_values).
        with context.push(worked_out(context)):
            return self.nodelist.render(context)


@register.tag
def kept_fragment(parser, token):
    """``{% kept_fragment "name" %}…{% endkept_fragment %}``: what is inside,
    written once per public version, language, host and full path in this
    process (``portal.fragments``). Only for what every visitor of that URL
    sees the same (the header's navigation and language switcher, the
    search-engine head): never a form's CSRF token, a nonce, a user's name
    or a message. Variables set inside it are not set when it is kept."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError("kept_fragment takes one quoted name")
    nodelist = parser.parse(("endkept_fragment",))
    parser.delete_first_token()
    return KeptFragmentNode(bits[1][1:-1], nodelist)


@register.simple_tag(takes_context=True)
def seo_meta(context):
    """What a page tells search engines and link previews: canonical URL and
    hreflang alternates (without sort or page noise), title, description,
    picture, Open Graph locales, and the feeds it offers. ``canonical`` is empty
    for what should not be indexed (search results, forms, errors). Worked
    out once per public version and URL (``fragment_key``): it holds only
    what the page, the view and the URL say; a published page's once per
    version, language and host, whatever its query (from the page and its
    rows alone)."""
    request = context.get("request")
    if request is None:
        return {}
    page = context.get("page")
    if getattr(page, "pk", None):
        name = f"seo-meta:{translation.get_language()}:{site_key(request)}"
        return page_value(request, name, page, lambda: _seo_meta(context, request))
    return _kept(request, "seo-meta", lambda: _seo_meta(context, request))


def _seo_meta(context, request):
    page = context.get("page")
    if not getattr(page, "pk", None):
        page = None
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match is not None else ""
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    canonical_query = None
    if page is not None:
        title = page.seo_title or page.title
        description = _page_summary(request, page) or SITE_DESCRIPTION
        canonical_query = ""
    elif view_name in INDEXED_VIEWS:
        title, description = INDEXED_VIEWS[view_name]
        canonical_query = _catalogue_canonical_query(request) if view_name == "search:catalogue" else ""
    else:
        title, description = "", SITE_DESCRIPTION
    alternates = []
    if canonical_query is not None:
        for code, url in alternate_urls(request, page):
            alternates.append({"code": code, "url": seo.absolute_url(request, url.split("?")[0] + canonical_query)})
    canonical = next((link["url"] for link in alternates if link["code"] == language), "")
    picture = (_page_picture(request, page, context) if page is not None else None) or {
        "url": seo.absolute_url(request, static("portal/img/og-default.png")),
        "width": 1200,
        "height": 630,
        "alt": "",
        "large": True,
    }
    feed_url = _reverse("programme-feed") if isinstance(page, HomePage) or view_name in FEED_VIEWS else ""
    return {
        "canonical": canonical,
        "alternates": alternates,
        "x_default": next((link["url"] for link in alternates if link["code"] == settings.LANGUAGE_CODE), ""),
        "title": title,
        "description": description,
        "picture": picture,
        "url": canonical or seo.absolute_url(request, request.path),
        "locale": seo.og_locale(language),
        "alternate_locales": [seo.og_locale(code) for code in LANGUAGE_CODES if code != language],
        "feed_url": feed_url,
        # The home page's title is the portal's name: not repeated after it.
        "is_home": isinstance(page, HomePage),
    }


@register.simple_tag
def partnership_history(partnership):
    """The recorded steps of a ``Partnership``, one sentence each."""
    return profile_rows.partnership_history(profile_rows.steps_of(partnership.events.all()))


# {% translated_block description rich=True %} (written in Python: a profile shows up to five).
register.simple_tag(text.translated_block, name="translated_block")


@register.simple_tag
def last_updated(page):
    """``<p>Last updated: <time>…</time></p>`` for a published page."""
    if not getattr(page, "last_published_at", None):
        return ""
    said = text.sentence(translation.gettext("Last updated: %(date)s"), date=text.time_element(page.last_published_at))
    return format_html('<p class="last-updated">{}</p>', said)


@register.simple_tag(name="inline_text")
def inline_text_tag(text):
    """``{% inline_text title %}``: a ``TranslatedText`` inside a line, in a
    ``<bdi>`` with its language when it is a fallback
    (``portal.directory_cards.inline_text``)."""
    return inline_text(text)


@register.simple_tag(takes_context=True)
def programme_key_facts(context):
    """The key facts of the programme page's ``page`` (``programmes.profile_rows``),
    written once per public version, language, host and month for a
    published page: they show the page's own rows and the schools it links
    to, and its intakes from this month on (some 0.5 ms, the most of the
    page's own time uncached)."""
    request, page = context.get("request"), context["page"]
    month = timezone.localdate().strftime("%Y-%m")
    name = f"programme-key-facts:{translation.get_language()}:{site_key(request)}:{month}"
    return page_value(request, name, page, lambda: profile_rows.programme_key_facts(page, request, context))


@register.simple_tag(takes_context=True)
def partner_link_items(context, links):
    """The partner institutions of a programme page (``programmes.profile_rows``),
    written once per public version, language and host for a published page."""
    request = context.get("request")
    name = f"programme-partner-links:{translation.get_language()}:{site_key(request)}"
    return page_value(request, name, context.get("page"), lambda: profile_rows.partner_link_items(links, request))


@register.simple_tag
def seo_head(seo_values):
    """The head's links and meta tags for search engines, feed readers and
    link previews, from ``seo_meta``: canonical and hreflang links (or
    ``noindex``), the feed, Open Graph and Twitter cards."""
    if not seo_values:
        return ""
    site_name = _("Vocational Education International Portal")
    title = seo_values["title"] or site_name
    picture = seo_values["picture"]
    tags = []
    if seo_values["canonical"]:
        tags.append(format_html('<link rel="canonical" href="{}">', seo_values["canonical"]))
        tags += [
            format_html('<link rel="alternate" hreflang="{}" href="{}">', link["code"], link["url"])
            for link in seo_values["alternates"]
        ]
        tags.append(format_html('<link rel="alternate" hreflang="x-default" href="{}">', seo_values["x_default"]))
    else:
        tags.append(mark_safe('<meta name="robots" content="noindex, follow">'))
    if seo_values["feed_url"]:
        tags.append(
            format_html(
                '<link rel="alternate" type="application/atom+xml" title="{}" href="{}">',
                _("New international programmes"),
                seo_values["feed_url"],
            )
        )
    meta = [
        ("og:site_name", site_name),
        ("og:type", "website"),
        ("og:url", seo_values["url"]),
        ("og:title", title),
        ("og:description", seo_values["description"]),
        ("og:locale", seo_values["locale"]),
        *(("og:locale:alternate", locale) for locale in seo_values["alternate_locales"]),
        ("og:image", picture["url"]),
        ("og:image:width", picture["width"]),
        ("og:image:height", picture["height"]),
    ]
    if picture.get("alt"):
        meta.append(("og:image:alt", picture["alt"]))
    tags += [format_html('<meta property="{}" content="{}">', name, value) for name, value in meta]
    twitter = [
        ("twitter:card", "summary_large_image" if picture.get("large") else "summary"),
        ("twitter:title", title),
        ("twitter:description", seo_values["description"]),
        ("twitter:image", picture["url"]),
    ]
    if picture.get("alt"):
        twitter.append(("twitter:image:alt", picture["alt"]))
    tags += [format_html('<meta name="{}" content="{}">', name, value) for name, value in twitter]
    return mark_safe("\n  ".join(tags))  # noqa: S308 - each tag written by format_html


# The rows of the school and partner profiles, written in Python
# (``programmes.profile_rows``): ``{% programme_items programmes %}``…
for _writer in (
    profile_rows.programme_items,
    profile_rows.partnership_rows,
    profile_rows.school_partnership_rows,
    profile_rows.partner_programme_items,
):
    register.simple_tag(_writer)
