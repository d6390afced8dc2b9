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
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from itertools import islice

from django.db import connection, transaction
from django.db.models import Q

from wagtail.models import Page

from programmes.facts import FACETS_BY_KEY

from ..analysis import AnalysedQuery, analyse_query, correct, correct_chinese, correctable, han_runs
from ..entries import load_entries
from ..facet_index import bits_of, current_facet_index
from ..indexing import MODEL_OF_KIND, page_texts, searchable_page_ids, split_searchable
from ..lexicon import current_lexicon, current_vocabulary
from ..models import IndexedPage, PageKind
from ..page_cache import catalogue_cache_version, invalidate_catalogue_cache
from ..results import CatalogueResults, facet_results
from ..text import fold
from .base import (
    SITE_SEARCH_KINDS,
    SITE_SEARCH_LABELS,
    SearchEngine,
    SiteSearchGroup,
    SiteSearchResults,
    live_public_pages,
)

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

# When fewer pages than this hold every word of a query, pages holding all
# but one of its words follow them, marked as partial matches.
PARTIAL_BELOW = 20


@dataclass
class TextMatches:
    """The pages matching a query's words, best first, and how they matched."""

    ids: list = field(default_factory=list)
    # Page id → rank key (smaller is better), for merging with other orders.
    keys: dict = field(default_factory=dict)
    # Pages holding all but one of the words.
    partial: set = field(default_factory=set)
    query: AnalysedQuery = field(default_factory=AnalysedQuery)
    kinds: dict = field(default_factory=dict)
    # (facet index, positions best first, their bit set): see ``_ranked_in``.
    in_index: tuple = field(default=None, compare=False, repr=False)
    # Kind → its pages' ids best first (``of_kind``).
    by_kind: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    def of_kind(self, kind):
        """The ids of the matching pages of ``kind``, best first: picked out
        once, as the matches are kept and shared by the process's requests
        (a word may match thousands of pages)."""
        ids = self.by_kind.get(kind)
        if ids is None:
            ids = self.by_kind[kind] = [page_id for page_id in self.ids if self.kinds[page_id] == kind]
        return ids


def _sqlite_token(token):
    # Tokens are letters and digits only (``search.analysis``): quoting keeps FTS5 syntax out.
    return "(" + " OR ".join(f'"{form}"' for form in token) + ")"


def _postgresql_token(token):
    return "(" + " | ".join(f"'{form}'" for form in token) + ")"


def _expression(groups, token, both, either):
    def alternative(tokens):
        return "(" + f" {both} ".join(token(t) for t in tokens) + ")"

    def group(g):
        return "(" + f" {either} ".join(alternative(a) for a in g.alternatives) + ")"

    return f" {both} ".join(group(g) for g in groups)


def expressions(query, vendor):
    """``(every word, [all but the first word, all but the second…])`` of an
    ``AnalysedQuery`` as FTS5 (``sqlite``) or tsquery (``postgresql``)
    expressions; no partial expressions for a query of one word."""
    if vendor == "sqlite":
        token, both, either = _sqlite_token, "AND", "OR"
    else:
        token, both, either = _postgresql_token, "&", "|"
    required = query.required
    full = _expression(required, token, both, either)
    if len(required) < 2:
        return full, []
    partial = [_expression(required[:n] + required[n + 1 :], token, both, either) for n in range(len(required))]
    return full, partial


def _rows(query, kind, with_scores):
    """``[(page id, score, title, arm, kind)]`` (lower scores are better) in
    one SQL statement; ``arm`` is 0 for a page holding every word, n + 1 for
    one holding all but the n-th (a page may come in several arms)."""
    full, partial = expressions(query, connection.vendor)
    if connection.vendor == "sqlite":
        return _sqlite_rows(full, partial, kind, with_scores)
    return _postgresql_rows(full, partial, kind, with_scores)


