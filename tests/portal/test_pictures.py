"""Images of public pages are renditions sized for their slot: a srcset of
widths (1× and 2× screens), a WebP <source> for the browsers that take it,
width and height on the <img> (no layout shift), and lazy loading below the
fold. The number of queries of the school directory does not grow with the
number of logos (their renditions are prefetched)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from bs4 import BeautifulSoup

from programmes.models import SchoolIndexPage
from tests.factories import SchoolPageFactory


def image(title, size):
    return Image.objects.create(title=title, file=get_test_image_file(size=size))


def pictures(html):
    return BeautifulSoup(html, "html.parser").select("main picture")


def assert_responsive(picture, widths):
    webp = picture.select_one('source[type="image/webp"]')
    img = picture.select_one("img")
    assert webp is not None and webp["sizes"]
    assert [candidate.split()[1] for candidate in webp["srcset"].split(", ")] == [f"{width}w" for width in widths]
    assert img["srcset"] and img["sizes"] and img["width"] and img["height"]


def test_school_profile_logo_and_picture_are_responsive_with_webp(client, home):
    school = SchoolPageFactory(logo=image("logo", (300, 300)), image=image("campus", (1600, 900)))
    logo, campus = pictures(client.get(school.url).content)
    assert_responsive(logo, [96, 192])
    assert (logo.img["width"], logo.img["height"]) == ("96", "96")
    assert not logo.img.has_attr("loading"), "the logo is at the top of the page"
    assert_responsive(campus, [400, 800, 1200])
    assert campus.img["loading"] == "lazy"


def test_school_directory_logos_are_responsive_and_cost_no_query_each(client, home):
    def directory_queries():
        client.get(SchoolIndexPage.objects.get().url)  # renditions are made on the first view
        with CaptureQueriesContext(connection) as queries:
            response = client.get(SchoolIndexPage.objects.get().url)
        return len(queries), response

    SchoolPageFactory(logo=image("logo", (300, 300)))
    few, response = directory_queries()
    (logo,) = pictures(response.content)
    assert_responsive(logo, [64, 128])
    assert logo.img["loading"] == "lazy"
    for _ in range(4):
        SchoolPageFactory(logo=image("logo", (300, 300)))
    many, response = directory_queries()
    assert len(pictures(response.content)) == 5
    assert many == few
