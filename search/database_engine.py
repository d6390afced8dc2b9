"""The database engine: Wagtail's search (SQLite FTS5 or PostgreSQL full text)
for the words, the facet index (``search.facet_index``, built from the ORM)
for facets, filters, sorting and paging.

Facets are disjunctive: values of one facet combine with OR, facets with AND,
and a facet's counts ignore its own selection (so choosing "France" still shows
how many programmes "Germany" would add). A request costs the same one or two
queries whatever the number of programmes or results: the text match (one on
SQLite), then the page's programmes (one, see ``search.entries``)."""

import logging

from django.db import DatabaseError, connection

from modelsearch.backends import get_search_backend
from modelsearch.conf import get_app_config
from modelsearch.utils import get_descendants_content_types_pks

from programmes.models import ProgrammePage

from .entries import load_entries
from .facet_index import bits_of, current_facet_index
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


def _sqlite_backend():
    try:
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend
    except ImportError:  # pragma: no cover - SQLite built without FTS5
        return False
    return isinstance(get_search_backend(), SQLiteSearchBackend)


def _fts_tables():
    app_config = get_app_config()
    return (
        app_config.get_model("SQLiteFTSIndexEntry")._meta.db_table,
        app_config.get_model("IndexEntry")._meta.db_table,
    )


def _fts_expression(terms):
    # Terms are plain words (``search.text``): quoting them is enough to keep
    # FTS5 syntax out.
    return "{title body} : (" + " AND ".join(f'"{term}"' for term in terms) + ")"


