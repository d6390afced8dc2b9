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

from .analysis import canonical, han_runs, is_han, query_tokens, script_of
from .models import IndexedPage, SynonymGroup, split_terms
from .page_cache import catalogue_cache_version

logger = logging.getLogger(__name__)

# A Chinese name longer than this is not a dictionary word (a sentence, not a name).
MAX_DICTIONARY_WORD = 20
# Longest synonym term, in tokens.
MAX_SYNONYM_TOKENS = 6

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
    """The Chinese words of the portal's own vocabulary: names of fields of
    study and of live programmes, and synonym terms. Three queries."""
    values = list(FieldOfStudy.objects.values_list("name_zh_hans", flat=True))
    values += ProgrammePage.objects.live().values_list("title_zh_hans", flat=True)
    groups = [split_terms(terms) for terms in SynonymGroup.objects.values_list("terms", flat=True)]
    values += [term for group in groups for term in group]
    return chinese_names(values), groups


class Lexicon:
    """jieba with the portal's dictionary, and the synonym groups, as of one
    version of the catalogue."""

    def __init__(self, version, words, synonym_groups):
        self.version = version
        _set_user_words(words)
        self.tokenizer = _jieba()
        self.chinese_words = sorted(words, key=len)
        self.synonym_groups = []
        self._synonyms = {}
        self.max_synonym_length = 0
        for terms in synonym_groups:
            tokenized = [tuple(query_tokens(self, term))[:MAX_SYNONYM_TOKENS] for term in terms]
            tokenized = list(dict.fromkeys(tokens for tokens in tokenized if tokens))
            if len(tokenized) < 2:
                continue
            self.synonym_groups.append(tokenized)
            for tokens in tokenized:
                key = tuple(canonical(token) for token in tokens)
                self._synonyms.setdefault(key, [])
                for other in tokenized:
                    if other not in self._synonyms[key]:
                        self._synonyms[key].append(other)
                self.max_synonym_length = max(self.max_synonym_length, len(key))

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
        """``(length, terms)`` of the longest synonym term at ``position`` of a
        query's canonical tokens, or None."""
        for length in range(min(self.max_synonym_length, len(keys) - position), 0, -1):
            terms = self._synonyms.get(tuple(keys[position : position + length]))
            if terms:
                return length, terms
        return None

    def synonym_rules(self):
        """The synonym groups as Elasticsearch synonym rules ("a, b, c"), in
        the portal's normal form (Chinese split as the index splits it)."""
        return [", ".join(" ".join(tokens) for tokens in group) for group in self.synonym_groups]


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
