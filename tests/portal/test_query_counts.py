"""Every public page type, rendered without the page cache, costs at most
``LIMIT`` SQL queries, and the same number whatever the catalogue's size."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

import pytest

from partners.models import PartnerIndexPage
from portal.models import HomePage
from portal.site_tree import set_translations
from programmes.models import ProgrammeSchool, SchoolIndexPage
from tests.factories import (
    PartnerPageFactory,
    PartnershipFactory,
    ProgrammePageFactory,
    ProgrammePartnerFactory,
    SchoolPageFactory,
)

LIMIT = 8
SIZES = (5, 50)


@pytest.fixture(autouse=True)
def uncached(settings):
    """Pages rendered in full: neither page cache answers."""
    settings.PAGE_CACHE = False
    settings.CATALOGUE_PAGE_CACHE = False


def count_queries(client, url):
    # The first request warms what lives across requests (the route, the site,
    # the view restrictions, navigation), as in a running process.
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


class Catalogue:
    """One school, one of its programmes and one partner, each with ``size``
    of everything its page lists: programmes, partnerships, partners and
    co-operating schools; ``size`` schools, partners and programmes in the
    directories, the catalogue and the site search."""

    def __init__(self):
        self.size = 0
        self.school = SchoolPageFactory()
        self.programme = ProgrammePageFactory(parent=self.school)
        self.partner = PartnerPageFactory()

    def grow(self, size):
        for _ in range(self.size, size):
            school = SchoolPageFactory()
            partner = PartnerPageFactory()
            programme = ProgrammePageFactory(parent=self.school)
            PartnershipFactory(school=self.school, partner=partner)
            PartnershipFactory(school=school, partner=self.partner)
            ProgrammePartnerFactory(programme=self.programme, partner=partner)
            ProgrammePartnerFactory(programme=programme, partner=self.partner)
            ProgrammeSchool.objects.create(programme=self.programme, school=school)
        self.size = size
        self.last_partner = partner

    def urls(self):
        with translation.override("ar"):
            programme_ar = self.programme.url
        with translation.override("en"):
            return {
                "home": HomePage.objects.get().url,
                "school directory": SchoolIndexPage.objects.get().url,
                "school profile": self.school.url,
                "programme (en)": self.programme.url,
                "programme (ar)": programme_ar,
                "partner directory": PartnerIndexPage.objects.get().url,
                "partner profile": self.partner.url,
                "site search": f"{reverse('search:search')}?q=Test",
                "catalogue": reverse("search:catalogue"),
                "catalogue, text query": f"{reverse('search:catalogue')}?q=programme",
            }


def test_every_public_page_type_costs_a_few_queries_whatever_the_size(client, home):
    """Built once per size (5, then grown to 50), each page type measured at both."""
    catalogue = Catalogue()
    counts = {}
    for size in SIZES:
        catalogue.grow(size)
        urls = catalogue.urls()
        for page, url in urls.items():
            counts.setdefault(page, []).append(count_queries(client, url))
        # The pages list what they should: the newest partner is on the programme page.
        assert catalogue.last_partner.title in client.get(urls["programme (en)"]).content.decode()
    assert {page: small for page, (small, large) in counts.items() if small != large} == {}, counts
    assert {page: large for page, (_small, large) in counts.items() if large > LIMIT} == {}, counts


def test_localized_slugs_route_in_as_few_queries(client, home):
    """A Chinese URL (a slug of its own) costs what the English one does."""
    catalogue = Catalogue()
    catalogue.grow(5)
    school = catalogue.school
    set_translations(school, "slug", {"en": school.slug_en, "zh-hans": "ceshi-xuexiao"})
    school.save_revision().publish()
    school.refresh_from_db()
    programme = catalogue.programme
    programme.refresh_from_db()
    found = {}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            urls = [school.url, programme.url]
        found[language] = [count_queries(client, url) for url in urls]
    assert "/ceshi-xuexiao/" in urls[0]
    assert found["zh-hans"] == found["en"]
