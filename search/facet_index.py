"""The database engine's facet index: every published programme's facet
values, held in memory by each process as bit sets, so that filtering,
counting, sorting and paging the catalogue cost the same whatever the number
of programmes that match.

Each programme gets a position (0 = the newest). Each facet value has a bit
set with one bit per programme that has it; the programmes matching a request
are the AND of the chosen facets' sets (each the OR of its chosen values), and
the count of a value is the number of bits its set shares with them: one
``int.bit_count()`` per value, about a microsecond at 30,000 programmes.

The index is built from the database in a handful of queries, one per group
of facts in ``programmes.facts`` (about 0.1 s at 3,000 programmes) and is rebuilt when the catalogue's version changes
(``search.page_cache``: anything published, unpublished, moved, deleted or
saved that a facet shows bumps it) or when it is older than ``MAX_AGE``
seconds, as a safety net for changes made behind Django's back."""

import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F
from django.utils import translation

from portal.languages import LANGUAGE_CODES, by_language, first_translation, translated_columns
from programmes.facts import FACETS, FACTS, facet_labels
from programmes.models import ProgrammePage, SchoolPage

from .entries import logo_pictures
from .indexing import read_facts
from .page_cache import catalogue_cache_version
from .text import fold, searchable_surface

MAX_AGE = 300
# Facts with several values that result entries show (``Fact.on_entry``).
ENTRY_LIST_FACTS = [fact.key for fact in FACTS if fact.on_entry]


class _BitsBuilder:
    """Bit sets under construction: one bytearray per facet value."""

    def __init__(self, size):
        self.size = size
        self.width = (size + 7) // 8
        self.values = {facet.key: {} for facet in FACETS}

    def add(self, key, value, position):
        if value in (None, ""):
            return
        value = str(value)
        bits = self.values[key].get(value)
        if bits is None:
            bits = self.values[key][value] = bytearray(self.width)
        bits[position >> 3] |= 1 << (position & 7)

    def build(self):
        return {
            key: {value: int.from_bytes(bits, "little") for value, bits in values.items()}
            for key, values in self.values.items()
        }


