"""The catalogue, the site-wide search page, the ranking explanation and the
JSON API. Every view asks ``search.service`` and never knows which engine
answers."""

import dataclasses
from typing import NamedTuple
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from portal.fragments import kept_value, lazy_values, site_key
from portal.http_cache import allow_public_cache
from portal.languages import LANGUAGE_CODES, join_list, list_separator, text_direction
from portal.text import plain_text
from programmes.facts import FACETS_BY_KEY, field_of_study_labels, language_labels
from programmes.models import ProgrammePage

from .entries import OPTIONAL_FACTS, PLACES_FACT, city_and_country, load_entries, optional_fact
from .page_cache import get_cached, store
from .parameters import SORTS, CatalogueQuery, InvalidParameters
from .service import partial_matches_below, relevance_score_limit, search_catalogue, search_site, suggest
from .shortlist import (
    MAX_COMPARED,
    MAX_SHORTLIST,
    ShortlistFull,
    add,
    keep_cookie_in_step,
    parse_compare_ids,
    remove,
    shortlist_ids,
)

FRAGMENT_HEADER = "HTTP_X_CATALOGUE_FRAGMENT"


def _querystring(items, **extra):
    pairs = list(items) + [(key, value) for key, value in extra.items()]
    encoded = urlencode(pairs)
    return f"?{encoded}" if encoded else "?"


def catalogue_context(query, results):
    """What the catalogue templates show: results, facets, removable chips,
    sort and page links, and the suggestion for an empty result."""
    items = query.querydict_items()
    chips = []
    for facet in results.facets:
        for value in facet.values:
            if value.selected:
                chips.append(
                    {
                        "facet": facet.label,
                        "label": value.label,
                        "remove_url": _querystring(query.querydict_items(without=(facet.key, value.value))),
                    }
                )
    text_items = [(key, value) for key, value in items if key != "sort"]
    sort_links = [
        {
            "key": key,
            "label": label,
            "url": _querystring(text_items + ([("sort", key)] if key != "relevance" else [])),
            "current": key == query.sort,
        }
        for key, label in SORTS.items()
    ]
    suggestion = None
    if not results.total and query.last_facet:
        key, value = query.last_facet
        facet_result = results.facet(key)
        label = next((v.label for v in (facet_result.values if facet_result else []) if v.value == value), value)
        suggestion = {
            "facet": FACETS_BY_KEY[key].label,
            "label": label,
            "url": _querystring(query.querydict_items(without=query.last_facet)),
        }
    page_links = []
    if results.num_pages > 1:
        first = max(1, results.page - 3)
        last = min(results.num_pages, results.page + 3)
        page_links = [
            {"number": n, "url": _querystring(items, page=n), "current": n == results.page}
            for n in range(first, last + 1)
        ]
    return {
        "query": query,
        "results": results,
        "facet_toggles": _facet_toggle_urls(query, results),
        "chips": chips,
        "sort_links": sort_links,
        "suggestion": suggestion,
        "page_links": page_links,
        "previous_url": _querystring(items, page=results.page - 1) if results.has_previous else "",
        "next_url": _querystring(items, page=results.page + 1) if results.has_next else "",
        "clear_url": "?",
        "highlight_terms": query.terms if results.highlight_terms is None else results.highlight_terms,
        "correction": _correction(query.text, results.corrected_text, items),
    }


def _facet_toggle_urls(query, results):
    """``{facet key: URL}`` of the link under each filter that lists all its
    values (``more=<key>``, one filter at a time), or, under the filter that
    lists them all, its most frequent ones again. Same results, same page; the
    address ends on the filter, so that a page loaded without script opens
    where the reader was."""
    items = [(key, value) for key, value in query.querydict_items() if key != "more"]
    if results.page > 1:
        items.append(("page", results.page))
    return {
        facet.key: _querystring(items + ([] if facet.key == query.expanded else [("more", facet.key)]))
        + f"#facet-{facet.key}"
        for facet in results.facets
    }


