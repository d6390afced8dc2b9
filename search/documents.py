"""The Elasticsearch side of the catalogue, written with elasticsearch-dsl
(imported from ``elasticsearch.dsl``): one document per live programme, an
analyzer per language (cjk for Chinese) and the faceted search over it.

Nothing here talks to a server until ``.execute()`` or ``.save()``: request
bodies can be built and checked with ``.to_dict()`` anywhere."""

from django.conf import settings

from elasticsearch.dsl import Date, Document, FacetedSearch, Keyword, Q, TermsFacet, Text, analyzer

from .parameters import FACETS

# Elasticsearch's built-in language analyzers; cjk indexes Chinese as bigrams.
LANGUAGE_ANALYZERS = {
    "en": "english",
    "zh-hans": "cjk",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "ar": "arabic",
}
# Case-, accent- and width-insensitive words, whatever the language.
folded_analyzer = analyzer("portal_folded", tokenizer="standard", filter=["cjk_width", "lowercase", "asciifolding"])
# ``search_text`` is already in the portal's normal form (search.text): split on spaces only.
normal_form_analyzer = analyzer("portal_normal_form", tokenizer="whitespace", filter=["lowercase"])

SUFFIXES = {code: code.replace("-", "_") for code, _name in settings.LANGUAGES}
TRANSLATED_TEXT_FIELDS = ("title", "description")

# Document field behind each catalogue facet.
FACET_FIELDS = {
    "field": "field_broad",
    "subfield": "field_narrow",
    "type": "programme_type",
    "continent": "continent",
    "country": "delivery_country",
    "language": "teaching_languages",
    "level": "level",
    "status": "status",
    "region": "school_region",
    "province": "school_province",
    "batch": "school_batch",
    "partner_country": "partner_countries",
}


def index_name():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-programmes"


def _translated_field(language):
    return Text(
        analyzer=LANGUAGE_ANALYZERS.get(language, "standard"),
        fields={"folded": Text(analyzer=folded_analyzer)},
    )


class ProgrammeDocument(Document):
    """One live programme as Elasticsearch stores it (see ``programme_document``)."""

    search_text = Text(analyzer=normal_form_analyzer)
    first_published_at = Date()
    field_broad = Keyword()
    field_narrow = Keyword()
    programme_type = Keyword()
    continent = Keyword()
    delivery_country = Keyword()
    teaching_languages = Keyword(multi=True)
    level = Keyword()
    status = Keyword()
    school_region = Keyword()
    school_province = Keyword()
    school_batch = Keyword()
    partner_countries = Keyword(multi=True)

    class Index:
        name = index_name()
        settings = {"number_of_shards": 1, "number_of_replicas": 0}


for _language, _suffix in SUFFIXES.items():
    for _field in TRANSLATED_TEXT_FIELDS:
        ProgrammeDocument._doc_type.mapping.field(f"{_field}_{_suffix}", _translated_field(_language))
    ProgrammeDocument._doc_type.mapping.field(f"title_sort_{_suffix}", Keyword())


def search_fields():
    """Fields a text query looks in, titles weighted above descriptions."""
    fields = ["search_text^2"]
    for suffix in SUFFIXES.values():
        fields += [
            f"title_{suffix}^3",
            f"title_{suffix}.folded^3",
            f"description_{suffix}",
            f"description_{suffix}.folded",
        ]
    return fields


SORTS = {
    "relevance": ["_score", {"first_published_at": {"order": "desc"}}],
    "newest": [{"first_published_at": {"order": "desc"}}],
}


class ProgrammeFacetedSearch(FacetedSearch):
    """The catalogue on Elasticsearch: a text query over every language's
    fields (typo-tolerant), facets as aggregations, facet filters as a post
    filter so that each facet counts without its own selection."""

    doc_types = [ProgrammeDocument]
    fields = search_fields()
    facets = {facet.key: TermsFacet(field=FACET_FIELDS[facet.key], size=300) for facet in FACETS}

    def __init__(self, text="", terms=(), filters=None, sort="relevance", language="en"):
        self.index = index_name()
        self.terms = list(terms)
        suffix = SUFFIXES.get(language, "en")
        order = SORTS.get(sort) or [{f"title_sort_{suffix}": {"order": "asc"}}]
        super().__init__(query=text or None, filters=filters or {}, sort=order)

    def query(self, search, query):
        if not self.terms:
            return search
        normal_form = " ".join(self.terms)
        return search.query(
            Q(
                "bool",
                should=[
                    # Words as typed, through each language's analyzer; one
                    # wrong letter in a word of five or more still matches.
                    Q("multi_match", query=normal_form, fields=self.fields, fuzziness="AUTO:4,5", operator="and"),
                    # The portal's own normal form (Chinese segmented by jieba).
                    Q("match", search_text={"query": normal_form, "operator": "and"}),
                ],
                minimum_should_match=1,
            )
        )

    def highlight(self, search):
        # Highlighting is done by the portal's templates, the same for both engines.
        return search


def programme_document(programme, school=None, batch=None, partner_countries=()):
    """The document of one programme (``school``, its selected ``batch`` number
    and its partners' countries may be passed in to save queries)."""
    from .continents import continent_of
    from .indexing import programme_search_text

    code = programme.field_of_study.code if programme.field_of_study_id else ""
    document = ProgrammeDocument(
        meta={"id": programme.pk},
        search_text=programme_search_text(programme),
        first_published_at=programme.first_published_at,
        field_broad=code[:2] or None,
        field_narrow=code[:3] if len(code) >= 3 else None,
        programme_type=programme.programme_type,
        continent=continent_of(programme.delivery_country) or None,
        delivery_country=str(programme.delivery_country),
        teaching_languages=[language.code for language in programme.teaching_languages.all()],
        level=programme.level,
        status=programme.status,
        school_region=school.province.region if school else None,
        school_province=school.province.code if school else None,
        school_batch=str(batch) if batch else None,
        partner_countries=sorted(set(partner_countries)),
    )
    for suffix in SUFFIXES.values():
        title = getattr(programme, f"title_{suffix}", "") or ""
        setattr(document, f"title_{suffix}", title)
        setattr(document, f"description_{suffix}", getattr(programme, f"description_{suffix}", "") or "")
        fallback = title or programme.title_en or programme.title_zh_hans or ""
        setattr(document, f"title_sort_{suffix}", fallback.casefold())
    return document
