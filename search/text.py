"""How text becomes searchable tokens, for indexing and for queries alike.

Every engine sees the same normal form: Unicode NFKC (full-width letters and
digits become half-width), case folded, accents stripped ("Mécanique" and
"mecanique" are the same word) and Chinese runs segmented into words with
jieba, because neither SQLite FTS5 nor PostgreSQL splits Chinese into words.
"""

import functools
import logging
import re
import threading
import unicodedata

import jieba

from portal.text import plain_text

# Longest query we look at: a longer one is cut, not refused.
MAX_QUERY_CHARACTERS = 200
MAX_QUERY_TERMS = 16

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Anything that is not a letter, a digit or a Chinese character separates words:
# this removes quotes, operators and control characters that FTS5, PostgreSQL
# tsquery or Lucene would read as syntax.
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)

_jieba = None
_jieba_lock = threading.Lock()


def _segmenter():
    """jieba, loaded once per process on first use (it takes about a second)."""
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _jieba = jieba
    return _jieba


def fold(text):
    """NFKC, case folding and accent stripping of ``text`` (no segmentation)."""
    if not text:
        return ""
    text = str(text)
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed == text:  # nothing decomposed, so no accent to strip (Chinese, Cyrillic…)
        return text
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", without_marks)


def segment_chinese(text):
    """``text`` with each run of Chinese characters replaced by its words
    (jieba's search mode, which also yields the shorter words inside longer
    ones: 数控技术 gives 数控, 技术 and 数控技术)."""
    if not _HAN_RUN.search(text):
        return text
    jieba = _segmenter()

    def words(match):
        return " " + " ".join(word for word in jieba.cut_for_search(match.group(0)) if word.strip()) + " "

    return _HAN_RUN.sub(words, text)


def searchable_text(*values):
    """The normal form of some values for the index: tags removed, folded,
    Chinese segmented, punctuation turned into spaces."""
    parts = []
    for value in values:
        if value is None:
            continue
        text = plain_text(value)
        if text.strip():
            parts.append(text)
    folded = fold(" ".join(parts))
    return " ".join(_NOT_WORD.sub(" ", segment_chinese(folded)).split())


def searchable_surface(*values):
    """The surface of some values for the index and for phrases: tags removed,
    folded, punctuation turned into spaces, Chinese runs left whole."""
    parts = []
    for value in values:
        if value is None:
            continue
        text = plain_text(value)
        if text.strip():
            parts.append(text)
    return " ".join(_NOT_WORD.sub(" ", fold(" ".join(parts))).split())


def query_terms(query_text):
    """The words of a visitor's query, in the index's normal form. Control
    characters, quotes and operators are dropped; the result is safe to pass to
    any engine. An empty list means "no text query"."""
    if not query_text:
        return []
    text = str(query_text)[:MAX_QUERY_CHARACTERS]
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    terms = searchable_text(text).split()
    unique = list(dict.fromkeys(terms))
    return unique[:MAX_QUERY_TERMS]


def _fold_with_positions(text):
    """``text`` folded character by character, with the index in ``text`` of
    each folded character, so that a match in the folded text maps back.
    ASCII text folds to its lower case, position for position."""
    if text.isascii():
        return text.lower(), range(len(text))
    folded = []
    positions = []
    for index, ch in enumerate(text):
        for out in _fold_character(ch):
            folded.append(out)
            positions.append(index)
    return "".join(folded), positions


@functools.lru_cache(maxsize=4096)
def _fold_character(ch):
    return fold(ch)


def highlight_spans(text, terms):
    """``[(start, end)]`` spans of ``text`` matching any of ``terms`` (folded),
    merged and in order."""
    if not text or not terms:
        return []
    folded, positions = _fold_with_positions(text)
    spans = []
    for term in terms:
        if not term:
            continue
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            spans.append((positions[start], positions[end - 1] + 1))
            start = folded.find(term, end)
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
