"""What the database engine knows of the portal's own words, loaded once per
process and kept while the catalogue's version (``search.page_cache``) stays
the same: publishing, a field of study or a synonym group changing gives a
new version, and the next search loads them again.

- ``Lexicon``: jieba with a user dictionary of the portal's vocabulary (the
  Chinese names of fields of study and programmes, and the synonym terms), and
  the synonym groups that editors keep (``search.models.SynonymGroup``);
- ``Vocabulary``: every word the full-text index holds, for spelling
  corrections (read from the index itself only when a query found nothing)."""

import logging
import threading

from django.db import connection

import jieba
from rapidfuzz import process
from rapidfuzz.distance import OSA, Hamming

from programmes.models import FieldOfStudy, ProgrammePage

from .analysis import canonical_forms, forms, han_runs, is_han, query_tokens, script_of, term_keys_of_forms
from .models import IndexedPage, SynonymGroup, split_terms
from .page_cache import catalogue_cache_version

logger = logging.getLogger(__name__)

# A Chinese name longer than this is not a dictionary word (a sentence, not a name).
MAX_DICTIONARY_WORD = 20
# Longest synonym term, in tokens.
MAX_SYNONYM_TOKENS = 6
# Most terms a synonym term stands for (its synonyms and narrower terms).
MAX_EXPANSION = 60

_lock = threading.Lock()
_tokenizer = None
_user_words = set()
_lexicon = None
_vocabulary = None


def _jieba():
    """The process's jieba tokenizer (its main dictionary loads once, ~0.6 s)."""
    global _tokenizer
    if _tokenizer is None:
        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        _tokenizer = tokenizer
    return _tokenizer


def _set_user_words(words):
    """Make ``words`` the tokenizer's user dictionary: words no longer in the
    vocabulary are taken out, new ones added."""
    tokenizer = _jieba()
    for word in _user_words - words:
        tokenizer.del_word(word)
    for word in words - _user_words:
        tokenizer.add_word(word)
    _user_words.clear()
    _user_words.update(words)


def chinese_names(values):
    """The runs of Chinese characters of ``values`` that can be dictionary words."""
    names = set()
    for value in values:
        for run in han_runs(str(value or "")):
            if 2 <= len(run) <= MAX_DICTIONARY_WORD:
                names.add(run)
    return names


def portal_vocabulary():
    """The Chinese words of the portal's own vocabulary (names of fields of
    study and of live programmes, and synonym terms), and the synonym groups
    as ``(terms, one way)``. Three queries."""
    values = list(FieldOfStudy.objects.values_list("name_zh_hans", flat=True))
    values += ProgrammePage.objects.live().values_list("title_zh_hans", flat=True)
    groups = [(split_terms(terms), one_way) for terms, one_way in SynonymGroup.objects.values_list("terms", "one_way")]
    values += [term for terms, _one_way in groups for term in terms]
    return chinese_names(values), groups


def term_keys(tokens):
    """The keys under which a synonym term (a tuple of tokens) is kept, the
    first standing for the term (``search.analysis.term_keys_of_forms``)."""
    return term_keys_of_forms([canonical_forms(token) for token in tokens])


class SynonymExpansion:
    """What each synonym term stands for: the terms of its two-way groups and,
    when one of those is the broader term of a one-way group, its narrower
    terms with their own synonyms and narrower terms in turn (a search for
    agriculture finds tea, and a search for tea its translations, but not
    back)."""

    def __init__(self, groups):
        self.equivalents = {}
        self.narrower = {}
        for tokenized, one_way in groups:
            if one_way:
                head = tokenized[0]
                self._add(self.equivalents, head, [head])
                self._add(self.narrower, head, tokenized[1:])
            else:
                for tokens in tokenized:
                    self._add(self.equivalents, tokens, tokenized)

    @staticmethod
    def _add(table, tokens, terms):
        known = table.setdefault(term_keys(tokens)[0], [])
        known += [term for term in terms if term not in known]

    def terms_of(self, tokens):
        """``(terms, narrower)``: the terms a search for ``tokens`` (a synonym
        term) matches, its own and its synonyms first, and the set of those
        that are only narrower terms."""
        direct = list(self.equivalents.get(term_keys(tokens)[0], [tokens]))
        found = list(direct)
        for term in found:  # grows while it is read: narrower terms of narrower terms
            if len(found) >= MAX_EXPANSION:
                break
            for narrower in self.narrower.get(term_keys(term)[0], ()):
                for other in [narrower, *self.equivalents.get(term_keys(narrower)[0], ())]:
                    if other not in found:
                        found.append(other)
        found = found[:MAX_EXPANSION]
        return found, set(found) - set(direct)

    def terms(self):
        """Every term a search may start from."""
        return [terms[0] for terms in self.equivalents.values()] + [
            term for terms in self.equivalents.values() for term in terms[1:]
        ]