def _correction(text, corrected_text, items):
    """The "showing results for …; search instead for …" notice: the words
    searched, and the link that searches the words as typed."""
    if not corrected_text:
        return None
    return {
        "corrected": corrected_text,
        "original": text,
        "as_typed_url": _querystring([(key, value) for key, value in items if key != "as_typed"], as_typed="1"),
    }


@require_safe
def catalogue(request):
    """``/<lang>/programmes/``: the programme catalogue with text search, facets,
    sort and pages; each state is a plain GET URL (HEAD too, as every page the
    page cache may answer). With the header
    ``X-Catalogue-Fragment`` only the results part is returned (for the script
    that applies facets without a full reload).

    Anonymous visitors get it from the page cache as every public page
    (``portal.middleware.PublicPageCacheMiddleware``, which keeps the page and
    the fragment apart): the star forms then hold a placeholder that each
    response replaces with its visitor's own token, and star states are only
    read for a visitor with a shortlist, whose pages are never cached (see
    ``search.shortlist``)."""
    fragment = FRAGMENT_HEADER in request.META
    query = CatalogueQuery.from_querydict(request.GET)
    results = search_catalogue(query=query, language=translation.get_language())
    context = catalogue_context(query, results)
    context.update(_shortlist_context(request))
    template = "search/includes/catalogue_results.html" if fragment else "search/catalogue.html"
    response = render(request, template, context)
    # The page and its fragment share a URL: a browser's cache keeps them apart.
    patch_vary_headers(response, ["X-Catalogue-Fragment"])
    # CATALOGUE_PAGE_CACHE = False keeps it out of the cache (the benchmark measures both).
    if getattr(settings, "CATALOGUE_PAGE_CACHE", True):
        allow_public_cache(request)
    return response


def _shortlist_context(request):
    ids = shortlist_ids(request)
    return {"shortlist": frozenset(ids), "shortlist_count": len(ids), "star_next": request.get_full_path()}


def _published(ids):
    """Those of ``ids`` that are published programmes, in the same order."""
    if not ids:
        return []
    live = set(ProgrammePage.objects.live().public().filter(pk__in=ids).values_list("pk", flat=True))
    return [pk for pk in ids if pk in live]


def _programme_number(value):
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 10 else None


@require_http_methods(["GET", "HEAD", "POST"])
def shortlist(request):
    """``/<lang>/programmes/shortlist/``: the programmes this visitor starred
    (kept in their session, no account), to compare up to four of them. A POST
    adds (``action=add``) or removes (``action=remove``) the ``programme`` and
    goes back to ``next`` (a star button sends ``add=<id>`` or ``remove=<id>``);
    asked for JSON (the catalogue's script), it answers with the new state instead."""
    if request.method == "POST":
        return _change_shortlist(request)
    return _shortlist_page(request)


def _shortlist_page(request, error="", status=200):
    ids = _published(shortlist_ids(request))
    entries = load_entries(ids, translation.get_language())
    context = {
        "entries": entries,
        "shortlist": frozenset(ids),
        "shortlist_count": len(ids),
        "star_next": request.path,
        "error": error,
        "max_compared": MAX_COMPARED,
        "max_shortlist": MAX_SHORTLIST,
        "compare_all_url": _compare_url(ids[:MAX_COMPARED]) if len(ids) > 1 else "",
    }
    response = render(request, "search/shortlist.html", context, status=status)
    add_never_cache_headers(response)
    return response


