"""Images of public pages are renditions sized for their slot: a srcset of
widths (1× and 2× screens), a WebP <source> for the browsers that take it,
width and height on the <img> (no layout shift), and lazy loading below the
fold. The number of queries of a page does not grow with the number of its
pictures (their renditions are prefetched, or kept with the facet index)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from bs4 import BeautifulSoup

from programmes.models import ProgrammePicture, SchoolIndexPage
from search.shortlist import SESSION_KEY, SHORTLIST_COOKIE
from tests.factories import ProgrammePageFactory, SchoolPageFactory


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


def assert_logo_at_1x_and_2x_with_webp(picture):
    """A result card's 32 px logo: WebP for 1x and 2x screens, a PNG for the
    browsers without WebP, its size given, loaded lazily, no text (the school's
    name is beside it)."""
    webp = picture.select_one('source[type="image/webp"]')
    one, two = webp["srcset"].split(", ")
    assert ".fill-32x32." in one and two.endswith(" 2x") and ".fill-64x64." in two
    img = picture.img
    assert (img["width"], img["height"], img["alt"], img["loading"]) == ("32", "32", "", "lazy")
    assert img["src"].endswith(".png")


def queries_and_response(client, url):
    client.get(url)  # renditions are made (and the facet index built) on the first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries), response


def add_schools_with_logos(count):
    for _ in range(count):
        ProgrammePageFactory(parent=SchoolPageFactory(logo=image("logo", (300, 300))))


def test_catalogue_card_logos_are_webp_at_1x_and_2x_and_cost_no_query_each(client, home, settings):
    settings.CATALOGUE_PAGE_CACHE = False
    url = reverse("search:catalogue")
    add_schools_with_logos(5)
    few, response = queries_and_response(client, url)
    logos = pictures(response.content)
    assert len(logos) == 5
    for logo in logos:
        assert_logo_at_1x_and_2x_with_webp(logo)
    add_schools_with_logos(45)  # 50 schools, 50 logos in the facet index, 15 on a page of results
    many, response = queries_and_response(client, url)
    assert len(pictures(response.content)) == 15
    assert many == few


def test_shortlist_card_logos_are_webp_at_1x_and_2x_and_cost_no_query_each(client, home):
    def shortlist_queries(programmes):
        session = client.session
        session[SESSION_KEY] = [programme.pk for programme in programmes]
        session.save()
        client.cookies[SHORTLIST_COOKIE] = "1"
        return queries_and_response(client, reverse("search:shortlist"))

    programmes = [ProgrammePageFactory(parent=SchoolPageFactory(logo=image("logo", (300, 300)))) for _ in range(5)]
    few, response = shortlist_queries(programmes[:2])
    assert len(pictures(response.content)) == 2
    many, response = shortlist_queries(programmes)
    for logo in pictures(response.content):
        assert_logo_at_1x_and_2x_with_webp(logo)
    assert len(pictures(response.content)) == 5 and many == few


def test_programme_page_pictures_are_responsive_with_webp_and_cost_no_query_each(client, home, settings):
    settings.PAGE_CACHE = False
    programme = ProgrammePageFactory()

    def add_pictures(count):
        for number in range(count):
            ProgrammePicture.objects.create(
                programme=programme, image=image("workshop", (1600, 1200)), caption=f"Workshop {number}"
            )

    add_pictures(1)
    few, response = queries_and_response(client, programme.url)
    (photo,) = pictures(response.content)
    assert_responsive(photo, [400, 800, 1200])
    assert photo.img["loading"] == "lazy" and photo.img["alt"] == "Workshop 0"
    assert photo.img["src"].endswith(".jpg")
    add_pictures(4)
    # The page's own rows are kept per public version: an editor's pictures
    # reach the public page when the page is published.
    programme.save_revision().publish()
    many, response = queries_and_response(client, programme.url)
    assert len(pictures(response.content)) == 5
    assert many == few