def bits_of(positions, size):
    """The bit set of some positions."""
    bits = bytearray((size + 7) // 8)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


def set_positions(mask, size):
    """The positions set in ``mask``, in increasing order."""
    data = mask.to_bytes((size + 7) // 8, "little")
    for index, byte in enumerate(data):
        if byte:
            base = index << 3
            for bit in range(8):
                if byte >> bit & 1:
                    yield base + bit


@dataclass
class FacetIndex:
    """The published catalogue as bit sets (see the module's docstring)."""

    version: str
    built_at: float
    ids: list
    position_of: dict
    postings: dict
    titles: list
    all_mask: int
    # {school path: ({language: title}, {language: url path}, logo <picture> HTML or "")}
    school_pages: dict = field(default_factory=dict)
    # Per position, {fact key: sorted values} of ENTRY_LIST_FACTS
    entry_facts: list = field(default_factory=list)
    # {(language, pk): CatalogueEntry} already read (``search.entries.load_entries``)
    entries: dict = field(default_factory=dict)
    _name_orders: dict = field(default_factory=dict)
    _title_surfaces: dict = field(default_factory=dict)
    _labels: dict = field(default_factory=dict)

    @property
    def size(self):
        return len(self.ids)

    @classmethod
    def build(cls, version):
        """Read the published programmes, their titles, their facts
        (``search.indexing.read_facts``) and their schools' titles, links and
        logos."""
        programmes = ProgrammePage.objects.live().public()
        rows = programmes.order_by(F("first_published_at").desc(nulls_last=True), "-pk").values_list(
            "pk", "path", *translated_columns("title")
        )
        ids = []
        school_paths = set()
        titles = []
        steplen = ProgrammePage.steplen
        for pk, path, *texts in rows:
            ids.append(pk)
            school_paths.add(path[:-steplen])
            [programme_titles] = by_language(texts)
            titles.append(programme_titles)
        size = len(ids)
        facts = read_facts(programmes)
        builder = _BitsBuilder(size)
        entry_facts = []
        # A fact's values repeat (a few hundred start dates for 60,000 intakes
        # at 30,000 programmes): each is turned into its facet's value once.
        facet_values = {facet.key: {} for facet in FACETS}
        for position, pk in enumerate(ids):
            programme = facts.get(pk, {})
            for facet in FACETS:
                known = facet_values[facet.key]
                for value in programme.get(facet.fact, ()):
                    if value in known:
                        facet_value = known[value]
                    else:
                        facet_value = known[value] = facet.values_of(value)
                    builder.add(facet.key, facet_value, position)
            entry_facts.append({key: sorted(programme.get(key, ())) for key in ENTRY_LIST_FACTS})
        # Every school is read and those without programmes skipped (see read_facts).
        schools = [
            (path, logo_id, by_language(texts, 2))
            for path, logo_id, *texts in SchoolPage.objects.order_by().values_list(
                "path", "logo_id", *translated_columns("title", "url_path")
            )
            if path in school_paths
        ]
        # The logos' result-card renditions too, so that a page of results
        # reads no image (see ``search.entries``).
        logos = logo_pictures(logo_id for _path, logo_id, _texts in schools)
        school_pages = {path: (*texts, logos.get(logo_id, "")) for path, logo_id, texts in schools}
        return cls(
            version=version,
            built_at=time.monotonic(),
            ids=ids,
            position_of={pk: position for position, pk in enumerate(ids)},
            postings=builder.build(),
            titles=titles,
            all_mask=(1 << size) - 1,
            school_pages=school_pages,
            entry_facts=entry_facts,
        )

    # --- filtering and counting ------------------------------------------------

    def selection_mask(self, key, values):
        """The programmes having any of ``values`` for facet ``key``."""
        mask = 0
        postings = self.postings[key]
        for value in values:
            mask |= postings.get(value, 0)
        return mask

    def counts(self, key, mask, values=None):
        """``{value: count}`` of facet ``key`` over ``mask`` (zero counts left
        out), of every value or of ``values``."""
        counts = {}
        postings = self.postings[key]
        for value, bits in postings.items() if values is None else ((v, postings.get(v, 0)) for v in values):
            count = (bits & mask).bit_count()
            if count:
                counts[value] = count
        return counts

    def languages_of(self, position):
        """The teaching language codes of the programme at ``position``."""
        return sorted(code for code, bits in self.postings["language"].items() if bits >> position & 1)

    # --- ordering --------------------------------------------------------------

    def newest_first(self, mask):
        return set_positions(mask, self.size)

    def by_name(self, mask, language):
        order = self._name_orders.get(language)
        if order is None:
            order = self._name_orders[language] = self._name_order(language)
        data = mask.to_bytes((self.size + 7) // 8, "little")
        return (position for position in order if data[position >> 3] >> (position & 7) & 1)

    def _name_order(self, language):
        if language not in LANGUAGE_CODES:
            language = settings.LANGUAGE_CODE

        def key(position):
            title, _language = first_translation(self.titles[position].get, language)
            return (fold(title), title, self.ids[position])

        return sorted(range(self.size), key=key)

    def title_surfaces(self, position):
        """The searchable surfaces (``search.text.searchable_surface``) of the
        programme's titles, to tell a title that is a query's phrase: worked
        out once per programme per index, not for every match of every query."""
        surfaces = self._title_surfaces.get(position)
        if surfaces is None:
            titles = self.titles[position].values()
            surfaces = self._title_surfaces[position] = {searchable_surface(title) for title in titles if title}
        return surfaces

    def titles_starting_with(self, prefix, language, limit):
        """Titles of programmes whose title in ``language`` (or
        its fallback) starts with ``prefix`` (folded), or has a word that does;
        titles that start with it first."""
        starts, words = [], []
        for position in range(self.size):
            title, _language = first_translation(self.titles[position].get, language)
            folded = fold(title)
            if folded.startswith(prefix):
                starts.append(title)
            elif f" {prefix}" in f" {folded}" and len(words) < limit:
                words.append(title)
            if len(starts) >= limit:
                break
        return (starts + words)[:limit]

    def in_mask(self, positions, mask):
        """Those of ``positions`` that are set in ``mask``, in the same order
        (an iterator: a page of results reads only as far as it needs)."""
        data = mask.to_bytes((self.size + 7) // 8, "little")
        return (position for position in positions if data[position >> 3] >> (position & 7) & 1)

    # --- labels ----------------------------------------------------------------

    def labels(self, extra=None):
        """``{key: {value: label}}`` in the active language for every value the
        index holds, computed once per language; plus ``extra`` values (chosen
        in a request but held by no programme)."""
        language = translation.get_language() or settings.LANGUAGE_CODE
        labels = self._labels.get(language)
        if labels is None:
            labels = self._labels[language] = facet_labels({key: list(values) for key, values in self.postings.items()})
        missing = {key: [v for v in values if v not in labels[key]] for key, values in (extra or {}).items()}
        if any(missing.values()):
            labels = {key: dict(values) for key, values in labels.items()}
            for key, values in facet_labels(missing).items():
                labels.setdefault(key, {}).update(values)
        return labels


_current = None
_lock = threading.Lock()


def current_facet_index(stale=None):
    """This process's facet index, rebuilt first when the catalogue changed
    (or when it is ``stale``, an index its caller found out of date)."""
    global _current
    version = catalogue_cache_version()
    index = _current
    if _fresh(index, version, stale):
        return index
    with _lock:
        index = _current
        if not _fresh(index, version, stale):
            index = _current = FacetIndex.build(version)
    return index


def _fresh(index, version, stale):
    return (
        index is not None
        and index is not stale
        and index.version == version
        and time.monotonic() - index.built_at < MAX_AGE
    )
