"""How words are compared, for the index and for queries alike, on the
database engine (Elasticsearch does the same with its own analyzers, see
``search.engines.elasticsearch_documents``):

- **word forms**: each word of English, French, Spanish, Russian or Arabic is
  also indexed and searched as its Snowball stems (PyStemmer), so "drones"
  finds "drone" and "railways" finds "railway";
- **stop words** ("and", "de", "и"…) never block a match: a page need not hold
  them, they only raise pages that do;
- **Chinese**: runs of Chinese characters are split with jieba, using the
  portal's own vocabulary as a user dictionary (``search.lexicon``) so that a
  specialty name stays one word; the index also holds every dictionary word
  found inside a run, so a word inside a longer title is still found;
- **synonyms**: a query word or name that belongs to a synonym group (kept by
  editors, ``search.models.SynonymGroup``) matches any term of its group, and
  the narrower terms of a one-way group whose broader term it is (compared by
  their stems in any language of their script);
- **spelling**: a word the index does not know is corrected to its closest
  word in the index (``search.lexicon.Vocabulary``), when nothing matched; a
  word it holds only through another word's stem, to a commoner close word,
  when few pages matched.

A query becomes ``TermGroup``s: each must be matched (unless it is a stop word)
by one of its alternatives; an alternative is a sequence of tokens that must
all be present, each in one of its forms (the word and its stems)."""

import functools
import re
import unicodedata
from dataclasses import dataclass, field, replace

import Stemmer
import stop_words

from .text import MAX_QUERY_CHARACTERS, MAX_QUERY_TERMS, fold, searchable_surface

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RUN = re.compile(f"[{HAN}]+")
# A query's tokens: a run of Chinese characters, or a run of other letters and digits.
_TOKEN = re.compile(rf"[{HAN}]+|[^\W_{HAN}]+")

STEMMERS_OF_SCRIPT = {
    "latin": ("english", "french", "spanish"),
    "cyrillic": ("russian",),
    "arabic": ("arabic",),
}
STOP_WORD_LANGUAGES = ("en", "fr", "es", "ru", "ar")
# The stop-word lists name long words too ("information", "system"); only
# short function words are taken, so that a meaningful word is never optional.
MAX_STOP_WORD_LENGTH = 5


def han_runs(text):
    """The runs of Chinese characters in ``text``."""
    return _HAN_RUN.findall(text)


def is_han(token):
    return bool(_HAN_RUN.fullmatch(token))


def script_of(token):
    """``latin``, ``cyrillic``, ``arabic`` or None (Chinese, digits, others)."""
    for ch in token:
        if ch.isdigit():
            continue
        code = ord(ch)
        if 0x0400 <= code <= 0x04FF:
            return "cyrillic"
        if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F:
            return "arabic"
        if code < 0x0250 and ch.isalpha():
            return "latin"
        return None
    return None


@functools.cache
def _stemmer(language):
    return Stemmer.Stemmer(language)


@functools.lru_cache(maxsize=65536)
def stems(token):
    """The Snowball stems of ``token`` (already folded) in the languages of its
    script, other than the token itself: ``drones`` → ``("drone", "dron")``."""
    script = script_of(token)
    if script is None or len(token) < 3:
        return ()
    found = []
    for language in STEMMERS_OF_SCRIPT[script]:
        stem = fold(_stemmer(language).stemWord(token))
        if stem != token and len(stem) >= 2 and stem not in found:
            found.append(stem)
    return tuple(found)


def forms(token):
    """The token and its stems: any of them in a page's text matches it."""
    return (token, *stems(token))


@functools.lru_cache(maxsize=65536)
def canonical(token):
    """One form that stands for a word whatever its inflection (its stem in
    the first language of its script: "drones" and "drone" give "drone"), to
    compare a query's words with synonym terms."""
    script = script_of(token)
    if script is None or len(token) < 3:
        return token
    return fold(_stemmer(STEMMERS_OF_SCRIPT[script][0]).stemWord(token))


@functools.lru_cache(maxsize=65536)
def canonical_forms(token):
    """The token's canonical form (``canonical``) followed by its stems in the
    other languages of its script, one per language in order: "industriales"
    gives ``("industrial", "industrial", "industrial")`` and "industrial"
    ``("industri", "industrial", "industrial")``; a token without stems, itself."""
    script = script_of(token)
    if script is None or len(token) < 3:
        return (token,)
    return (
        canonical(token),
        *(fold(_stemmer(language).stemWord(token)) for language in STEMMERS_OF_SCRIPT[script][1:]),
    )