class Lexicon:
    """jieba with the portal's dictionary, and the synonym groups, as of one
    version of the catalogue."""

    def __init__(self, version, words, synonym_groups):
        self.version = version
        _set_user_words(words)
        self.tokenizer = _jieba()
        self.chinese_words = sorted(words, key=len)
        # ``[(terms as token tuples, one way)]``
        self.synonym_groups = []
        for terms, one_way in synonym_groups:
            tokenized = [tuple(query_tokens(self, term))[:MAX_SYNONYM_TOKENS] for term in terms]
            tokenized = list(dict.fromkeys(tokens for tokens in tokenized if tokens))
            if len(tokenized) >= 2:
                self.synonym_groups.append((tokenized, one_way))
        self.expansion = SynonymExpansion(self.synonym_groups)
        # key → (terms, the set of those that are only narrower terms)
        self._synonyms = {}
        self.max_synonym_length = 0
        for tokens in dict.fromkeys(self.expansion.terms()):
            expanded, narrower = self.expansion.terms_of(tokens)
            for key in term_keys(tokens):
                known, known_narrower = self._synonyms.setdefault(key, ([], set()))
                known_narrower.update(term for term in narrower if term not in known)
                known_narrower.difference_update(term for term in expanded if term not in narrower)
                known += [term for term in expanded if term not in known]
            self.max_synonym_length = max(self.max_synonym_length, len(tokens))

    # --- Chinese words -------------------------------------------------------

    def query_words(self, run):
        """A Chinese run of a query as words (a name of the dictionary stays whole)."""
        return [word for word in self.tokenizer.cut(run) if word.strip()]

    def index_words(self, run):
        """The words the index keeps of a Chinese run: jieba's search-mode words
        and every dictionary word of two or more characters inside the run."""
        words = [word for word in self.tokenizer.cut_for_search(run) if word.strip()]
        dag = self.tokenizer.get_DAG(run)
        for start, ends in dag.items():
            for end in ends:
                if end > start:
                    words.append(run[start : end + 1])
        return list(dict.fromkeys(words))

    def parts(self, token):
        """The dictionary words (two characters or more) that make up a longer
        Chinese token, longest first from the left, without the token itself;
        empty when there is no such split."""
        if len(token) <= 2:
            return []
        dag = self.tokenizer.get_DAG(token)
        parts = []
        position = 0
        while position < len(token):
            ends = [end for end in dag.get(position, [position]) if end - position + 1 < len(token)]
            end = max(ends) if ends else position
            if end > position:
                parts.append(token[position : end + 1])
            position = end + 1
        return parts

    def closest_chinese(self, run):
        """A name of the portal's vocabulary (or a part of one) that differs
        from a Chinese run of three characters or more by one character
        (数空技术 → 数控技术), or None; None too when the run is in a name."""
        size = len(run)
        if size < 3 or any(run in word for word in self.chinese_words):
            return None
        for word in self.chinese_words:
            for start in range(len(word) - size + 1):
                window = word[start : start + size]
                if Hamming.distance(window, run) == 1:
                    return window
        return None

    # --- synonyms -------------------------------------------------------------

    def synonyms_at(self, keys, position):
        """``(length, terms, narrower)`` of the longest synonym term at
        ``position`` of a query, or None: the terms it matches, and the set of
        those that are only narrower terms. ``keys``: each token's canonical
        forms (``search.analysis.canonical_forms``)."""
        for length in range(min(self.max_synonym_length, len(keys) - position), 0, -1):
            for key in term_keys_of_forms(keys[position : position + length]):
                if key in self._synonyms:
                    terms, narrower = self._synonyms[key]
                    return length, terms, narrower
        return None

    def synonym_rules(self):
        """The synonym groups as Elasticsearch synonym rules, in the portal's
        normal form (Chinese split as the index splits it): a two-way group as
        "a, b, c"; a term that stands for narrower terms too as
        "a => a, b, narrower…" (the filter does not chain rules, so each
        expansion is written out whole)."""
        rules = []
        for tokenized, one_way in self.synonym_groups:
            if not one_way:
                rules.append(", ".join(" ".join(tokens) for tokens in tokenized))
        for tokens in dict.fromkeys(self.expansion.terms()):
            expanded, narrower = self.expansion.terms_of(tokens)
            if narrower:
                rules.append(f"{' '.join(tokens)} => {', '.join(' '.join(term) for term in expanded)}")
        return rules


