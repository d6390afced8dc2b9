"""The Elasticsearch side of the catalogue, written with elasticsearch-dsl
(imported from ``elasticsearch.dsl``): one document per live programme, an
analyzer per language (stems and stop words; cjk for Chinese) with the
editors' synonyms at query time, and the faceted search over it.

Nothing here talks to a server until ``.execute()`` or ``.save()``: request
bodies can be built and checked with ``.to_dict()`` anywhere."""

from django.conf import settings

from elasticsearch.dsl import (
    A,
    Date,
    Document,
    Facet,
    FacetedSearch,
    Keyword,
    Q,
    TermsFacet,
    Text,
    analyzer,
    token_filter,
)
from modeltranslation.utils import build_localized_fieldname

from portal.languages import LANGUAGE_CODES, first_translation
from programmes.facts import FACETS, STARTS_SOON, starts_soon_window

from ..indexing import PageText

# The synonym groups editors keep (``search.models.SynonymGroup``), applied to
# queries on every text field. Its rules are written into the index's settings
# when the index is created (``index_body``); a changed list takes effect with
# ``manage.py catalogue_index rebuild``.
SYNONYMS_FILTER = "portal_synonyms"
synonyms = token_filter(SYNONYMS_FILTER, type="synonym_graph", synonyms=[], lenient=True)


def _language_analyzers(name, tokenizer, before, after, char_filter=None):
    """``(index analyzer, search analyzer)`` of one language: the same chain
    (as Elasticsearch's built-in language analyzer), the search one with the
    synonyms after case folding, before stop words and stemming."""
    extra = {"char_filter": char_filter} if char_filter else {}
    index = analyzer(f"portal_{name}", tokenizer=tokenizer, filter=[*before, *after], **extra)
    search = analyzer(f"portal_{name}_search", tokenizer=tokenizer, filter=[*before, synonyms, *after], **extra)
    return index, search


def _stemmer(name, language):
    return token_filter(f"portal_{name}_stemmer", type="stemmer", language=language)


def _stop(name, stopwords):
    return token_filter(f"portal_{name}_stop", type="stop", stopwords=stopwords)