def term_keys_of_forms(variants):
    """The keys of a sequence of tokens given their ``canonical_forms``: the
    canonical forms together, then the forms of each other language of their
    script together, so that two words match when they have the same stem in
    one language, whichever."""
    widest = max(len(forms) for forms in variants)
    keys = (tuple(forms[min(n, len(forms) - 1)] for forms in variants) for n in range(widest))
    return list(dict.fromkeys(keys))


@functools.cache
def stop_word_set():
    words = set()
    for language in STOP_WORD_LANGUAGES:
        for word in stop_words.get_stop_words(language):
            folded = fold(word)
            if len(folded) <= MAX_STOP_WORD_LENGTH and _TOKEN.fullmatch(folded):
                words.add(folded)
    return frozenset(words)


def is_stop_word(token):
    return token in stop_word_set()


# --- the index's side ------------------------------------------------------------


def index_text(lexicon, *values):
    """The text the index keeps of some values: their surface (folded, words
    separated by spaces, Chinese runs whole) followed by the extra tokens that
    make other forms match: Chinese words (jieba with the portal's dictionary,
    and every dictionary word inside a run) and the stems of other words. The
    surface comes first so that a phrase of the query can be found in it."""
    surface = searchable_surface(*values)
    if not surface:
        return ""
    seen = set(surface.split())
    extra = []

    def add(token):
        if token and token not in seen:
            seen.add(token)
            extra.append(token)

    for word in surface.split():
        # "3d打印" is one word to FTS5 and PostgreSQL: its parts are added too.
        parts = _TOKEN.findall(word)
        for token in parts:
            if len(parts) > 1:
                add(token)
            if is_han(token):
                for chinese in lexicon.index_words(token):
                    add(chinese)
            else:
                for stem in stems(token):
                    add(stem)
    return f"{surface} {' '.join(extra)}".strip()


# --- the query's side ------------------------------------------------------------


@dataclass(frozen=True)
class TermGroup:
    """One word (or name) of a query, and the ways a page may hold it.

    ``alternatives``: tuples of tokens that must all be present; each token is
    a tuple of forms, any of which matches. The first ``direct`` are the word
    and its synonyms, the others narrower terms (a page naming one of those
    matches, but ranks below a page naming the word itself)."""

    word: str
    alternatives: tuple
    required: bool = True
    synonym: bool = False
    direct: int = None

    def direct_alternatives(self):
        return self.alternatives if self.direct is None else self.alternatives[: self.direct]

    def all_forms(self):
        return [form for alternative in self.alternatives for token in alternative for form in token]


@dataclass
class AnalysedQuery:
    """A query's words as groups to match, with the spelling corrections made."""

    groups: list = field(default_factory=list)
    # ``[(as typed, as corrected)]``
    corrections: list = field(default_factory=list)
    # The query's surface (folded; Chinese runs whole), to find it as a phrase in titles.
    phrase: str = ""

    @property
    def required(self):
        return [group for group in self.groups if group.required]

    # The corrected query as the searcher would have typed it (for Chinese corrections).
    corrected: str = ""

    @property
    def corrected_text(self):
        if self.corrected:
            return self.corrected
        corrected = dict(self.corrections)
        return " ".join(corrected.get(group.word, group.word) for group in self.groups)

    def highlight_terms(self):
        """Words to highlight in results: the query's words, their synonyms and
        stems (stems of three letters or more find "drone" in "drones")."""
        terms = []
        for group in self.groups:
            for alternative in group.alternatives:
                for token in alternative:
                    for number, form in enumerate(token):
                        if number == 0 or len(form) >= 3:
                            terms.append(form)
        return list(dict.fromkeys(terms))


def query_tokens(lexicon, text):
    """A query's tokens in the normal form: words, and Chinese runs split into
    words by jieba with the portal's dictionary."""
    if not text:
        return []
    text = str(text)[:MAX_QUERY_CHARACTERS]
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    tokens = []
    for match in _TOKEN.finditer(fold(text)):
        token = match.group(0)
        if is_han(token):
            tokens += lexicon.query_words(token)
        else:
            tokens.append(token)
    return tokens


