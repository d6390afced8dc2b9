"""The school and partner directories (ordered rows kept per public version,
filtered and paged per request): filters, counts, pages and order, and a
school or partner published after the rows were read shows at once."""

import pytest
from bs4 import BeautifulSoup

from partners.models import PartnerIndexPage, PartnerKind
from programmes.models import Level, Province, SchoolIndexPage
from tests.factories import PartnerPageFactory, SchoolPageFactory


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.PAGE_CACHE = False


def card_titles(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [h2.get_text(strip=True) for h2 in soup.select(".card-list .card h2")], soup.select_one(".result-count")


def test_the_school_directory_filters_counts_and_orders(client, home):
    guangdong = Province.objects.get(code="CN-GD")
    west = Province.objects.filter(region="west").first()
    SchoolPageFactory(title="Bravo Polytechnic", province=guangdong, level=Level.HIGHER)
    SchoolPageFactory(title="Alpha College", province=guangdong, level=Level.SECONDARY)
    SchoolPageFactory(title="Charlie Institute", province=west, level=Level.HIGHER)
    url = SchoolIndexPage.objects.get().url
    titles, count = card_titles(client, url)
    assert titles == ["Alpha College", "Bravo Polytechnic", "Charlie Institute"]
    assert "3 schools" in count.get_text()
    assert card_titles(client, f"{url}?province=CN-GD")[0] == ["Alpha College", "Bravo Polytechnic"]
    assert card_titles(client, f"{url}?region=west")[0] == ["Charlie Institute"]
    assert card_titles(client, f"{url}?level=higher")[0] == ["Bravo Polytechnic", "Charlie Institute"]
    assert card_titles(client, f"{url}?province=CN-GD&level=higher")[0] == ["Bravo Polytechnic"]
    # Unknown values of the checked filters are ignored, as before.
    assert len(card_titles(client, f"{url}?region=nowhere&level=x")[0]) == 3
    titles, count = card_titles(client, f"{url}?province=CN-XX")
    assert titles == [] and "0 schools" in count.get_text()
    # Published after the rows were read: on the next request.
    SchoolPageFactory(title="Delta School", province=guangdong, level=Level.HIGHER)
    assert card_titles(client, f"{url}?province=CN-GD")[0] == ["Alpha College", "Bravo Polytechnic", "Delta School"]


def test_the_school_directory_pages(client, home):
    for number in range(23):
        SchoolPageFactory(title=f"School {number:02d}")
    url = SchoolIndexPage.objects.get().url
    first, _count = card_titles(client, url)
    second, _count = card_titles(client, f"{url}?page=2")
    assert first == [f"School {number:02d}" for number in range(20)]
    assert second == ["School 20", "School 21", "School 22"]
    assert card_titles(client, f"{url}?page=99")[0] == second
    assert card_titles(client, f"{url}?page=two")[0] == first


def test_the_partner_directory_filters_and_lists_its_countries(client, home):
    PartnerPageFactory(title="Lycée Lyon", country="FR", kind=PartnerKind.COLLEGE)
    PartnerPageFactory(title="Berlin GmbH", country="DE", kind=PartnerKind.ENTERPRISE)
    PartnerPageFactory(title="Alsace Polytech", country="FR", kind=PartnerKind.POLYTECHNIC)
    url = PartnerIndexPage.objects.get().url
    titles, count = card_titles(client, url)
    assert titles == ["Alsace Polytech", "Berlin GmbH", "Lycée Lyon"]
    assert "3 partners" in count.get_text()
    assert card_titles(client, f"{url}?country=FR")[0] == ["Alsace Polytech", "Lycée Lyon"]
    assert card_titles(client, f"{url}?kind=enterprise")[0] == ["Berlin GmbH"]
    assert card_titles(client, f"{url}?country=FR&kind=college")[0] == ["Lycée Lyon"]
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    options = [option["value"] for option in soup.select("#filter-country option") if option["value"]]
    assert options == ["FR", "DE"]  # France, Germany
    french = BeautifulSoup(client.get(url.replace("/en/", "/fr/")).content, "html.parser")
    names = [option.get_text() for option in french.select("#filter-country option") if option["value"]]
    assert names == ["Allemagne", "France"]


def test_the_partner_directory_pages_what_its_filters_keep(client, home):
    for number in range(25):
        PartnerPageFactory(title=f"Partner {number:02d}", country="FR" if number % 2 else "DE")
    url = PartnerIndexPage.objects.get().url
    titles, count = card_titles(client, f"{url}?page=2")
    assert titles == [f"Partner {number:02d}" for number in range(20, 25)]
    assert "25 partners" in count.get_text()
    german = [f"Partner {number:02d}" for number in range(0, 25, 2)]
    assert card_titles(client, f"{url}?country=DE")[0] == german
    # A page past the last shows the last.
    assert card_titles(client, f"{url}?country=DE&page=2")[0] == german