def current_lexicon():
    """The lexicon of the catalogue's current version (built when the version changed)."""
    global _lexicon
    version = catalogue_cache_version()
    lexicon = _lexicon
    if lexicon is not None and lexicon.version == version:
        return lexicon
    with _lock:
        if _lexicon is None or _lexicon.version != version:
            words, groups = portal_vocabulary()
            _lexicon = Lexicon(version, words, groups)
        return _lexicon


def indexing_lexicon():
    """The lexicon to index with: the one loaded, whatever its version (a page
    indexed with an older dictionary is still found, see
    ``search.analysis._alternative``), so that publishing many pages does not
    reload the vocabulary each time."""
    return _lexicon or current_lexicon()


# --- the index's own words, for spelling corrections ---------------------------------


class Vocabulary:
    """Every word of the full-text index with the number of pages holding it."""

    def __init__(self, version, counts):
        self.version = version
        self.counts = counts
        self._by_length = {}
        for word in counts:
            if len(word) >= 3 and not is_han(word) and not word.isdigit():
                self._by_length.setdefault((script_of(word), len(word)), []).append(word)

    def __contains__(self, word):
        return word in self.counts

    def closest(self, *words):
        """The word of the index closest to any of ``words`` (a word and its
        stems: "robotcs" is one edit from "robot" through its stem "robotc"):
        one edit for words of up to seven letters, two for longer ones
        (swapping two neighbouring letters is one edit), or None. Fewest edits
        first, then the longer word (a whole word rather than a stem), then the
        commoner."""
        found = []
        for word in words:
            most = 1 if len(word) <= 7 else 2
            script = script_of(word)
            candidates = []
            for length in range(len(word) - most, len(word) + most + 1):
                candidates += self._by_length.get((script, length), [])
            if candidates:
                found += process.extract(word, candidates, scorer=OSA.distance, score_cutoff=most, limit=20)
        if not found:
            return None
        best = min(found, key=lambda item: (item[1], -len(item[0]), -self.counts[item[0]], item[0]))
        return best[0]

    def commoner(self, word, word_forms):
        """The closest word of the index to ``word`` (see ``closest``) when it
        is not a form of the same word (it shares none of ``word_forms``) and
        more pages hold it than hold any of ``word_forms``; else None."""
        better = self.closest(word)
        if better is None or set(forms(better)).intersection(word_forms):
            return None
        held = max((self.counts.get(form, 0) for form in word_forms), default=0)
        return better if self.counts[better] > held else None


def index_vocabulary():
    """``{word: pages}`` of the full-text index (one query)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT term, doc FROM search_indexedpage_fts_vocab")
        else:
            table = IndexedPage._meta.db_table
            cursor.execute(f"SELECT word, ndoc FROM ts_stat('SELECT vector FROM {table}')")
        return dict(cursor.fetchall())


def current_vocabulary():
    """The index's words as of the catalogue's current version."""
    global _vocabulary
    version = catalogue_cache_version()
    vocabulary = _vocabulary
    if vocabulary is not None and vocabulary.version == version:
        return vocabulary
    with _lock:
        if _vocabulary is None or _vocabulary.version != version:
            _vocabulary = Vocabulary(version, index_vocabulary())
        return _vocabulary