def _change_shortlist(request):
    # A star button sends add=<id> or remove=<id> (one shared form for a list
    # of results); action=…&programme=<id> is read too.
    action = next((name for name in ("add", "remove") if name in request.POST), request.POST.get("action", ""))
    pk = _programme_number(request.POST.get(action) if action in request.POST else request.POST.get("programme"))
    if action not in ("add", "remove") or pk is None or (action == "add" and not _published([pk])):
        return _shortlist_page(request, _("This programme could not be found: it may no longer be published."), 400)
    try:
        ids = add(request, pk) if action == "add" else remove(request, pk)
    except ShortlistFull:
        message = _("Your shortlist is full: it holds %(count)s programmes. Remove one before you add another.") % {
            "count": MAX_SHORTLIST
        }
        return _shortlist_page(request, message, 400)
    if "application/json" in request.headers.get("Accept", ""):
        link = _("Shortlist (%(count)s)") % {"count": len(ids)} if ids else _("Shortlist")
        response = JsonResponse({"programme": pk, "starred": pk in ids, "count": len(ids), "link_label": link})
    else:
        target = request.POST.get("next", "")
        safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
        if not safe:
            target = reverse("search:shortlist")
        # Back to the card the visitor starred, not to the top of the page.
        response = HttpResponseRedirect(f"{target.split('#')[0]}#programme-{pk}")
        response.status_code = 303
    return keep_cookie_in_step(response, ids)


def _compare_url(ids):
    return f"{reverse('search:compare')}?ids={','.join(str(pk) for pk in ids)}"


def _in_language(text, language, reading):
    """``text`` escaped, marked with its language when it is not the page's."""
    if not text or language == reading:
        return format_html("{}", text)
    return format_html('<span lang="{}" dir="{}">{}</span>', language, text_direction(language), text)


def compare_rows(entries, reading):
    """The rows of a comparison: ``(label, [cell per programme])``, each cell
    safe HTML in the reader's language ("" when the programme has no value).
    A row no programme has a value for is left out."""
    fields = field_of_study_labels({code for entry in entries for code in entry.field_of_study or ()})
    languages = language_labels({code for entry in entries for code in entry.teaching_languages})

    def where(entry):
        country = entry.delivery_country_name
        if not entry.city:
            return format_html("{}", country)
        city = _in_language(entry.city, entry.city_language, reading)
        return mark_safe(
            conditional_escape(city_and_country()) % {"city": city, "country": conditional_escape(country)}
        )  # noqa: S308

    def school(entry):
        if not entry.school:
            return ""
        title = _in_language(entry.school.title, entry.school.title_language, reading)
        return format_html('<a href="{}">{}</a>', entry.school.url, title) if entry.school.url else title

    def field(entry):
        return format_html_join(
            list_separator(),
            "{} <bdi>{}</bdi>",
            ((fields.get(code, code), _("(ISCED-F %(code)s)") % {"code": code}) for code in entry.field_of_study or ()),
        )

    rows = [
        (_("Type"), [entry.get_programme_type_display() for entry in entries]),
        (_("School"), [school(entry) for entry in entries]),
        (_("Where"), [where(entry) for entry in entries]),
        (
            _("Languages of teaching"),
            [join_list(languages.get(code, code) for code in entry.teaching_languages) for entry in entries],
        ),
        (_("Level"), [entry.get_level_display() for entry in entries]),
        (_("Field of study"), [field(entry) for entry in entries]),
        *((label, [optional_fact(entry, name) for entry in entries]) for name, label in OPTIONAL_FACTS.items()),
        (
            _("Status"),
            [
                format_html('<span class="status status--{}">{}</span>', entry.status, entry.get_status_display())
                for entry in entries
            ],
        ),
        (PLACES_FACT[1], [optional_fact(entry, PLACES_FACT[0]) for entry in entries]),
    ]
    return [(label, cells) for label, cells in rows if any(cells)]