def _sqlite_rows(full, partial, kind, with_scores):
    # The FTS table is asked first and the rows read by row id: letting
    # SQLite start from the kind would probe the FTS table once per row.
    kind_filter = " AND page.kind = %s" if kind else ""

    def select(score, arm, limit):
        return (
            f"SELECT * FROM (SELECT {FTS_TABLE}.rowid, {score}, page.title, {arm}, page.kind FROM {FTS_TABLE} "
            f"CROSS JOIN {INDEX_TABLE} AS page ON page.page_id = {FTS_TABLE}.rowid{kind_filter} "
            f"WHERE {FTS_TABLE} MATCH %s{limit})"
        )

    def run(score, limit):
        sql = select(score, 0, limit)
        params = [kind, full] if kind else [full]
        for arm, expression in enumerate(partial, start=1):
            sql += " UNION ALL " + select(score, arm, f" LIMIT {MAX_SCORED_MATCHES + 1}")
            params += [kind, expression] if kind else [expression]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    if with_scores:
        # FTS5 scores a row only when it is read, so asking for one row more
        # than the limit, with scores, tells in one query whether the query is broad.
        rows = run(f"bm25({FTS_TABLE}, 2.0, 1.0)", f" LIMIT {MAX_SCORED_MATCHES + 1}")
        if sum(1 for row in rows if row[3] == 0) <= MAX_SCORED_MATCHES:
            return rows
    return run("0", "")


def _postgresql_rows(full, partial, kind, with_scores):
    kind_filter = "AND kind = %s" if kind else ""
    score = "-ts_rank(vector, query)" if with_scores else "0"

    def select(arm):
        return (
            f"SELECT page_id, {score}, title, {arm}, kind FROM {INDEX_TABLE}, to_tsquery('simple', %s) AS query "
            f"WHERE vector @@ query {kind_filter}"
        )

    sql = select(0)
    params = [full, kind] if kind else [full]
    for arm, expression in enumerate(partial, start=1):
        sql += " UNION ALL " + select(arm)
        params += [expression, kind] if kind else [expression]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class _Holding:
    """Whether a title holds some alternatives of a query's word. Built once
    per query and asked once per match, so its cost grows with the catalogue:
    the alternatives of a single token (most: the word, its synonyms, its
    narrower terms) are merged into one set of forms, asked of the title's
    words with one ``isdisjoint`` (C code, no set of the title's words made);
    a set of them is made only for an alternative of several tokens."""

    def __init__(self, alternatives):
        self.single = frozenset(
            form for alternative in alternatives if len(alternative) == 1 for form in alternative[0]
        )
        self.several = [alternative for alternative in alternatives if len(alternative) != 1]

    def __call__(self, words, word_set):
        """``words``: the title's words; ``word_set``: a list holding their set once made (or ``None``)."""
        if not self.single.isdisjoint(words):
            return True
        if not self.several:
            return False
        if word_set[0] is None:
            word_set[0] = set(words)
        tokens = word_set[0]
        return any(all(not tokens.isdisjoint(token) for token in alternative) for alternative in self.several)


class _GroupIn:
    """2 when a title's words hold a query's word (or a synonym), 1 when they
    hold only a narrower term of it, else 0."""

    def __init__(self, group):
        self.direct = _Holding(group.direct_alternatives())
        self.any = _Holding(group.alternatives)

    def __call__(self, words, word_set):
        if self.direct(words, word_set):
            return 2
        return 1 if self.any(words, word_set) else 0


def _phrase_test(phrase):
    """A test of whether a title holds ``phrase`` (a Chinese phrase anywhere,
    another between spaces), made once per query."""
    if not phrase:
        return lambda _title: False
    if han_runs(phrase):
        return lambda title: phrase in title
    padded = f" {phrase} "
    return lambda title: padded in f" {title} "


