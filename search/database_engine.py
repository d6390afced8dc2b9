"""The database engine: Wagtail's search (SQLite FTS5 or PostgreSQL full text)
for the words, the ORM for facets, filters, sorting and paging.

Facets are disjunctive: values of one facet combine with OR, facets with AND,
and a facet's counts ignore its own selection (so choosing "France" still shows
how many programmes "Germany" would add). Each facet costs one aggregate query
whatever the number of its values or of the results."""

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Left, Length, NullIf

from partners.models import ProgrammePartner
from programmes.models import BatchSelection, ProgrammePage, SchoolPage, SelectionStatus

from .continents import continent_of, countries_in
from .facet_labels import facet_labels
from .parameters import FACETS
from .results import CatalogueResults, FacetResult, FacetValue
from .text import query_terms

logger = logging.getLogger(__name__)

_TRIGRAM_AVAILABLE = None


def trigram_available():
    """Whether PostgreSQL's pg_trgm extension is installed (checked once)."""
    global _TRIGRAM_AVAILABLE
    if connection.vendor != "postgresql":
        return False
    if _TRIGRAM_AVAILABLE is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            _TRIGRAM_AVAILABLE = cursor.fetchone() is not None
    return _TRIGRAM_AVAILABLE


def _school_path():
    # A programme is a child page of its school: the school's tree path is the
    # programme's path without its last step.
    return Left("path", Length("path") - ProgrammePage.steplen)


def _schools_where(**lookups):
    return SchoolPage.objects.filter(**lookups).values("path")


def facet_condition(key, values):
    """The ORM condition for one facet's selected values (OR within a facet)."""
    if key in ("field", "subfield"):
        condition = Q()
        for value in values:
            condition |= Q(field_of_study__code__startswith=value)
        return condition
    if key == "type":
        return Q(programme_type__in=values)
    if key == "level":
        return Q(level__in=values)
    if key == "status":
        return Q(status__in=values)
    if key == "country":
        return Q(delivery_country__in=values)
    if key == "continent":
        return Q(delivery_country__in=[code for continent in values for code in countries_in(continent)])
    if key == "language":
        return Q(pk__in=ProgrammePage.objects.filter(teaching_languages__code__in=values).values("pk"))
    if key == "region":
        return Q(school_path__in=_schools_where(province__region__in=values))
    if key == "province":
        return Q(school_path__in=_schools_where(province__code__in=values))
    if key == "batch":
        return Q(
            school_path__in=_schools_where(
                batch_selections__batch__number__in=[int(v) for v in values],
                batch_selections__status=SelectionStatus.SELECTED,
            )
        )
    if key == "partner_country":
        return Q(
            pk__in=ProgrammePartner.objects.filter(partner__country__in=values, partner__live=True).values(
                "programme_id"
            )
        )
    raise KeyError(key)


def _school_value(lookup):
    return Subquery(SchoolPage.objects.filter(path=OuterRef("school_path")).values(lookup)[:1])


def _count_facet(key, queryset):
    """``{value: count}`` of one facet over ``queryset``, in one query."""
    if key in ("field", "subfield"):
        width = 2 if key == "field" else 3
        rows = (
            queryset.annotate(facet_value=Left("field_of_study__code", width))
            .annotate(code_length=Length("field_of_study__code"))
            .filter(code_length__gte=width)
            .values("facet_value")
            .annotate(n=Count("pk"))
            .order_by()
        )
    elif key in ("type", "level", "status", "country", "continent"):
        column = {"type": "programme_type", "country": "delivery_country", "continent": "delivery_country"}.get(
            key, key
        )
        rows = queryset.annotate(facet_value=F(column)).values("facet_value").annotate(n=Count("pk")).order_by()
    elif key == "language":
        rows = (
            ProgrammePage.teaching_languages.through.objects.filter(programmepage_id__in=queryset.values("pk"))
            .values(facet_value=F("teachinglanguage__code"))
            .annotate(n=Count("programmepage_id", distinct=True))
            .order_by()
        )
    elif key in ("region", "province"):
        lookup = "province__region" if key == "region" else "province__code"
        rows = (
            queryset.annotate(facet_value=_school_value(lookup))
            .values("facet_value")
            .annotate(n=Count("pk"))
            .order_by()
        )
    elif key == "batch":
        batch = Subquery(
            BatchSelection.objects.filter(school__path=OuterRef("school_path"), status=SelectionStatus.SELECTED).values(
                "batch__number"
            )[:1],
            output_field=IntegerField(),
        )
        rows = queryset.annotate(facet_value=batch).values("facet_value").annotate(n=Count("pk")).order_by()
    elif key == "partner_country":
        rows = (
            ProgrammePartner.objects.filter(programme_id__in=queryset.values("pk"), partner__live=True)
            .values(facet_value=F("partner__country"))
            .annotate(n=Count("programme_id", distinct=True))
            .order_by()
        )
    else:
        raise KeyError(key)
    counts = {}
    for row in rows:
        value = row["facet_value"]
        if value in (None, ""):
            continue
        if key == "continent":
            value = continent_of(value)
            if not value:
                continue
        value = str(value)
        counts[value] = counts.get(value, 0) + row["n"]
    return counts