@require_GET
def compare(request):
    """``/<lang>/programmes/compare/?ids=1,2,3``: up to four programmes side by
    side in the reader's language. The ids are in the URL, so the link works
    for a colleague in another browser; ids that cannot be read or are too
    many get a message (400), never an error page."""
    values = request.GET.getlist("ids")
    ids, problems = parse_compare_ids(values)
    if len(values) > 1 and not problems and 0 < len(ids) <= MAX_COMPARED:
        # ?ids=1&ids=2 (the shortlist's form) becomes the short link to send.
        return HttpResponseRedirect(_compare_url(ids))
    errors = [_("“%(value)s” is not a programme number.") % {"value": problem} for problem in problems]
    if len(ids) > MAX_COMPARED:
        errors.append(
            _("You can compare up to %(count)s programmes at once: the first %(count)s are shown.")
            % {"count": MAX_COMPARED}
        )
        ids = ids[:MAX_COMPARED]
    published = _published(ids)
    missing = [pk for pk in ids if pk not in published]
    reading = translation.get_language()
    entries = load_entries(published, reading)
    context = {
        "rows": compare_rows(entries, reading),
        "errors": errors,
        "missing": join_list(missing),
        "share_url": request.build_absolute_uri(_compare_url(published)) if published else "",
        "max_compared": MAX_COMPARED,
        "shortlist_count": len(shortlist_ids(request)),
        "columns": [
            {"entry": entry, "remove_url": _compare_url([other.pk for other in entries if other.pk != entry.pk])}
            for entry in entries
        ],
    }
    return render(request, "search/compare.html", context, status=400 if errors else 200)


@require_GET
def ranking(request):
    """``/<lang>/programmes/ranking/``: how results are ordered, in plain words."""
    return render(
        request,
        "search/ranking.html",
        {"max_scored_matches": relevance_score_limit(), "partial_below": partial_matches_below()},
    )


@require_GET
def site_search(request):
    """``/<lang>/search/``: schools, programmes and partners together, grouped
    by kind, with the words found highlighted."""
    text = request.GET.get("q", "")[:10_000]
    language = translation.get_language()

    def results_context():
        results = search_site(text, language, as_typed=request.GET.get("as_typed") == "1")
        groups = [_shown_group(group, request) for group in results.groups] if results else []
        terms = results.highlight_terms if results else []
        context = {"terms": terms, "groups": groups}
        if results:
            context["correction"] = _correction(text, results.corrected_text, [("q", text)])
        if not any(group.total for group in groups):
            # Nothing found, or nothing asked yet: offer ways on rather than a dead end.
            context["found_nothing"] = bool(terms)
            context["suggestions"] = suggest(text, language, limit=POPULAR_FIELDS) if terms else []
            context["popular_fields"] = popular_fields(language)
        return context

    # The results are kept with the page's content per public version (the
    # template's kept_fragment): searched for only when it is written.
    names = ("terms", "groups", "correction", "found_nothing", "suggestions", "popular_fields")
    context = {"query_text": text, **lazy_values(results_context, names)}
    # The same words give every anonymous visitor the same page.
    allow_public_cache(request)
    return render(request, "search/search.html", context)


class SiteSearchItem(NamedTuple):
    """What the site search shows of a page found: its link, title and
    summary (its description or introduction as plain text), the same for
    every query; the words found are highlighted in them per query."""

    pk: int
    url: str
    title: str
    summary: str


def _shown_group(group, request):
    """``group`` (``search.engines.base.SiteSearchGroup``) with its pages as
    ``SiteSearchItem``s, each worked out once per public version, language
    and host in this process (``portal.fragments``): the link, the title in
    the reader's language and the summary's plain text, which the template
    would otherwise work out from the page for every result of every query."""
    name = f"site-search-item:{translation.get_language()}:{site_key(request)}"

    def item(page):
        summary = getattr(page, "description", "") or getattr(page, "introduction", "")
        return SiteSearchItem(page.pk, page.get_url(request=request) or "", page.title, plain_text(summary))

    items = [kept_value(request, name, page.pk, lambda page=page: item(page)) for page in group.pages]
    return dataclasses.replace(group, pages=items)


POPULAR_FIELDS = 6


