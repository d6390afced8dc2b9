"""Being found: the sitemap with its language alternates, robots.txt, canonical
URLs, link previews (Open Graph, Twitter cards), schema.org on the request's
host, the Atom feed of new programmes, and the site search's empty state."""

import json
import xml.etree.ElementTree as ET
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from partners.models import PartnerIndexPage
from programmes.models import SchoolIndexPage
from tests.factories import PartnerPageFactory, ProgrammePageFactory, SchoolPageFactory

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"
LANGUAGES = ["en", "zh-hans", "fr", "es", "ru", "ar"]


@pytest.fixture
def hosts(settings):
    settings.ALLOWED_HOSTS = ["portal.example.org", "staging.example.net", "testserver"]


def url_in(page, language):
    with translation.override(language):
        return page.url


def sitemap_entries(client, url="/sitemap.xml", **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    entries = {}
    for node in root.iter(f"{SITEMAP}url"):
        location = node.find(f"{SITEMAP}loc").text
        entries[location] = {link.get("hreflang"): link.get("href") for link in node.iter(f"{XHTML}link")}
    return entries


def head(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def meta(soup, name):
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


# --- sitemap -------------------------------------------------------------------


def test_sitemap_lists_a_school_in_every_language_with_its_own_slugs(client, home):
    school = SchoolPageFactory(slug="shenzhen-poly", slug_fr="poly-shenzhen", slug_zh_hans="shenzhen-zhiye")
    entries = sitemap_entries(client)
    expected = {code: f"http://testserver{url_in(school, code)}" for code in LANGUAGES}
    assert expected["fr"] == "http://testserver/fr/schools/poly-shenzhen/"
    assert expected["zh-hans"] == "http://testserver/zh-hans/schools/shenzhen-zhiye/"
    for code, location in expected.items():
        assert entries[location] == {**expected, "x-default": expected["en"]}, code
    # Each alternate really is the page in that language.
    assert client.get("/fr/schools/poly-shenzhen/").status_code == 200


def test_sitemap_lists_every_public_page_and_view(client, home):
    programme = ProgrammePageFactory()
    partner = PartnerPageFactory()
    entries = sitemap_entries(client)
    for page in [
        home,
        SchoolIndexPage.objects.get(),
        programme.get_parent(),
        programme,
        PartnerIndexPage.objects.get(),
    ]:
        assert f"http://testserver{url_in(page, 'ar')}" in entries
    assert f"http://testserver{url_in(partner, 'ru')}" in entries
    for name in ["search:catalogue", "search:ranking", "progress"]:
        for code in LANGUAGES:
            with translation.override(code):
                assert f"http://testserver{reverse(name)}" in entries
    assert not any("/search/" in location for location in entries)


def test_sitemap_leaves_out_drafts_and_restricted_pages_but_keeps_samples(client, home):
    draft = SchoolPageFactory(live=False)
    restricted = SchoolPageFactory()
    hidden_programme = ProgrammePageFactory(parent=restricted)
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="secret")
    sample = SchoolPageFactory(is_sample=True)
    entries = "\n".join(sitemap_entries(client))
    assert url_in(sample, "en") in entries
    for page in (draft, restricted, hidden_programme):
        assert f"/{page.slug}/" not in entries


@pytest.mark.usefixtures("hosts")
def test_sitemap_follows_the_request_host(client, home):
    entries = sitemap_entries(client, HTTP_HOST="staging.example.net")
    assert entries and all(location.startswith("http://staging.example.net/") for location in entries)


def test_sitemap_costs_the_same_queries_for_ten_or_sixty_schools(client, home):
    sitemap_entries(client)  # a running process has its site root paths cached
    counts = []
    for size in (10, 50):
        for _ in range(size - len(counts) * 10):
            ProgrammePageFactory()
        with CaptureQueriesContext(connection) as queries:
            entries = sitemap_entries(client)
        assert len(entries) >= size * 2 * len(LANGUAGES)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_large_sitemap_becomes_an_index_of_files(client, home, monkeypatch):
    from portal.crawlers import PageSitemap

    for _ in range(3):
        SchoolPageFactory()
    monkeypatch.setattr(PageSitemap, "limit", 2)
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    files = [node.text for node in root.iter(f"{SITEMAP}loc")]
    assert "http://testserver/sitemap-pages.xml" in files
    assert "http://testserver/sitemap-pages.xml?p=3" in files
    first = sitemap_entries(client, "/sitemap-pages.xml")
    third = sitemap_entries(client, "/sitemap-pages.xml?p=3")
    assert len(first) == 2 * len(LANGUAGES)
    assert not set(first) & set(third)
    assert client.get("/sitemap-pages.xml?p=9").status_code == 404


# --- robots.txt ------------------------------------------------------------------


@pytest.mark.usefixtures("hosts")
def test_robots_txt_keeps_crawlers_out_of_the_admin_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt", HTTP_HOST="portal.example.org")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    for path in ["/admin/", "/django-admin/", "/api/", "/en/search/", "/ar/search/"]:
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines
    assert "Sitemap: http://portal.example.org/sitemap.xml" in lines


# --- head tags -------------------------------------------------------------------


def test_every_page_type_has_its_canonical_url_in_the_readers_language(client, home):
    programme = ProgrammePageFactory(title="CNC centre", title_fr="Centre CNC", slug_fr="centre-cnc")
    school = programme.get_parent().specific
    partner = PartnerPageFactory()
    pages = [home, SchoolIndexPage.objects.get(), school, programme, PartnerIndexPage.objects.get(), partner]
    for page in pages:
        url = url_in(page, "fr")
        soup = head(client, f"{url}?page=2&sort=name")
        assert soup.find("link", rel="canonical")["href"] == f"http://testserver{url}"
        assert meta(soup, "og:url") == f"http://testserver{url}"
        alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", hreflang=True)}
        assert alternates["en"] == f"http://testserver{url_in(page, 'en')}"
        assert alternates["x-default"] == alternates["en"]
        assert "?" not in "".join(alternates.values())
    soup = head(client, url_in(programme, "fr"))
    assert meta(soup, "og:title") == "Centre CNC"
    assert meta(soup, "og:locale") == "fr_FR"
    assert {tag["content"] for tag in soup.find_all("meta", property="og:locale:alternate")} == {
        "en_GB",
        "zh_CN",
        "es_ES",
        "ru_RU",
        "ar_AR",
    }


def test_catalogue_canonical_keeps_one_filter_and_drops_search_sort_and_page(client, home):
    with translation.override("es"):
        catalogue = reverse("search:catalogue")
    base = f"http://testserver{catalogue}"
    assert head(client, catalogue).find("link", rel="canonical")["href"] == base
    one_filter = head(client, f"{catalogue}?country=ke&sort=newest&page=2")
    assert one_filter.find("link", rel="canonical")["href"] == f"{base}?country=KE"
    for noise in ["?q=cnc", "?country=KE&country=TH", "?country=KE&level=higher", "?sort=name"]:
        assert head(client, catalogue + noise).find("link", rel="canonical")["href"] == base, noise


def test_search_results_and_forms_are_not_indexed(client, home):
    school = SchoolPageFactory()
    for url in [reverse("search:search") + "?q=cnc", reverse("partners:enquiry", args=[school.pk])]:
        soup = head(client, url)
        assert soup.find("link", rel="canonical") is None
        assert meta(soup, "robots") == "noindex, follow"


def test_link_previews_show_the_school_picture_else_the_site_picture(client, home):
    image = Image.objects.create(title="Campus", file=get_test_image_file(size=(1600, 900)))
    school = SchoolPageFactory(image=image, introduction="<p>A <b>college</b> in Shenzhen.</p>")
    programme = ProgrammePageFactory(parent=school)
    partner = PartnerPageFactory()
    for page in (school, programme):
        soup = head(client, page.url)
        picture = meta(soup, "og:image")
        assert picture.startswith("http://testserver/") and "fill-1200x630" in picture
        assert meta(soup, "twitter:card") == "summary_large_image"
        assert meta(soup, "twitter:image") == picture
        assert meta(soup, "og:image:alt") == "Campus"
    assert meta(head(client, school.url), "og:description") == "A college in Shenzhen."
    soup = head(client, partner.url)
    assert meta(soup, "og:image") == "http://testserver/static/portal/img/og-default.png"


def test_progress_and_catalogue_previews_use_their_own_titles(client, home):
    with translation.override("fr"):
        soup = head(client, reverse("progress"))
    assert meta(soup, "og:title") == "Avancement vers l’objectif national"
    assert soup.find("link", rel="canonical")["href"] == "http://testserver/fr/progress/"


# --- schema.org ------------------------------------------------------------------


def json_ld(client, url, **extra):
    soup = head(client, url, **extra)
    return json.loads(soup.select_one('script[type="application/ld+json"]').string)


@pytest.mark.usefixtures("hosts")
def test_schema_org_urls_follow_the_request_host(client, home):
    programme = ProgrammePageFactory()
    school = programme.get_parent().specific
    partner = PartnerPageFactory()
    for host in ("portal.example.org", "staging.example.net"):
        assert json_ld(client, school.url, HTTP_HOST=host)["url"] == f"http://{host}{school.url}"
        data = json_ld(client, programme.url, HTTP_HOST=host)
        assert data["url"] == f"http://{host}{programme.url}"
        assert data["provider"]["url"] == f"http://{host}{school.url}"
        assert json_ld(client, partner.url, HTTP_HOST=host)["url"] == f"http://{host}{partner.url}"
        assert "localhost" not in json.dumps(data)


@pytest.mark.usefixtures("hosts")
def test_home_page_describes_the_website_and_its_catalogue_search(client, home):
    url = url_in(home, "ar")
    graph = {node["@type"]: node for node in json_ld(client, url, HTTP_HOST="portal.example.org")["@graph"]}
    site = graph["WebSite"]
    assert site["url"] == f"http://portal.example.org{url}"
    assert site["inLanguage"] == "ar"
    assert site["potentialAction"]["target"]["urlTemplate"] == (
        "http://portal.example.org/ar/programmes/?q={search_term_string}"
    )
    assert site["publisher"]["@id"] == graph["Organization"]["@id"]


# --- Atom feed -------------------------------------------------------------------


def parse_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_feed_lists_new_programmes_newest_first_in_the_readers_language(client, home):
    now = timezone.now()
    old = ProgrammePageFactory(title="Welding course", title_fr="Cours de soudure", slug_fr="soudure")
    new = ProgrammePageFactory(title="Nursing exchange", description="<p>Care <b>training</b>.</p>")
    for page, age in ((old, 10), (new, 1)):
        type(page).objects.filter(pk=page.pk).update(first_published_at=now - timedelta(days=age))

    with translation.override("fr"):
        feed_url = reverse("programme-feed")
    assert feed_url == "/fr/programmes/feed/"
    feed = parse_feed(client, feed_url)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert feed.find(f"{ATOM}title").text == "Nouveaux programmes internationaux"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == ["Nursing exchange", "Cours de soudure"]
    assert entries[1].find(f"{ATOM}link").get("href") == f"http://testserver{url_in(old, 'fr')}"
    assert entries[0].find(f"{ATOM}summary").text == "Care training."
    assert entries[0].find(f"{ATOM}author/{ATOM}name").text == new.get_parent().title
    for entry in entries:
        assert entry.find(f"{ATOM}id").text and entry.find(f"{ATOM}updated").text

    english = parse_feed(client, "/en/programmes/feed/")
    assert [entry.find(f"{ATOM}title").text for entry in english.findall(f"{ATOM}entry")][1] == "Welding course"


def test_feed_leaves_out_drafts_and_is_linked_from_home_and_catalogue(client, home):
    ProgrammePageFactory(title="Unpublished", live=False)
    feed = parse_feed(client, "/en/programmes/feed/")
    assert "Unpublished" not in ET.tostring(feed, encoding="unicode")
    for url in [url_in(home, "zh-hans"), "/zh-hans/programmes/"]:
        link = head(client, url).find("link", type="application/atom+xml")
        assert link["href"] == "/zh-hans/programmes/feed/"


# --- site search -----------------------------------------------------------------


def test_site_search_with_no_match_helps_the_reader_on(client, home):
    ProgrammePageFactory(title="Mechatronics training")
    response = client.get("/en/search/?q=zzyzx")
    soup = BeautifulSoup(response.content, "html.parser")
    empty = soup.find(class_="search-empty")
    assert "zzyzx" in empty.find("h2").text
    links = [a["href"] for a in soup.find_all("a")]
    assert "/en/programmes/?q=zzyzx" in links
    popular = soup.find(class_="search-popular")
    assert popular.find("a")["href"].startswith("/en/programmes/?field=")
    assert soup.find(class_="search-group") is None


def test_site_search_with_matches_shows_them_without_the_empty_state(client, home):
    ProgrammePageFactory(title="Mechatronics training")
    soup = BeautifulSoup(client.get("/en/search/?q=mechatronics").content, "html.parser")
    assert soup.find(class_="search-empty") is None
    assert "Mechatronics training" in " ".join(group.text for group in soup.find_all(class_="search-group"))


def test_home_page_title_does_not_repeat_the_portal_name(client, home):
    title = head(client, url_in(home, "en")).find("title").text
    assert title.count("Vocational Education International Portal") <= 1


def test_former_names_are_listed_without_stray_spaces(client, home):
    school = SchoolPageFactory(former_names="Old College; Older Institute")
    assert json_ld(client, school.url)["alternateName"][1:] == ["Old College", "Older Institute"]