def _alternative(lexicon, tokens):
    """The alternatives of a sequence of tokens: as they are, and (when a
    Chinese token is a long compound) with the compound split into the words
    inside it, so that a page naming the parts apart is found too."""
    whole = tuple(forms(token) for token in tokens)
    split = []
    changed = False
    for token in tokens:
        parts = lexicon.parts(token) if is_han(token) else []
        if parts:
            changed = True
            split += [(part,) for part in parts]
        else:
            split.append(forms(token))
    return (whole, tuple(split)) if changed else (whole,)


def analyse_query(lexicon, text):
    """The ``AnalysedQuery`` of a visitor's query (no spelling correction yet)."""
    tokens = list(dict.fromkeys(query_tokens(lexicon, text)))[:MAX_QUERY_TERMS]
    keys = [canonical_forms(token) for token in tokens]
    groups = []
    position = 0
    while position < len(tokens):
        match = lexicon.synonyms_at(keys, position)
        if match:
            length, terms, narrower = match
            span = tokens[position : position + length]
            alternatives = []
            direct = 0
            for term in sorted(terms, key=lambda term: term in narrower):
                for alternative in _alternative(lexicon, term):
                    if alternative not in alternatives:
                        alternatives.append(alternative)
                        direct += term not in narrower
            word = ("" if all(is_han(token) for token in span) else " ").join(span)
            groups.append(TermGroup(word=word, alternatives=tuple(alternatives), synonym=True, direct=direct))
            position += length
            continue
        token = tokens[position]
        groups.append(TermGroup(word=token, alternatives=_alternative(lexicon, [token])))
        position += 1
    if any(not is_stop_word(group.word) for group in groups):
        groups = [replace(group, required=not is_stop_word(group.word)) for group in groups]
    return AnalysedQuery(groups=groups, phrase=searchable_surface(text[:MAX_QUERY_CHARACTERS] if text else ""))


def correctable(group):
    """Whether a group is one plain word that a spelling correction may replace."""
    if group.synonym or len(group.alternatives) != 1 or len(group.alternatives[0]) != 1:
        return False
    word = group.word
    return len(word) >= 4 and not is_han(word) and not word.isdigit() and script_of(word) is not None


def correct(lexicon, query, vocabulary, commoner=False):
    """``query`` with each word the index does not know (in none of its forms)
    replaced by the closest word the index knows, if one is close enough; with
    ``commoner``, each word the index does not hold as typed (only one of its
    stems, from another word: "mecatronics" through Spanish "mecatronica")
    replaced by a commoner word close to it ("mechatronics"). The corrected
    words are analysed again, so that their synonyms apply as if typed."""
    corrections = []
    for group in query.groups:
        if not correctable(group):
            continue
        if commoner:
            better = None if group.word in vocabulary else vocabulary.commoner(group.word, group.all_forms())
        elif not any(form in vocabulary for form in group.all_forms()):
            better = vocabulary.closest(*[form for form in group.all_forms() if len(form) >= 4])
        else:
            better = None
        if better:
            corrections.append((group.word, better))
    if not corrections:
        return query
    corrected = dict(corrections)
    text = " ".join(corrected.get(group.word, group.word) for group in query.groups)
    analysed = analyse_query(lexicon, text)
    return AnalysedQuery(groups=analysed.groups, corrections=corrections, phrase=analysed.phrase, corrected=text)


def correct_chinese(lexicon, text):
    """The ``AnalysedQuery`` of ``text`` with each Chinese run one character
    away from a name of the portal's vocabulary replaced by that name; None
    when no run was corrected."""
    corrections = []
    for run in dict.fromkeys(han_runs(fold(str(text)[:MAX_QUERY_CHARACTERS]))):
        better = lexicon.closest_chinese(run)
        if better:
            corrections.append((run, better))
    if not corrections:
        return None
    corrected = fold(str(text)[:MAX_QUERY_CHARACTERS])
    for run, better in corrections:
        corrected = corrected.replace(run, better)
    query = analyse_query(lexicon, corrected)
    return AnalysedQuery(groups=query.groups, corrections=corrections, phrase=query.phrase, corrected=corrected)