def popular_fields(language, limit=POPULAR_FIELDS):
    """The fields of study with the most programmes, as catalogue links (the
    catalogue's own facet counts, from whichever engine answers)."""
    field = search_catalogue(language=language).facet("field")
    values = sorted(field.values, key=lambda value: -value.count)[:limit] if field else []
    return [
        {"label": value.label, "count": value.count, "query": urlencode({"field": value.value})}
        for value in values
        if value.count
    ]


def _unknown_language(language):
    return JsonResponse(
        {"error": _("Unknown language “%(lang)s”.") % {"lang": language[:20]}, "languages": LANGUAGE_CODES},
        status=400,
    )


def _programme_json(entry, request):
    school = entry.school
    return {
        "id": entry.pk,
        "title": entry.title,
        "url": request.build_absolute_uri(entry.url) if entry.url else None,
        "programme_type": entry.programme_type,
        "level": entry.level,
        "status": entry.status,
        "delivery_country": str(entry.delivery_country),
        # The first of its fields, as before programmes had several; all of them in "fields_of_study".
        "field_of_study": entry.field_of_study[0] if entry.field_of_study else None,
        "fields_of_study": list(entry.field_of_study or ()),
        "teaching_languages": entry.teaching_languages,
        "duration": {"number": entry.duration_number, "unit": entry.duration_unit} if entry.duration_unit else None,
        "fees": {
            "kind": entry.fee_kind or None,
            "amount": str(entry.fee_amount) if entry.fee_amount is not None else None,
            "currency": entry.fee_currency or None,
            "period": entry.fee_period if entry.fee_amount is not None else None,
        },
        "next_start": entry.next_start.strftime("%Y-%m") if entry.next_start else None,
        "school": {"title": school.title, "url": request.build_absolute_uri(school.url) if school.url else None}
        if school
        else None,
        "first_published_at": entry.first_published_at.isoformat() if entry.first_published_at else None,
    }


@require_GET
def api_search(request):
    """``/api/v1/search/``: the catalogue as JSON. Same parameters as the
    catalogue page, plus ``lang`` (one of the site's languages) for titles and
    URLs. Anything not understood is a 400 with a message."""
    language = request.GET.get("lang", "") or settings.LANGUAGE_CODE
    if language not in LANGUAGE_CODES:
        return _unknown_language(language)
    with translation.override(language):
        try:
            query = CatalogueQuery.from_querydict(request.GET, strict=True)
        except InvalidParameters as error:
            return JsonResponse({"error": str(error), "errors": error.messages}, status=400)
        cached = get_cached(request, f"api:{language}")
        if cached is not None:
            return HttpResponse(cached, content_type="application/json")
        results = search_catalogue(query=query, language=language)
        payload = {
            "query": {
                "q": query.text,
                "filters": query.filters,
                "sort": query.sort,
                "page": results.page,
                "lang": language,
            },
            "engine": results.engine,
            # The words searched when a misspelt word was corrected (``as_typed=1`` searches them as typed).
            "corrected_query": results.corrected_text or None,
            "count": results.total,
            "page": results.page,
            "num_pages": results.num_pages,
            "per_page": query.per_page,
            "results": [
                {**_programme_json(programme, request), "partial": int(programme.pk) in results.partial_ids}
                for programme in results.programmes
            ],
            "facets": {
                facet.key: [
                    {"value": value.value, "label": str(value.label), "count": value.count, "selected": value.selected}
                    for value in facet.values
                ]
                for facet in results.facets
            },
        }
        response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    store(request, response.content, f"api:{language}")
    return response


@require_GET
def api_suggest(request):
    """``/api/v1/suggest/?q=…&lang=…``: up to eight programme titles starting
    with the words typed (for a search box's suggestions)."""
    language = request.GET.get("lang", "") or settings.LANGUAGE_CODE
    if language not in LANGUAGE_CODES:
        return _unknown_language(language)
    prefix = request.GET.get("q", "")
    return JsonResponse(
        {"query": prefix[:100], "suggestions": suggest(prefix, language)}, json_dumps_params={"ensure_ascii": False}
    )