def _sqlite_matches(model, terms):
    """Ids of ``model``'s pages whose index entry holds every term, best BM25
    score first, straight from the FTS5 table.

    Wagtail's query for the same match lets SQLite start from the index
    entries of the model and probe the FTS table once per entry (about 100 ms
    at 3,000 programmes); asking the FTS table first, then the entries by
    rowid, takes a millisecond or two."""
    fts_table, entry_table = _fts_tables()
    content_types = get_descendants_content_types_pks(model)
    placeholders = ", ".join(["%s"] * len(content_types))
    # CROSS JOIN keeps SQLite from reordering the join; bm25() weighs a title
    # match twice a body match (columns: autocomplete, body, title).
    sql = (
        f"SELECT entry.object_id FROM {fts_table} CROSS JOIN {entry_table} AS entry "
        f"ON entry.id = {fts_table}.rowid "
        f"WHERE {fts_table} MATCH %s AND entry.content_type_id IN ({placeholders}) "
        f"ORDER BY bm25({fts_table}, 0.0, 1.0, 2.0), entry.object_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_fts_expression(terms), *content_types])
        return [int(row[0]) for row in cursor.fetchall()]


# Up to this many matches are ordered by their BM25 score. A broader query
# (one common word in a large catalogue) is ordered by title matches, then
# newest first: scoring costs about 1.4 µs a match, so scoring 10,000 matches
# would be most of the request, for an order among pages that all contain
# the word (the ranking page says so).
MAX_SCORED_MATCHES = 1000


def _sqlite_matching_rows(terms, with_scores):
    """``[(rowid, score)]`` of every index entry holding all ``terms``: rowids
    are index entry ids, scores BM25 (lower is better), or 0 for all when not
    ``with_scores`` or when more than ``MAX_SCORED_MATCHES`` match.

    FTS5 scores a row only when it is read, so asking for one row more than
    the limit, with scores, tells in one query whether the query is broad.
    (Scoring every match costs less than scoring a few: FTS5 answers
    ``MATCH … AND rowid IN (…)`` with one full-text lookup per rowid.)"""
    fts_table, _entry_table = _fts_tables()
    match = f"SELECT rowid, %s FROM {fts_table} WHERE {fts_table} MATCH %%s"
    with connection.cursor() as cursor:
        if with_scores:
            cursor.execute(
                (match % f"bm25({fts_table}, 0.0, 1.0, 2.0)") + f" LIMIT {MAX_SCORED_MATCHES + 1}",
                [_fts_expression(terms)],
            )
            rows = cursor.fetchall()
            if len(rows) <= MAX_SCORED_MATCHES:
                return rows
        cursor.execute(match % "0", [_fts_expression(terms)])
        return cursor.fetchall()


def text_matches(model, terms):
    """``(ids, fuzzy)``: the ids of ``model``'s pages whose text holds every
    one of ``terms``, most relevant first, and whether the match was fuzzy
    (close spellings, on PostgreSQL with pg_trgm, when nothing matched exactly).
    Liveness and permissions are the caller's to check."""
    if not terms:
        return [], False
    if connection.vendor == "sqlite" and _sqlite_backend():
        return _sqlite_matches(model, terms), False
    text = " ".join(terms)
    results = model.objects.search(text, operator="and", order_by_relevance=True)
    ids = list(results.get_queryset().values_list("pk", flat=True))
    if not ids and trigram_available():
        from modelsearch.query import Fuzzy

        try:
            fuzzy = model.objects.search(Fuzzy(text), order_by_relevance=True)
            return list(fuzzy.get_queryset().values_list("pk", flat=True)), True
        except DatabaseError:  # pragma: no cover - extension removed at run time
            logger.warning("Trigram search failed; falling back to exact matches.", exc_info=True)
    return ids, False


class DatabaseEngine:
    """Answers catalogue searches from the database and the facet index."""

    name = "database"

    def search(self, query, language):
        index = current_facet_index()
        terms = query_terms(query.text)
        fuzzy = False
        matched = None
        base = index.all_mask
        if terms:
            index, matched, scores, fuzzy = self.match_text(index, terms, with_scores=query.sort == "relevance")
            base = bits_of(matched, index.size)

        selected = {key: index.selection_mask(key, values) for key, values in query.filters.items()}

        def filtered(except_key=None):
            mask = base
            for key, selection in selected.items():
                if key != except_key:
                    mask &= selection
            return mask

        matching = filtered()
        total = matching.bit_count()

        per_page = query.per_page
        last_page = max(1, -(-total // per_page))
        page = min(query.page, last_page)
        start, stop = (page - 1) * per_page, page * per_page
        if matched is not None and query.sort == "relevance":
            kept = index.in_mask(matched, matching)
            ordered = index.by_relevance(kept, scores, terms)[start:stop]
        else:
            if query.sort == "name":
                positions = index.by_name(matching, language)
            else:
                positions = index.newest_first(matching)
            ordered = []
            for number, position in enumerate(positions):
                if number >= stop:
                    break
                if number >= start:
                    ordered.append(position)
        page_ids = [index.ids[position] for position in ordered]
        programmes = load_entries(page_ids, language, facet_index=index)

        counts = {}
        masks = {}
        for facet in FACETS:
            except_key = facet.key if facet.key in selected else None
            if except_key not in masks:
                masks[except_key] = filtered(except_key)
            counts[facet.key] = index.counts(facet.key, masks[except_key])
        facets = self.build_facets(counts, query, index.labels(query.filters))
        return CatalogueResults(
            query=query, programmes=programmes, total=total, facets=facets, engine=self.name, fuzzy=fuzzy
        )

    @staticmethod
    def score_limit():
        """How many matches at most are ordered by score (see ``MAX_SCORED_MATCHES``)."""
        return MAX_SCORED_MATCHES if connection.vendor == "sqlite" and _sqlite_backend() else None

    @staticmethod
    def match_text(index, terms, with_scores=True):
        """``(index, positions, scores, fuzzy)``: the facet index to use, the
        positions in it of the programmes matching every term, ``{position:
        score}`` (lower is better) and whether the match was fuzzy.

        On SQLite the full-text rows are mapped to positions through the facet
        index (no join), and scored when there are not too many. A row newer
        than the index (a page re-indexed since, by ``update_index`` for
        example) means the index is out of date: it is rebuilt first."""
        if connection.vendor == "sqlite" and _sqlite_backend():
            rows = _sqlite_matching_rows(terms, with_scores)
            if rows and max(rowid for rowid, _score in rows) > index.max_entry_id:
                index = current_facet_index(stale=index)
            entry_positions = index.entry_positions
            scores = {}
            for rowid, score in rows:
                position = entry_positions.get(rowid)
                if position is not None:
                    scores[position] = score
            positions = list(scores)
            return index, positions, scores, False
        ids, fuzzy = text_matches(ProgrammePage, terms)
        positions = index.positions_of(ids)
        return index, positions, {position: number for number, position in enumerate(positions)}, fuzzy

    @staticmethod
    def build_facets(counts, query, labels=None):
        """Facet results with labels; a selected value stays listed even when
        its count falls to zero, so that it can be removed. ``labels`` are
        looked up when not given."""
        values_by_key = {}
        for facet in FACETS:
            values = set(counts.get(facet.key, {})) | set(query.filters.get(facet.key, []))
            values_by_key[facet.key] = values
        if labels is None:
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
