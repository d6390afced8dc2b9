"""Pages cost the same number of SQL queries whatever the catalogue's size."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from programmes.models import SchoolIndexPage
from tests.factories import (
    PartnerPageFactory,
    PartnershipFactory,
    ProgrammePageFactory,
    ProgrammePartnerFactory,
    SchoolPageFactory,
)


def count_queries(client, url):
    client.get(url)  # warm caches that live across requests (site root paths, navigation)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def build(size):
    """A school with ``size`` programmes and partners, and ``size`` other schools."""
    school = SchoolPageFactory()
    for _ in range(size):
        partner = PartnerPageFactory()
        PartnershipFactory(school=school, partner=partner)
        programme = ProgrammePageFactory(parent=school)
        ProgrammePartnerFactory(programme=programme, partner=partner)
        SchoolPageFactory()
    return school, programme


def test_directory_profile_and_programme_pages_do_not_grow_with_the_catalogue(client, home):
    """In English and in Chinese (localized slugs), with one catalogue built
    once per size for both."""
    counts = {"en": [], "zh-hans": []}
    for size in (5, 50):
        school, programme = build(size)
        for language, language_counts in counts.items():
            with translation.override(language):
                urls = [SchoolIndexPage.objects.get().url, school.url, programme.url]
            language_counts.append([count_queries(client, url) for url in urls])
    for language, (small, large) in counts.items():
        assert small == large, (language, counts)