SCHOOL_FACETS = ("region", "province", "batch")
# Up to this many matches are passed to the facet queries as a list of ids
# (below SQLite's limit of bound parameters); beyond, as a subquery.
MAX_INLINE_MATCHES = 20_000


def _count_by_school(queryset):
    """``{school path: number of programmes}`` over ``queryset``, in one query."""
    rows = queryset.values("school_path").annotate(n=Count("pk")).order_by()
    return {row["school_path"]: row["n"] for row in rows}


def _school_facts(paths):
    """``{school path: (province code, region, batch number or None)}``."""
    batches = dict(
        BatchSelection.objects.filter(school__path__in=paths, status=SelectionStatus.SELECTED).values_list(
            "school__path", "batch__number"
        )
    )
    return {
        path: (code, region, batches.get(path))
        for path, code, region in SchoolPage.objects.filter(path__in=paths).values_list(
            "path", "province__code", "province__region"
        )
    }


def _school_counts(key, by_school, facts):
    position = {"province": 0, "region": 1, "batch": 2}[key]
    counts = {}
    for path, n in by_school.items():
        value = facts.get(path, (None, None, None))[position]
        if value not in (None, ""):
            counts[str(value)] = counts.get(str(value), 0) + n
    return counts


def _title_hits(terms):
    """How many of ``terms`` appear in the programme's title in any language."""
    hits = Value(0)
    for term in terms:
        condition = Q()
        for code, _name in settings.LANGUAGES:
            condition |= Q(**{f"title_{code.replace('-', '_')}__icontains": term})
        hits = hits + Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())
    return hits


def _title_for_sorting(language):
    suffix = language.replace("-", "_")
    return Coalesce(NullIf(F(f"title_{suffix}"), Value("")), NullIf(F("title_en"), Value("")), F("title_zh_hans"))


