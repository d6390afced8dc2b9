"""The database engine: the portal's own full-text index (``search.models``,
SQLite FTS5 or PostgreSQL full text) for the words, and the facet index
(``search.facet_index``, built from the ORM) for facets, filters, sorting and
paging.

Facets are disjunctive: values of one facet combine with OR, facets with AND,
and a facet's counts ignore its own selection (so choosing "France" still shows
how many programmes "Germany" would add). A request costs the same one or two
queries whatever the number of programmes or results: the text match, then the
page's programmes (``search.entries``)."""

import logging

from django.db import DatabaseError, connection, transaction
from django.db.models import Q

from wagtail.models import Page

from ..entries import load_entries
from ..facet_index import bits_of, current_facet_index
from ..indexing import MODEL_OF_KIND, page_texts, searchable_page_ids, split_searchable
from ..models import IndexedPage, PageKind
from ..results import CatalogueResults, facet_results
from ..text import fold
from .base import SITE_SEARCH_KINDS, SITE_SEARCH_LABELS, SearchEngine, SiteSearchGroup

logger = logging.getLogger(__name__)

FTS_TABLE = "search_indexedpage_fts"
INDEX_TABLE = IndexedPage._meta.db_table

# Up to this many matches are ordered by their score. A broader query (one
# common word in a large catalogue) is ordered by title matches, then newest
# first: scoring costs about 1.4 µs a match on SQLite, so scoring 10,000
# matches would be most of the request, for an order among pages that all
# contain the word (the ranking page says so).
MAX_SCORED_MATCHES = 1000
# Rows written per INSERT when indexing many pages.
INDEX_BATCH = 500

_TRIGRAM_AVAILABLE = {}


def trigram_available():
    """Whether PostgreSQL's pg_trgm extension is installed (checked once per database)."""
    if connection.vendor != "postgresql":
        return False
    key = connection.settings_dict["NAME"]
    if key not in _TRIGRAM_AVAILABLE:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            _TRIGRAM_AVAILABLE[key] = cursor.fetchone() is not None
    return _TRIGRAM_AVAILABLE[key]


def _fts_expression(terms):
    # Terms are plain words (``search.text``): quoting them keeps FTS5 syntax out.
    return " AND ".join(f'"{term}"' for term in terms)


def matching_pages(terms, kind=None, with_scores=True):
    """``([(page id, score)], fuzzy)``: the indexed pages (of ``kind``, or all)
    whose text holds every one of ``terms``, best first (lower scores are
    better), and whether the match was fuzzy (close spellings, on PostgreSQL
    with pg_trgm, when nothing matched exactly). Without ``with_scores``, or
    when more than ``MAX_SCORED_MATCHES`` match on SQLite, every score is 0 and
    the order is the page ids'."""
    if not terms:
        return [], False
    if connection.vendor == "sqlite":
        return _sqlite_matches(terms, kind, with_scores), False
    return _postgresql_matches(terms, kind, with_scores)


def _sqlite_matches(terms, kind, with_scores):
    # The FTS table is asked first and the rows' kinds read by row id: letting
    # SQLite start from the kind would probe the FTS table once per row.
    join = f" CROSS JOIN {INDEX_TABLE} AS page ON page.page_id = {FTS_TABLE}.rowid AND page.kind = %s" if kind else ""
    params = [kind, _fts_expression(terms)] if kind else [_fts_expression(terms)]

    def select(score):
        return f"SELECT {FTS_TABLE}.rowid, {score} FROM {FTS_TABLE}{join} WHERE {FTS_TABLE} MATCH %s"

    with connection.cursor() as cursor:
        if with_scores:
            # FTS5 scores a row only when it is read, so asking for one row more
            # than the limit, with scores, tells in one query whether the query is broad.
            cursor.execute(select(f"bm25({FTS_TABLE}, 2.0, 1.0)") + f" LIMIT {MAX_SCORED_MATCHES + 1}", params)
            rows = cursor.fetchall()
            if len(rows) <= MAX_SCORED_MATCHES:
                return sorted(rows, key=lambda row: (row[1], row[0]))
        cursor.execute(select("0") + " ORDER BY 1", params)
        return cursor.fetchall()


