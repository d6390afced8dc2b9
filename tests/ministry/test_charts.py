"""The portal's own SVG charts: right to left on Arabic pages, each batch
against its quota, text that stays readable on a phone, a map that is a
picture and not 32 extra Tab stops."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone, translation

import pytest
from bs4 import BeautifulSoup

from ministry import charts
from portal.site_tree import ensure_site_tree
from programmes.batches import record_decision
from tests.factories import BatchFactory, PartnerPageFactory, PartnershipFactory, SchoolPageFactory

# The content width of a 390 px phone (the page's padding taken off).
PHONE_CONTENT_WIDTH = 358


def svg_of(markup):
    return BeautifulSoup(str(markup), "html.parser").select_one("svg")


def bars(svg):
    return svg.select("rect.chart__bar")


def test_a_batch_is_drawn_against_its_quota_not_against_the_largest_batch():
    svg = svg_of(charts.bar_chart([("First batch", 15, 100), ("Second batch", 0, 100)], "Batches"))
    track = svg.select_one("rect.chart__track")
    first = bars(svg)[0]
    assert float(first["width"]) == pytest.approx(float(track["width"]) * 0.15, abs=0.1)
    assert "15 of 100" in svg.get_text()


def test_without_totals_bars_share_one_scale():
    svg = svg_of(charts.bar_chart([("East", 10), ("West", 5)], "Regions"))
    first, second = (float(bar["width"]) for bar in bars(svg))
    assert second == pytest.approx(first / 2, abs=0.1)


def test_bars_grow_from_the_right_on_arabic_pages():
    with translation.override("ar"):
        svg = svg_of(charts.bar_chart([("الدفعة الأولى", 15, 100)], "الدفعات"))
    assert svg["direction"] == "rtl"
    width = float(svg["viewbox"].split()[2])
    bar, track = bars(svg)[0], svg.select_one("rect.chart__track")
    # The bar ends on the right edge, where the track ends.
    assert float(bar["x"]) + float(bar["width"]) == pytest.approx(width, abs=0.1)
    assert float(track["x"]) + float(track["width"]) == pytest.approx(width, abs=0.1)
    label = svg.select("text")[0]
    assert float(label["x"]) == pytest.approx(width)


def test_progress_bar_fills_from_the_right_on_arabic_pages():
    with translation.override("ar"):
        svg = svg_of(charts.progress_bar(30, 300, "التقدم"))
    width = float(svg["viewbox"].split()[2])
    bar = bars(svg)[0]
    assert svg["direction"] == "rtl"
    assert float(bar["x"]) == pytest.approx(width * 0.9, abs=0.1)


@pytest.mark.parametrize(
    "svg_markup",
    [
        charts.bar_chart([("Overseas training centre / workshop abroad", 3), ("Short course", 1)], "Types"),
        charts.progress_bar(15, 300, "Progress"),
    ],
)
def test_chart_text_is_at_least_12_px_on_a_390_px_phone(svg_markup):
    svg = svg_of(svg_markup)
    width = float(svg["viewbox"].split()[2])
    scale = min(1, PHONE_CONTENT_WIDTH / width)
    sizes = [float(text["font-size"]) for text in svg.select("text")]
    assert sizes and min(sizes) * scale >= 12


def test_numbers_in_charts_follow_the_readers_format():
    with translation.override("fr"):
        svg = svg_of(charts.bar_chart([("Est", 1234)], "Régions"))
    assert re.search(r"1\s234", svg.get_text())


def test_world_map_is_decorative_and_out_of_the_tab_order():
    svg = svg_of(charts.world_map({"FR": ("France: 1 partnership", "/en/catalogue/?country=FR")}, "Map"))
    assert svg["aria-hidden"] == "true" and not svg.has_attr("role")
    links = svg.select("a")
    assert links and all(link["tabindex"] == "-1" for link in links)


@pytest.fixture
def selected_school(home):
    ensure_site_tree()
    batch = BatchFactory(number=1, quota=100)
    school = SchoolPageFactory()
    record_decision(school, batch, "selected", timezone.localdate() - datetime.timedelta(days=1))
    PartnershipFactory(school=school, partner=PartnerPageFactory(country="FR"))
    return school


@pytest.mark.usefixtures("selected_school")
def test_progress_page_draws_batches_against_quota_and_labels_every_cell(client):
    with translation.override("ar"):
        url = reverse("progress")
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    batch_chart = soup.select_one('section[aria-labelledby="batches-heading"] svg')
    assert batch_chart["direction"] == "rtl"
    assert "1 من 100" in batch_chart.get_text()
    cells = soup.select(".data-table tbody tr > *")
    assert cells and all(cell.get("data-label") for cell in cells if not cell.has_attr("colspan"))
    # The map's links are not focusable: the table below holds the same links.
    assert not soup.select(".world-map-block a:not([tabindex='-1'])")