def rank(rows, query):
    """``TextMatches`` of ``rows`` (see ``_rows``): an exact phrase of the
    query in a title first, then every word in a title, then every word
    anywhere, then all but one word (those holding the query's rarer words
    first: the fewer pages hold the same words, the rarer they are); within each, more words in the title
    (a word or its synonym counting above a narrower term of it), then the
    text engine's score."""
    full = {}
    partial = {}
    kinds = {}
    for page_id, score, title, arm, kind in rows:
        kinds[page_id] = kind
        if arm == 0:
            full[page_id] = (score, title, 0)
        else:
            partial[page_id] = (score, title, arm)
    partial = {} if len(full) >= PARTIAL_BELOW else {key: value for key, value in partial.items() if key not in full}
    # A partial match missing a word that many pages miss holds the rarer
    # words of the query ("accounting" rather than "technology"): it comes first.
    missing = Counter(arm for _score, _title, arm in partial.values())
    # Everything below runs once per match: what can be worked out once per
    # query is, and the loop stays lean (its cost grows with the catalogue).
    group_in = [_GroupIn(group) for group in query.groups]
    required = [index for index, group in enumerate(query.groups) if group.required]
    holds_phrase = _phrase_test(query.phrase)
    ordered = []
    for page_id, (score, title, arm) in {**full, **partial}.items():
        words = title.split()
        word_set = [None]
        in_title = [hit(words, word_set) for hit in group_in]
        every_word = all(map(in_title.__getitem__, required))
        key = (missing[arm] if arm else 0, not holds_phrase(title), not every_word, -sum(in_title), score)
        ordered.append((key, page_id))
    ordered.sort()
    keys = {page_id: key for key, page_id in ordered}
    return TextMatches(
        ids=[page_id for _key, page_id in ordered], keys=keys, partial=set(partial), query=query, kinds=kinds
    )


def text_match_details(matches, page_ids=None):
    """What results say of the words matched: highlighted words, a spelling
    correction and the partial matches among ``page_ids``."""
    if matches is None:
        return {}
    query = matches.query
    shown = matches.partial if page_ids is None else matches.partial.intersection(page_ids)
    return {
        "highlight_terms": query.highlight_terms(),
        "corrected_text": query.corrected_text if query.corrections else "",
        "partial_ids": frozenset(shown),
    }


def _full_matches(rows):
    return sum(1 for row in rows if row[3] == 0)


def _corrected(lexicon, query, text, kind, with_scores, rows):
    """``(query, rows)``, spelling corrected when that finds more: when no page
    holds every word, words the index does not know become its closest words
    (Chinese runs too); when only a few do, a word the index holds only
    through a stem becomes a commoner word close to it (``correct``)."""
    found = _full_matches(rows)
    if found >= PARTIAL_BELOW:
        return query, rows
    words = {group.word for group in query.groups if correctable(group)}
    if found:
        # A word some matching title holds as typed is known: the index's
        # vocabulary is only read for a word that may be known through a stem alone.
        words -= {token for row in rows if row[3] == 0 for token in row[2].split()}
    corrected = None
    if words:
        corrected = correct(lexicon, query, current_vocabulary(), commoner=found > 0)
        corrected = None if corrected is query else corrected
    if corrected is None and not found:
        corrected = correct_chinese(lexicon, text)
    if corrected is not None:
        corrected_rows = _rows(corrected, kind, with_scores)
        if _full_matches(corrected_rows) > found:
            return corrected, corrected_rows
    return query, rows


# Text matches kept per public version in each process, newest last: a
# visitor paging through results, choosing facets (each a new page or
# fragment) or changing the sort asks the same words again, and the match
# costs a few microseconds per matching page (the text engine's rows, then
# ``rank``). At most this many matched pages are kept, all queries together.
KEPT_MATCHES = 50_000
_kept = OrderedDict()
_kept_lock = threading.Lock()


