"""A school's profile lists its first programmes and partnerships, and links
to all of them: the catalogue and the partner directory filtered by the
school, which show the same number."""

from django.urls import reverse
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from partners.models import PartnerIndexPage
from programmes.models import ProgrammeSchool, SchoolPage
from search.service import search_catalogue
from tests.factories import PartnerPageFactory, PartnershipFactory, ProgrammePageFactory, SchoolPageFactory

pytestmark = pytest.mark.django_db

LISTED = SchoolPage.PROFILE_PROGRAMMES


def profile(client, school, language="en"):
    with translation.override(language):
        url = school.url
    return BeautifulSoup(client.get(url).content, "html.parser")


def listed_titles(page):
    return [link.get_text(strip=True) for link in page.select("#programmes-heading ~ ul .compact-list__title")]


@pytest.fixture
def busy_school(home):
    """A school leading 14 programmes and co-operating on a 15th, with 14 partners."""
    school = SchoolPageFactory(title="Busy Polytechnic")
    for number in range(14):
        ProgrammePageFactory(parent=school, title=f"Programme {number:02d}", title_ar=f"برنامج {99 - number:02d}")
        PartnershipFactory(school=school, partner=PartnerPageFactory(title=f"Partner {number:02d}"))
    shared = ProgrammePageFactory(parent=SchoolPageFactory(), title="Programme 00 shared")
    ProgrammeSchool.objects.create(programme=shared, school=school)
    return school


def test_the_profile_lists_the_first_programmes_by_title_and_links_to_all_in_the_catalogue(client, busy_school):
    page = profile(client, busy_school)
    assert listed_titles(page) == ["Programme 00", "Programme 00 shared"] + [f"Programme {n:02d}" for n in range(1, 11)]
    link = page.find("a", string="All 15 programmes of this school")
    assert link["href"] == f"{reverse('search:catalogue')}?school={busy_school.pk}&sort=name"
    # The catalogue shows the same programmes, in the same order.
    results = search_catalogue(filters={"school": [str(busy_school.pk)]}, sort="name")
    assert results.total == 15
    assert [entry.title for entry in results.programmes][:LISTED] == listed_titles(page)


def test_the_profile_lists_programmes_in_the_order_of_the_readers_language(client, busy_school):
    # The co-operated programme has no Arabic title: its English one sorts first.
    assert listed_titles(profile(client, busy_school, "ar")) == ["Programme 00 shared"] + [
        f"برنامج {number}" for number in range(86, 97)
    ]


def test_the_profile_lists_the_first_partnerships_and_links_to_the_partner_directory(client, busy_school):
    page = profile(client, busy_school)
    rows = page.select("#partners-heading ~ table tbody tr")
    assert [row.th.a.get_text(strip=True) for row in rows] == [
        f"Partner {n:02d}" for n in range(SchoolPage.PROFILE_PARTNERSHIPS)
    ]
    link = page.find("a", string="All 14 partners of this school")
    assert link["href"] == f"{PartnerIndexPage.objects.get().url}?school={busy_school.pk}"


def test_a_school_with_few_programmes_and_partners_lists_them_all_without_a_link(client, home):
    school = SchoolPageFactory()
    ProgrammePageFactory(parent=school, title="Only programme")
    PartnershipFactory(school=school)
    page = profile(client, school)
    assert listed_titles(page) == ["Only programme"] and len(page.select("#partners-heading ~ table tbody tr")) == 1
    assert not page.select(".more-link")


def test_the_partner_directory_filtered_by_a_school_lists_its_partners_only(client, busy_school):
    PartnerPageFactory(title="Partner of nobody")
    directory = PartnerIndexPage.objects.get().url
    html = client.get(directory, {"school": busy_school.pk}).content.decode()
    page = BeautifulSoup(html, "html.parser")
    assert "14 partners" in page.select_one(".result-count").get_text()
    assert "Partner of nobody" not in html
    note = page.select_one(".filter-note")
    assert "Partners of Busy Polytechnic" in note.get_text(" ", strip=True)
    assert note.find("a", href=busy_school.url)
    # The other filters keep the school; "show all" drops it.
    assert page.select_one(f'form.filters input[type="hidden"][name="school"][value="{busy_school.pk}"]')
    assert note.find("a", string="Show all partners")["href"] == "?"


@pytest.mark.parametrize("value", ["abc", "-1", "99999999", "1" * 30])
def test_the_partner_directory_ignores_a_school_that_is_not_one(client, busy_school, value):
    PartnerPageFactory(title="Partner of nobody")
    html = client.get(PartnerIndexPage.objects.get().url, {"school": value}).content.decode()
    assert "Partner of nobody" in html and "filter-note" not in html