# Each language's words and their forms: Elasticsearch's language analyzers
# rebuilt (so that synonyms fit in), Snowball-family stemmers and the
# language's stop words; Chinese as bigrams of characters (cjk).
LANGUAGE_ANALYZERS = {
    "en": _language_analyzers(
        "english",
        "standard",
        [_stemmer("english_possessive", "possessive_english"), "lowercase"],
        [_stop("english", "_english_"), _stemmer("english", "english")],
    ),
    "zh-hans": _language_analyzers("cjk", "standard", ["cjk_width", "lowercase"], ["cjk_bigram"]),
    "fr": _language_analyzers(
        "french",
        "standard",
        [
            token_filter(
                "portal_french_elision",
                type="elision",
                articles_case=True,
                articles=["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
            ),
            "lowercase",
        ],
        [_stop("french", "_french_"), _stemmer("french", "light_french")],
    ),
    "es": _language_analyzers(
        "spanish", "standard", ["lowercase"], [_stop("spanish", "_spanish_"), _stemmer("spanish", "light_spanish")]
    ),
    "ru": _language_analyzers(
        "russian", "standard", ["lowercase"], [_stop("russian", "_russian_"), _stemmer("russian", "russian")]
    ),
    "ar": _language_analyzers(
        "arabic",
        "standard",
        ["lowercase", "decimal_digit"],
        [_stop("arabic", "_arabic_"), "arabic_normalization", _stemmer("arabic", "arabic")],
    ),
}
# Case-, accent- and width-insensitive words, whatever the language.
folded_analyzer = analyzer("portal_folded", tokenizer="standard", filter=["cjk_width", "lowercase", "asciifolding"])
# ``search_text`` is already in the portal's index form (``search.analysis``:
# folded, Chinese words by jieba, stems): split on spaces only; queries get synonyms.
normal_form_analyzer = analyzer("portal_normal_form", tokenizer="whitespace", filter=["lowercase"])
normal_form_search_analyzer = analyzer(
    "portal_normal_form_search", tokenizer="whitespace", filter=["lowercase", synonyms]
)


def index_body(document, name, synonym_rules):
    """The body that creates the index ``name`` of ``document`` (settings with
    the analyzers, and mappings), with ``synonym_rules`` ("a, b, c")."""
    body = document._index.clone(name).to_dict()
    body["settings"]["analysis"]["filter"][SYNONYMS_FILTER]["synonyms"] = list(synonym_rules)
    return body


TRANSLATED_TEXT_FIELDS = ("title", "description")


def index_name():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-programmes"


def pages_index_name():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-pages"


def _translated_field(language):
    index, search = LANGUAGE_ANALYZERS[language]
    return Text(
        analyzer=index,
        search_analyzer=search,
        fields={"folded": Text(analyzer=folded_analyzer, search_analyzer=folded_analyzer)},
    )


class ProgrammeDocument(Document):
    """One live programme as Elasticsearch stores it (see ``programme_document``)."""

    search_text = Text(analyzer=normal_form_analyzer, search_analyzer=normal_form_search_analyzer)
    first_published_at = Date()

    class Index:
        name = index_name()
        settings = {"number_of_shards": 1, "number_of_replicas": 0}


# Facets whose value depends on the day a reader asks, not only on the
# programme: the document holds the fact (the start dates, as dates, in a field
# named after the fact) and each query asks it for the facet's window.
QUERY_TIME_FACETS = {"starts"}

# A keyword field per facet (``programmes.facts``), a date field per query-time
# facet, and each language's texts.
for _facet in FACETS:
    if _facet.key in QUERY_TIME_FACETS:
        ProgrammeDocument._doc_type.mapping.field(_facet.fact, Date(multi=True))
    else:
        ProgrammeDocument._doc_type.mapping.field(_facet.es_field, Keyword(multi=True))
for _language in LANGUAGE_CODES:
    for _field in TRANSLATED_TEXT_FIELDS:
        ProgrammeDocument._doc_type.mapping.field(
            build_localized_fieldname(_field, _language), _translated_field(_language)
        )
    ProgrammeDocument._doc_type.mapping.field(build_localized_fieldname("title_sort", _language), Keyword())


class PageDocument(Document):
    """A school, programme or partner for the site search: its kind and its
    text in the portal's normal form (``search.indexing``)."""

    kind = Keyword()
    title = Text(analyzer=normal_form_analyzer, search_analyzer=normal_form_search_analyzer)
    body = Text(analyzer=normal_form_analyzer, search_analyzer=normal_form_search_analyzer)

    class Index:
        name = pages_index_name()
        settings = {"number_of_shards": 1, "number_of_replicas": 0}


def page_document(text: PageText):
    return PageDocument(meta={"id": text.page_id}, kind=text.kind, title=text.title, body=text.body)


def site_search(terms, kind):
    """The site search of one kind of page: every term, titles weighted above
    the rest; below them, as on the database engine, the pages holding all
    but one of the terms (named ``PARTIAL``, so the answer marks them)."""
    normal_form = " ".join(terms)
    fields = ["title^2", "body"]
    every_word = Q("multi_match", query=normal_form, fields=fields, operator="and", _name=EVERY_WORD)
    clauses = [every_word]
    if len(terms) > 1:
        clauses.append(
            Q(
                "multi_match",
                query=normal_form,
                fields=fields,
                minimum_should_match=f"{len(terms) - 1}",
                boost=0.2,
                _name=PARTIAL,
            )
        )
    return (
        PageDocument.search(index=pages_index_name())
        .filter("term", kind=kind)
        .query(Q("bool", should=clauses, minimum_should_match=1))
        .source(False)
    )


def suggest_search(prefix, language):
    """Programme titles in ``language`` with a word starting with ``prefix``."""
    field = build_localized_fieldname("title", language)
    return (
        ProgrammeDocument.search(index=index_name()).query(Q("match_phrase_prefix", **{field: prefix})).source([field])
    )


# --- spelling corrections and partial matches, as the database engine gives them ---

# Names of the text clauses, read back from each hit's ``matched_queries``: a
# hit that matched no ``EVERY_WORD`` clause holds all but one word (partial).
EVERY_WORD = "every_word"
PARTIAL = "partial"
# The term suggester's name in the request and the response.
SPELLING = "spelling"


def with_spelling_suggestion(search, terms, field="search_text"):
    """``search`` asking Elasticsearch's term suggester, for each of ``terms``
    (normal form) that ``field`` does not hold, for the closest words it
    holds: the database engine's corrections (``search.analysis.correct``).
    The words are split on spaces as the index's normal form is, without the
    synonyms the field's search analyzer adds."""
    if not terms:
        return search
    return search.suggest(
        SPELLING,
        " ".join(terms),
        term={
            "field": field,
            "analyzer": normal_form_analyzer._name,
            "suggest_mode": "missing",
            "min_word_length": 4,
            "max_edits": 2,
            "size": 3,
        },
    )


def search_fields():
    """Fields a text query looks in, titles weighted above descriptions."""
    fields = ["search_text^2"]
    for language in LANGUAGE_CODES:
        title = build_localized_fieldname("title", language)
        description = build_localized_fieldname("description", language)
        fields += [f"{title}^3", f"{title}.folded^3", description, f"{description}.folded"]
    return fields


SORTS = {
    "relevance": ["_score", {"first_published_at": {"order": "desc"}}],
    "newest": [{"first_published_at": {"order": "desc"}}],
}


class StartsSoonFacet(Facet):
    """ "Starts within 6 months", asked of the indexed start dates with each
    query: a stored flag would go stale as days pass, and the database engine
    decides it from today's date too (``programmes.facts.starts_soon_window``,
    the same window). The facet's one value is counted by a filter
    aggregation and chosen by the same range as a filter."""

    def __init__(self, field, window):
        super().__init__()
        first, after = window
        self.range = Q("range", **{field: {"gte": first.isoformat(), "lt": after.isoformat()}})

    def get_aggregation(self):
        return A("filter", filter=self.range)

    def add_filter(self, filter_values):
        return self.range if STARTS_SOON in filter_values else None

    def get_values(self, data, filter_values):
        # Like a terms aggregation, a value no programme has is left out.
        count = data.doc_count
        return [(STARTS_SOON, count, STARTS_SOON in filter_values)] if count else []


def catalogue_facets(filters=None):
    """``{facet key: elasticsearch-dsl facet}`` of one request (the window of
    "starts within 6 months" read once, from today). A facet that is not
    ``listed`` is asked only when ``filters`` choose values of it, and counts
    only those (the school: no aggregation over 300 schools on every request)."""
    window = starts_soon_window()
    filters = filters or {}
    facets = {}
    for facet in FACETS:
        if facet.key in QUERY_TIME_FACETS:
            facets[facet.key] = StartsSoonFacet(facet.fact, window)
        elif facet.listed:
            facets[facet.key] = TermsFacet(field=facet.es_field, size=300)
        elif filters.get(facet.key):
            chosen = sorted(filters[facet.key])
            facets[facet.key] = TermsFacet(field=facet.es_field, size=len(chosen), include=chosen)
    return facets


class ProgrammeFacetedSearch(FacetedSearch):
    """The catalogue on Elasticsearch: a text query over every language's
    fields (typo-tolerant), facets as aggregations, facet filters as a post
    filter so that each facet counts without its own selection."""

    doc_types = [ProgrammeDocument]
    fields = search_fields()

    def __init__(self, text="", terms=(), filters=None, sort="relevance", language="en", as_typed=False):
        self.facets = catalogue_facets(filters)
        self.index = index_name()
        self.terms = list(terms)
        self.text = text
        self.as_typed = as_typed
        if language not in LANGUAGE_CODES:
            language = settings.LANGUAGE_CODE
        order = SORTS.get(sort) or [{build_localized_fieldname("title_sort", language): {"order": "asc"}}]
        super().__init__(query=text or None, filters=filters or {}, sort=order)

    def query(self, search, query):
        if not self.terms:
            return search
        normal_form = " ".join(self.terms)
        titles = [field for field in self.fields if field.startswith("title_")]
        matches = Q(
            "bool",
            should=[
                # Words as typed, through each language's analyzer (stems, stop
                # words, synonyms); one wrong letter in a word of five or more still matches.
                Q("multi_match", query=normal_form, fields=self.fields, operator="and", **self.typo_tolerance()),
                # The portal's own form (Chinese words by jieba, stems, synonyms).
                Q("match", search_text={"query": normal_form, "operator": "and", "_name": EVERY_WORD}),
                # Partial matches: all but one of three or more words, weighed low.
                Q(
                    "match",
                    search_text={"query": normal_form, "minimum_should_match": "2<-1", "boost": 0.2, "_name": PARTIAL},
                ),
            ],
            minimum_should_match=1,
        )
        ranking = [
            # The exact phrase in a title first, then every word in a title.
            Q("multi_match", query=self.text, type="phrase", fields=titles, boost=10),
            Q("multi_match", query=normal_form, fields=titles, operator="and", boost=3),
        ]
        return search.query(Q("bool", must=[matches], should=ranking))

    def typo_tolerance(self):
        """The first clause's fuzziness, and its name (a hit it matched holds
        every word); none when the words are searched as typed."""
        return {"_name": EVERY_WORD} if self.as_typed else {"fuzziness": "AUTO:4,5", "_name": EVERY_WORD}

    def highlight(self, search):
        # Highlighting is done by the portal's templates, the same for both engines.
        return search


def programme_document(programme, facts, search_text):
    """The document of one programme: its facts (``{fact key: [values]}``, see
    ``search.indexing.read_facts``) as facet values, its texts in every
    language and its text in the normal form."""
    document = ProgrammeDocument(
        meta={"id": programme.pk}, search_text=search_text, first_published_at=programme.first_published_at
    )
    for facet in FACETS:
        if facet.key in QUERY_TIME_FACETS:
            setattr(document, facet.fact, sorted(set(facts.get(facet.fact, ()))))
            continue
        values = {facet.values_of(value) for value in facts.get(facet.fact, ())}
        setattr(document, facet.es_field, sorted(value for value in values if value))
    for language in LANGUAGE_CODES:
        for field in TRANSLATED_TEXT_FIELDS:
            column = build_localized_fieldname(field, language)
            setattr(document, column, getattr(programme, column, "") or "")
        title, _language = first_translation(
            lambda code: getattr(programme, build_localized_fieldname("title", code)), language
        )
        setattr(document, build_localized_fieldname("title_sort", language), str(title).casefold())
    return document