def matching_pages(text, kind=None, with_scores=True, as_typed=False):
    """``TextMatches``: the indexed pages (of ``kind``, or all) holding the
    words of ``text`` (in any of their forms, synonyms included), best first.
    Unless ``as_typed``, misspelt words are corrected when that finds more
    (see ``_corrected``; the matches say so).
    Without ``with_scores``, or when more than ``MAX_SCORED_MATCHES`` match on
    SQLite, the text engine's scores are left out of the order.
    The same words are matched once per public version in a process (the
    matches change only with it); the result is shared: it must not be changed."""
    key = (catalogue_cache_version(), text, kind, with_scores, as_typed)
    with _kept_lock:
        matches = _kept.get(key)
        if matches is not None:
            _kept.move_to_end(key)
            return matches
    matches = _match(text, kind, with_scores, as_typed)
    with _kept_lock:
        _kept[key] = matches
        held = sum(len(kept.ids) for kept in _kept.values())
        while _kept and (held > KEPT_MATCHES or next(iter(_kept))[0] != key[0]):
            _old_key, old = _kept.popitem(last=False)
            held -= len(old.ids)
    return matches


def _match(text, kind, with_scores, as_typed):
    lexicon = current_lexicon()
    query = analyse_query(lexicon, text)
    if not query.groups:
        return TextMatches(query=query)
    rows = _rows(query, kind, with_scores)
    if not as_typed:
        query, rows = _corrected(lexicon, query, text, kind, with_scores, rows)
    return rank(rows, query)


def _ranked_in(matches, index):
    """``(positions, mask)``: the positions in the facet index of the
    programmes of ``matches``, best first, and their bit set. Worked out once
    per matches and index (both are kept until the next public change) rather
    than once per request: the cost grows with the number of matches."""
    kept = matches.in_index
    if kept is not None and kept[0] is index:
        return kept[1], kept[2]
    keys = {}
    phrase = matches.query.phrase
    for page_id in matches.ids:
        position = index.position_of.get(page_id)
        if position is not None:
            key = matches.keys[page_id]
            # Among titles holding the phrase, a title that is the phrase comes first.
            whole = not key[1] and phrase in index.title_surfaces(position)
            keys[position] = (key[0], not whole, *key[1:])
    ranked = sorted(keys, key=lambda position: (keys[position], position))
    mask = bits_of(ranked, index.size)
    matches.in_index = (index, ranked, mask)
    return ranked, mask


class DatabaseEngine(SearchEngine):
    """Answers searches from the database: the portal's full-text index and
    the facet index."""

    name = "database"

    # --- the catalogue --------------------------------------------------------

    def search(self, query, language):
        index = current_facet_index()
        matches = None
        matched = None
        base = index.all_mask
        if query.terms:
            matches = matching_pages(
                query.text, PageKind.PROGRAMMES, with_scores=query.sort == "relevance", as_typed=query.as_typed
            )
            matched, base = _ranked_in(matches, index)

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
            ordered = list(islice(index.in_mask(matched, matching), start, stop))
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
            # A facet that is not listed shows its chosen values only.
            values = None if FACETS_BY_KEY[key].listed else query.filters.get(key, ())
            counts[key] = index.counts(key, masks[except_key], values)
        facets = facet_results(counts, query, index.labels(query.filters))
        return CatalogueResults(
            query=query,
            programmes=programmes,
            total=total,
            facets=facets,
            engine=self.name,
            **text_match_details(matches, page_ids),
        )

    def score_limit(self):
        return MAX_SCORED_MATCHES if connection.vendor == "sqlite" else None

    def partial_matches_below(self):
        return PARTIAL_BELOW

    # --- the site search and suggestions --------------------------------------

    def search_site(self, text, language, limit=10, as_typed=False):
        matches = matching_pages(text, as_typed=as_typed)
        groups = []
        for kind in SITE_SEARCH_KINDS:
            model = MODEL_OF_KIND[kind]
            ids = matches.of_kind(kind)
            by_id = live_public_pages(model, ids[:limit])
            pages = [by_id[page_id] for page_id in ids[:limit] if page_id in by_id]
            groups.append(
                SiteSearchGroup(
                    kind=kind,
                    label=str(SITE_SEARCH_LABELS[kind]),
                    pages=pages,
                    total=len(ids),
                    partial={page.pk for page in pages if page.pk in matches.partial},
                )
            )
        return SiteSearchResults(groups=groups, **text_match_details(matches))

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
        # The index's words changed: every process reloads its vocabulary.
        invalidate_catalogue_cache()
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