class DatabaseEngine:
    """Answers catalogue searches from the database alone."""

    name = "database"

    def matching_ids(self, terms, order_by_relevance):
        """A queryset of the programmes whose text matches ``terms`` (all of
        them), ordered by relevance when asked; and whether the match was fuzzy."""
        text = " ".join(terms)
        results = ProgrammePage.objects.search(text, operator="and", order_by_relevance=order_by_relevance)
        queryset = results.get_queryset()
        if trigram_available() and not queryset.exists():
            from modelsearch.query import Fuzzy

            try:
                fuzzy = ProgrammePage.objects.search(Fuzzy(text), order_by_relevance=order_by_relevance)
                return fuzzy.get_queryset(), True
            except DatabaseError:  # pragma: no cover - extension removed at run time
                logger.warning("Trigram search failed; falling back to exact matches.", exc_info=True)
        return queryset, False

    def search(self, query, language):
        terms = query_terms(query.text)
        base = ProgrammePage.objects.live().public().annotate(school_path=_school_path())
        fuzzy = False
        ranked = None
        if terms:
            ranked, fuzzy = self.matching_ids(terms, order_by_relevance=query.sort == "relevance")
            # Run the full-text match once: every facet count below filters on
            # its result, and a subquery would repeat the match in each of them.
            matched = list(ranked.order_by().values_list("pk", flat=True)[: MAX_INLINE_MATCHES + 1])
            if len(matched) <= MAX_INLINE_MATCHES:
                base = base.filter(pk__in=matched)
            else:
                base = base.filter(pk__in=ranked.order_by().values("pk"))

        conditions = {key: facet_condition(key, values) for key, values in query.filters.items()}

        def filtered(except_key=None):
            queryset = base
            for key, condition in conditions.items():
                if key != except_key:
                    queryset = queryset.filter(condition)
            return queryset

        matching = filtered()
        total = matching.count()

        if ranked is not None and query.sort == "relevance":
            # The backend's score first favours rows with more occurrences;
            # a word found in a title (any language) should count for more.
            ordered = ranked.filter(pk__in=matching.values("pk")).annotate(title_hits=_title_hits(terms))
            ordered = ordered.order_by(F("title_hits").desc(), *ranked.query.order_by)
        elif query.sort == "name":
            ordered = matching.order_by(_title_for_sorting(language).asc(), "pk")
        else:
            ordered = matching.order_by(F("first_published_at").desc(nulls_last=True), "-pk")

        per_page = query.per_page
        last_page = max(1, -(-total // per_page))
        page = min(query.page, last_page)
        page_ids = list(ordered.values_list("pk", flat=True)[(page - 1) * per_page : page * per_page])
        programmes = self.load_programmes(page_ids)

        counts = {}
        by_school = {}
        school_facts = {}
        for facet in FACETS:
            base_key = facet.key if facet.key in query.filters else None
            if facet.key in SCHOOL_FACETS:
                # Counted per school in one GROUP BY (shared by the school facets
                # that are not selected), then mapped to provinces, regions and
                # batches: cheaper than a correlated subquery per programme.
                if base_key not in by_school:
                    by_school[base_key] = _count_by_school(filtered(except_key=base_key))
                    missing = set(by_school[base_key]) - set(school_facts)
                    if missing:
                        school_facts.update(_school_facts(list(missing)))
                counts[facet.key] = _school_counts(facet.key, by_school[base_key], school_facts)
            else:
                counts[facet.key] = _count_facet(facet.key, filtered(except_key=facet.key))
        facets = self.build_facets(counts, query)
        return CatalogueResults(
            query=query, programmes=programmes, total=total, facets=facets, engine=self.name, fuzzy=fuzzy
        )

    @staticmethod
    def load_programmes(page_ids):
        """The programmes of one page, in order, each with its school: three
        queries whatever the page size."""
        by_id = {
            programme.pk: programme
            for programme in ProgrammePage.objects.filter(pk__in=page_ids)
            .select_related("field_of_study")
            .prefetch_related("teaching_languages")
        }
        programmes = [by_id[pk] for pk in page_ids if pk in by_id]
        parent_paths = {programme.path[: -ProgrammePage.steplen] for programme in programmes}
        schools = {
            school.path: school
            for school in SchoolPage.objects.filter(path__in=parent_paths).select_related("province")
        }
        for programme in programmes:
            programme.catalogue_school = schools.get(programme.path[: -ProgrammePage.steplen])
        return programmes

    @staticmethod
    def build_facets(counts, query):
        """Facet results with labels; a selected value stays listed even when
        its count falls to zero, so that it can be removed."""
        values_by_key = {}
        for facet in FACETS:
            values = set(counts.get(facet.key, {})) | set(query.filters.get(facet.key, []))
            values_by_key[facet.key] = values
        labels = facet_labels(values_by_key)
        facets = []
        for facet in FACETS:
            selected = set(query.filters.get(facet.key, []))
            values = [
                FacetValue(
                    value=value,
                    label=labels[facet.key].get(value, value),
                    count=counts.get(facet.key, {}).get(value, 0),
                    selected=value in selected,
                )
                for value in values_by_key[facet.key]
            ]
            values.sort(key=lambda item: (-item.count, str(item.label)))
            facets.append(FacetResult(key=facet.key, label=str(facet.label), values=values))
        return facets
