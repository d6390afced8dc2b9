"""The progress page stays light and cheap at the national target's size:
at most 60 KB of HTML with ~300 selected schools in three batches and partners
in 40 countries, and the same number of SQL queries (at most 8) at 5 and at 50
schools. The world's shapes are a static file, not part of the page."""

import datetime

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

import pytest
from bs4 import BeautifulSoup

from ministry.charts import WORLD_OUTLINE, WORLD_OUTLINE_PATH, world_outline
from ministry.views import SELECTED_SCHOOLS_PER_PAGE
from portal.site_tree import ensure_site_tree
from programmes.batches import record_decision
from programmes.models import ProgrammeType
from tests.factories import (
    BatchFactory,
    PartnerPageFactory,
    PartnershipFactory,
    ProgrammePageFactory,
    SchoolPageFactory,
    YearlyReportFactory,
)

MAX_HTML_BYTES = 60 * 1024
MAX_QUERIES = 8
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)
# Partner countries of a full catalogue: every one is coloured on the map and listed.
COUNTRIES = (
    "AE AR AU BR CA CL DE EG ES ET FR GB GH ID IN IT JP KE KR KZ LA MA MM MX MY "
    "NG NL NZ PE PH PK PL PT RU SA TH TR TZ UZ VN"
).split()


def progress_url(language="en", page=None):
    with translation.override(language):
        url = reverse("progress")
    return f"{url}?page={page}" if page else url


def select_schools(count, first=0):
    """``count`` selected schools with names as long as real ones, spread over three batches."""
    batches = [BatchFactory(number=number, quota=100) for number in (1, 2, 3)]
    schools = []
    for index in range(first, first + count):
        school = SchoolPageFactory(
            title=f"Guangdong Polytechnic of Science and Technology {index}",
            slug=f"guangdong-polytechnic-of-science-and-technology-{index}",
            title_zh_hans=f"广东科学技术职业学院{index}",
        )
        record_decision(school, batches[index % 3], "selected", YESTERDAY)
        schools.append(school)
    return schools


def add_catalogue(schools):
    """A partner, a partnership and a programme for each school, in as many countries as there are."""
    types = [value for value, _label in ProgrammeType.choices]
    for index, school in enumerate(schools):
        country = COUNTRIES[index % len(COUNTRIES)]
        PartnershipFactory(school=school, partner=PartnerPageFactory(country=country))
        ProgrammePageFactory(parent=school, delivery_country=country, programme_type=types[index % len(types)])
        YearlyReportFactory(school=school, year=2024 + index % 2, verified_at=timezone.now())


@pytest.fixture(scope="module")
def full_selection(module_db):
    """The national target reached: 300 selected schools, partners in 40 countries."""
    ensure_site_tree()
    schools = select_schools(300)
    add_catalogue(schools[: len(COUNTRIES)])
    return schools


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_progress_page_is_at_most_60_kb_at_the_national_target(client, full_selection, db, language):
    response = client.get(progress_url(language))
    assert response.status_code == 200
    assert len(response.content) <= MAX_HTML_BYTES, len(response.content)
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select(".world-map-block [data-country]")) == len(COUNTRIES)


def test_the_selected_schools_are_listed_a_page_at_a_time(client, full_selection, db):
    first = client.get(progress_url()).content.decode()
    second = client.get(progress_url(page=2)).content.decode()
    ordered = sorted(full_selection, key=lambda school: (int(school.title.rsplit(" ", 1)[1]) % 3, school.title_zh_hans))
    first_of_second_page = ordered[SELECTED_SCHOOLS_PER_PAGE]
    assert first_of_second_page.official_name_zh not in first
    assert first_of_second_page.official_name_zh in second
    assert 'href="?page=2#selected-heading"' in first
    # The figures count every selected school, not the page shown.
    assert "300 of 300" in first


def test_the_map_refers_to_the_static_outline_and_carries_no_shapes(client, full_selection, db):
    soup = BeautifulSoup(client.get(progress_url("ar")).content, "html.parser")
    world_map = soup.select_one(".world-map-block svg")
    assert not world_map.select("path")
    uses = world_map.select("use")
    assert uses and all(use["href"].startswith(f"{settings.STATIC_URL}{WORLD_OUTLINE}#") for use in uses)
    # The figures the map draws stay in the page as a table (and read right to left in Arabic).
    assert soup.html["dir"] == "rtl"
    table = soup.select_one('section[aria-labelledby="map-heading"] table')
    assert len(table.select("tbody tr")) == len(COUNTRIES)


def test_every_coloured_country_is_in_the_static_outline():
    outline = BeautifulSoup(WORLD_OUTLINE_PATH.read_text(encoding="utf-8"), "html.parser")
    ids = {path["id"] for path in outline.select("#world path[id]")}
    assert set(COUNTRIES) | {"CN"} <= ids
    assert finders.find(WORLD_OUTLINE) == str(WORLD_OUTLINE_PATH)


def test_the_committed_outline_is_what_draw_world_map_draws():
    """Run ``manage.py draw_world_map`` after changing the shapes or how they are drawn."""
    assert WORLD_OUTLINE_PATH.read_text(encoding="utf-8") == world_outline()


def count_queries(client, url):
    client.get(url)  # warm caches that live across requests (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_progress_page_queries_do_not_grow_with_the_schools(client, home):
    counts = []
    for size in (5, 50):
        schools = select_schools(size, first=(len(counts) + 1) * 1000)  # beside the module's 300
        add_catalogue(schools)
        counts.append(count_queries(client, progress_url()))
    assert counts[0] == counts[1] <= MAX_QUERIES, counts
