"""The catalogue, the site-wide search page, the ranking explanation and the
JSON API. Every view asks ``search.service`` and never knows which engine
answers."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.languages import LANGUAGE_CODES
from programmes.facts import FACETS_BY_KEY

from .page_cache import get_cached, store
from .parameters import SORTS, CatalogueQuery, InvalidParameters
from .service import relevance_score_limit, search_catalogue, search_site, suggest

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
        "chips": chips,
        "sort_links": sort_links,
        "suggestion": suggestion,
        "page_links": page_links,
        "previous_url": _querystring(items, page=results.page - 1) if results.has_previous else "",
        "next_url": _querystring(items, page=results.page + 1) if results.has_next else "",
        "clear_url": "?",
        "highlight_terms": query.terms,
    }


@require_GET
def catalogue(request):
    """``/<lang>/programmes/``: the programme catalogue with text search, facets,
    sort and pages; each state is a plain GET URL. With the header
    ``X-Catalogue-Fragment`` only the results part is returned (for the script
    that applies facets without a full reload)."""
    fragment = FRAGMENT_HEADER in request.META
    variant = "fragment" if fragment else "page"
    cached = get_cached(request, variant)
    if cached is not None:
        return HttpResponse(cached, content_type="text/html; charset=utf-8")
    query = CatalogueQuery.from_querydict(request.GET)
    results = search_catalogue(query=query, language=translation.get_language())
    context = catalogue_context(query, results)
    template = "search/includes/catalogue_results.html" if fragment else "search/catalogue.html"
    response = render(request, template, context)
    if response.status_code == 200:
        store(request, response.content, variant)
    return response


@require_GET
def ranking(request):
    """``/<lang>/programmes/ranking/``: how results are ordered, in plain words."""
    return render(request, "search/ranking.html", {"max_scored_matches": relevance_score_limit()})


@require_GET
def site_search(request):
    """``/<lang>/search/``: schools, programmes and partners together, grouped
    by kind, with the words found highlighted."""
    text = request.GET.get("q", "")[:10_000]
    language = translation.get_language()
    terms, groups = search_site(text, language)
    context = {"query_text": text, "terms": terms, "groups": groups}
    if not any(group.total for group in groups):
        # Nothing found, or nothing asked yet: offer ways on rather than a dead end.
        context["found_nothing"] = bool(terms)
        context["suggestions"] = suggest(text, language, limit=POPULAR_FIELDS) if terms else []
        context["popular_fields"] = popular_fields(language)
    return render(request, "search/search.html", context)


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
        "field_of_study": entry.field_of_study,
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
            "count": results.total,
            "page": results.page,
            "num_pages": results.num_pages,
            "per_page": query.per_page,
            "results": [_programme_json(programme, request) for programme in results.programmes],
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
