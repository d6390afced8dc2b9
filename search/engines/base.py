"""The one interface every search engine of the portal implements.

Views, the API, the management command and the signals that follow
publishing talk to an engine only through these methods (through
``search.engines.get_engine()``), so they never know which one answers."""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from portal.public_version import public_values

from ..models import PageKind

SITE_SEARCH_KINDS = [PageKind.SCHOOLS, PageKind.PROGRAMMES, PageKind.PARTNERS]
SITE_SEARCH_LABELS = {
    PageKind.SCHOOLS: _("schools"),
    PageKind.PROGRAMMES: _("programmes"),
    PageKind.PARTNERS: _("partners"),
}


def live_public_pages(model, ids):
    """``{id: page}`` of those of ``ids`` that are live, public pages of
    ``model``, kept per public version (a page as the public sees it changes
    only with it): a site search shows the same few pages for many queries."""
    return public_values(
        f"site-search-page:{model._meta.label_lower}",
        ids,
        lambda missing: model.objects.live().public().in_bulk(missing),
    )


@dataclass
class SiteSearchGroup:
    """The matches of one kind of page (schools, programmes or partners)."""

    kind: str
    label: str
    pages: list
    total: int
    # Ids of the pages shown that hold all but one of the words.
    partial: set = field(default_factory=set)


@dataclass
class SiteSearchResults:
    """The site search's groups, the words to highlight and the query as
    corrected for spelling (empty when it was searched as typed)."""

    groups: list
    highlight_terms: list
    corrected_text: str = ""
    partial_ids: frozenset = frozenset()


class SearchEngine(ABC):
    """A search engine: answers the catalogue and the site search, suggests
    titles, and keeps its index in step with what is published."""

    name = ""
    # An engine behind the network (Elasticsearch): when it cannot be reached,
    # publishing goes on and the failure is logged; the index is repaired by
    # ``manage.py catalogue_index rebuild``.
    external = False

    @abstractmethod
    def search(self, query, language):
        """One page of programmes for a checked ``CatalogueQuery``, with facet
        counts: a ``search.results.CatalogueResults``."""

    def facets(self, query, language):
        """The facets (``FacetResult``s) of the programmes matching ``query``."""
        return self.search(query, language).facets

    @abstractmethod
    def search_site(self, text, language, limit=10, as_typed=False):
        """Schools, programmes and partners matching the words of ``text``,
        most relevant first: ``SiteSearchResults`` with one ``SiteSearchGroup``
        per kind with at most ``limit`` live pages each. Unless ``as_typed``, a
        misspelt word may be corrected when nothing matched."""

    @abstractmethod
    def suggest(self, prefix, language, limit=8):
        """Programme titles in ``language`` (or their fallback) starting with
        ``prefix``, or with a word that does: a list of titles."""

    @abstractmethod
    def index(self, pages):
        """Bring the index in step with ``pages`` (specific pages): each one
        that is live, public and of an indexed kind is (re)indexed, any other
        removed."""

    @abstractmethod
    def remove(self, page_ids):
        """Take pages out of the index (they were deleted or unpublished)."""

    @abstractmethod
    def rebuild(self, progress=None):
        """Rebuild the whole index from the database; ``progress(done, total)``
        is called along the way. Returns the number of pages indexed."""

    def score_limit(self):
        """How many matches at most are ordered by their score (more are
        ordered by title matches, then newest); None when there is no limit."""
        return None

    def partial_matches_below(self):
        """Below how many matches of every word the matches of all words but
        one follow them (marked as partial); None when they are not added apart."""
        return None