def _postgresql_matches(terms, kind, with_scores):
    kind_filter = "AND kind = %s" if kind else ""
    params = [kind] if kind else []
    score = "-ts_rank(vector, query)" if with_scores else "0"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT page_id, {score} FROM {INDEX_TABLE}, plainto_tsquery('simple', %s) AS query "
            f"WHERE vector @@ query {kind_filter} ORDER BY 2, 1",
            [" ".join(terms), *params],
        )
        rows = cursor.fetchall()
        if rows or not trigram_available():
            return rows, False
        # Close spellings: every word close to a word of the page's text.
        similar = " AND ".join(["%s <%% (title || ' ' || body)"] * len(terms))
        try:
            with transaction.atomic():
                cursor.execute(
                    f"SELECT page_id, -word_similarity(%s, title || ' ' || body) FROM {INDEX_TABLE} "
                    f"WHERE {similar} {kind_filter} ORDER BY 2, 1",
                    [" ".join(terms), *terms, *params],
                )
                return cursor.fetchall(), True
        except DatabaseError:  # pragma: no cover - extension removed at run time
            logger.warning("Trigram search failed; exact matches only.", exc_info=True)
            return [], False


class DatabaseEngine(SearchEngine):
    """Answers searches from the database: the portal's full-text index and
    the facet index."""

    name = "database"

    # --- the catalogue --------------------------------------------------------

    def search(self, query, language):
        index = current_facet_index()
        terms = query.terms
        fuzzy = False
        matched = None
        base = index.all_mask
        if terms:
            rows, fuzzy = matching_pages(terms, PageKind.PROGRAMMES, with_scores=query.sort == "relevance")
            scores = {}
            for page_id, score in rows:
                position = index.position_of.get(page_id)
                if position is not None:
                    scores[position] = score
            matched = list(scores)
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
            positions = index.by_name(matching, language) if query.sort == "name" else index.newest_first(matching)
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
        for key in index.postings:
            except_key = key if key in selected else None
            if except_key not in masks:
                masks[except_key] = filtered(except_key)
            counts[key] = index.counts(key, masks[except_key])
        facets = facet_results(counts, query, index.labels(query.filters))
        return CatalogueResults(
            query=query, programmes=programmes, total=total, facets=facets, engine=self.name, fuzzy=fuzzy
        )

    def score_limit(self):
        return MAX_SCORED_MATCHES if connection.vendor == "sqlite" else None

    # --- the site search and suggestions --------------------------------------

    def search_site(self, terms, language, limit=10):
        groups = []
        for kind in SITE_SEARCH_KINDS:
            model = MODEL_OF_KIND[kind]
            rows, _fuzzy = matching_pages(terms, kind)
            ids = [page_id for page_id, _score in rows]
            by_id = model.objects.live().public().in_bulk(ids[:limit])
            pages = [by_id[page_id] for page_id in ids[:limit] if page_id in by_id]
            groups.append(SiteSearchGroup(kind=kind, label=str(SITE_SEARCH_LABELS[kind]), pages=pages, total=len(ids)))
        return groups

    def suggest(self, prefix, language, limit=8):
        folded = fold(prefix).strip()
        if not folded:
            return []
        return current_facet_index().titles_starting_with(folded, language, limit)

    # --- keeping the index ------------------------------------------------------

    def index(self, pages):
        searchable, others = split_searchable(pages)
        self.remove(others)
        self._write(page_texts(searchable))

    def remove(self, page_ids):
        IndexedPage.objects.filter(page_id__in=list(page_ids)).delete()

    def rebuild(self, progress=None):
        ids = searchable_page_ids()
        total = len(ids)
        with transaction.atomic():
            IndexedPage.objects.all().delete()
            for start in range(0, total, INDEX_BATCH):
                chunk = Page.objects.filter(pk__in=ids[start : start + INDEX_BATCH]).specific()
                self._write(page_texts(chunk), replace=False)
                if progress:
                    progress(min(start + INDEX_BATCH, total), total)
        return total

    @staticmethod
    def _write(texts, replace=True):
        rows = [IndexedPage(page_id=t.page_id, kind=t.kind, title=t.title, body=t.body) for t in texts]
        if not rows:
            return
        with transaction.atomic():
            if replace:
                IndexedPage.objects.filter(Q(page_id__in=[row.page_id for row in rows])).delete()
            IndexedPage.objects.bulk_create(rows, batch_size=INDEX_BATCH)
