"""HTML kept per public version in each process (``portal.fragments``): the
base layout's header and search-engine head, the directories' cards, the
school profile's, programme page's, site search's and progress page's
content. With the page caches off (what ``benchmarks/run.py`` calls
uncached), a page served again is written from them, and whatever a publish
changes shows on the next request; nothing of one visitor (CSRF token,
shortlist, messages) is ever kept, and a preview neither uses nor fills them."""

import re

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from partners.models import PartnerIndexPage
from portal.fragments import kept_fragments
from portal.site_tree import set_translations
from programmes.models import SchoolIndexPage
from tests.factories import (
    BatchFactory,
    BatchSelectionFactory,
    PartnerPageFactory,
    PartnershipFactory,
    ProgrammePageFactory,
    SchoolPageFactory,
)

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# What each response has of its own: its CSRF token and its CSP nonce.
OWN = re.compile(rb'(?<=name="csrfmiddlewaretoken" value=")[^"]+|(?<=nonce=")[^"]+')


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.PAGE_CACHE = False
    settings.CATALOGUE_PAGE_CACHE = False
    settings.PAGE_HTML_KEPT = True


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def twice(client, url):
    """The page written, then served again from what was kept: the same."""
    first = client.get(url).content
    again = client.get(url).content
    assert OWN.sub(b"", again) == OWN.sub(b"", first)
    return BeautifulSoup(again, "html.parser")


def republish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_directory_cards_follow_publishing(client, home):
    school = SchoolPageFactory(title="Alpha Polytechnic")
    partner = PartnerPageFactory(title="Lycée Lumière")
    schools, partners = SchoolIndexPage.objects.get().url, PartnerIndexPage.objects.get().url
    assert [h2.get_text(strip=True) for h2 in twice(client, schools).select(".card h2")] == ["Alpha Polytechnic"]
    assert [h2.get_text(strip=True) for h2 in twice(client, partners).select(".card h2")] == ["Lycée Lumière"]
    republish(school, title="Alpha University")
    republish(partner, title="Lycée Lumière de Lyon")
    assert [h2.get_text(strip=True) for h2 in soup(client, schools).select(".card h2")] == ["Alpha University"]
    assert [h2.get_text(strip=True) for h2 in soup(client, partners).select(".card h2")] == ["Lycée Lumière de Lyon"]
    school.unpublish()
    assert soup(client, schools).select(".card h2") == []


@pytest.mark.parametrize("page_html_kept", [True, False], ids=["page HTML kept", "what is kept per item only"])
def test_school_profile_follows_its_rows_and_pages(client, home, settings, page_html_kept):
    settings.PAGE_HTML_KEPT = page_html_kept
    school = SchoolPageFactory(title="Alpha Polytechnic")
    page = twice(client, school.url)
    assert page.h1.get_text(strip=True) == "Alpha Polytechnic"
    assert "CNC centre" not in page.get_text()
    ProgrammePageFactory(parent=school, title="CNC centre")
    PartnershipFactory(school=school, partner=PartnerPageFactory(title="Lycée Lumière"))
    text = soup(client, school.url).get_text()
    assert "CNC centre" in text and "Lycée Lumière" in text
    republish(school, title="Alpha University")
    assert soup(client, school.url).h1.get_text(strip=True) == "Alpha University"


@pytest.mark.parametrize("page_html_kept", [True, False], ids=["page HTML kept", "what is kept per item only"])
def test_programme_page_follows_its_partners_and_schools(client, home, settings, page_html_kept):
    """The rows a programme page is written from (its lead school, partners,
    co-operating schools), kept in the process per public version
    (``shared_value``), follow a publish elsewhere on the next request."""
    settings.PAGE_HTML_KEPT = page_html_kept
    school = SchoolPageFactory(title="Alpha Polytechnic")
    programme = ProgrammePageFactory(parent=school, title="CNC centre")
    assert "Lycée Lumière" not in twice(client, programme.url).get_text()
    partner = PartnerPageFactory(title="Lycée Lumière")
    programme.partner_links.create(partner=partner)
    republish(programme)
    assert "Lycée Lumière" in twice(client, programme.url).get_text()
    republish(partner, title="Lycée Lumière de Lyon")
    republish(school, title="Alpha University")
    text = soup(client, programme.url).get_text()
    assert "Lycée Lumière de Lyon" in text and "Alpha University" in text
    partner.unpublish()
    assert "Lycée Lumière" not in soup(client, programme.url).get_text()


def test_shared_values_are_built_once_and_read_once_per_process_and_version(rf, home, monkeypatch):
    """``shared_value``: built once per public version for every process
    (through the shared cache), then read from the process's memory without
    reading or unpickling the cache again; a new version builds it again."""
    from django.core.cache import cache

    from portal import fragments
    from portal.public_version import invalidate_catalogue_cache

    built = []

    def build():
        built.append(1)
        return {"rows": [len(built)]}

    request = rf.get("/en/")
    first = fragments.shared_value(request, "test-rows", 7, build)
    assert first == {"rows": [1]} and built == [1]
    # The same object again, to a later request of this process, the cache untouched.
    reads = []
    real_get = cache.get
    with monkeypatch.context() as patched:
        patched.setattr(cache, "get", lambda key, *args, **kwargs: reads.append(key) or real_get(key, *args, **kwargs))
        assert fragments.shared_value(rf.get("/en/"), "test-rows", 7, build) is first
    assert not [key for key in reads if "test-rows" in key]
    # Another process (nothing in its memory) reads it from the shared cache.
    monkeypatch.setattr(fragments, "_kept", fragments._Kept(None))
    assert fragments.shared_value(rf.get("/en/"), "test-rows", 7, build) == {"rows": [1]}
    assert built == [1]
    invalidate_catalogue_cache()
    assert fragments.shared_value(rf.get("/en/"), "test-rows", 7, build) == {"rows": [2]}
    # Without a request: built each time.
    assert fragments.shared_value(None, "test-rows", 7, build) == {"rows": [3]}


def test_programme_page_follows_publishing_and_keeps_each_visitor_own_parts(home):
    programme = ProgrammePageFactory(title="CNC centre", description="<p>Five workshops.</p>")
    first, second = Client(), Client()
    one = first.get(programme.url).content.decode()
    two = second.get(programme.url).content.decode()
    # Each visitor's own token in the enquiry form, written for each request.
    assert TOKEN.search(one).group(1) != TOKEN.search(two).group(1)
    # A shortlisted programme shows so to that visitor only.
    second.cookies["shortlist"] = str(programme.pk)
    starred = second.get(programme.url).content
    assert starred != first.get(programme.url).content
    assert OWN.sub(b"", first.get(programme.url).content) == OWN.sub(b"", one.encode())
    republish(programme, title="CNC and robotics centre", description="<p>Six workshops.</p>")
    page = soup(first, programme.url)
    assert page.h1.get_text(strip=True) == "CNC and robotics centre"
    assert "Six workshops." in page.get_text()


@pytest.mark.parametrize("page_html_kept", [True, False], ids=["page HTML kept", "what is kept per item only"])
def test_header_and_head_follow_a_renamed_page_and_the_host(home, settings, page_html_kept):
    settings.PAGE_HTML_KEPT = page_html_kept
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    school = SchoolPageFactory(title="Alpha Polytechnic", slug="alpha")
    one, two = Client(HTTP_HOST="one.example"), Client(HTTP_HOST="two.example")
    page = twice(one, school.url)
    assert page.select_one('.language-switcher a[hreflang="fr"]')["href"] == "/fr/schools/alpha/"
    assert page.select_one('link[rel="canonical"]')["href"] == "http://one.example/en/schools/alpha/"
    assert twice(two, school.url).select_one('link[rel="canonical"]')["href"] == "http://two.example/en/schools/alpha/"
    set_translations(school, "slug", {"en": "alpha", "fr": "alpha-fr"})
    republish(school)
    page = soup(one, school.url)
    assert page.select_one('.language-switcher a[hreflang="fr"]')["href"] == "/fr/schools/alpha-fr/"
    assert page.select_one('link[rel="alternate"][hreflang="fr"]')["href"] == "http://one.example/fr/schools/alpha-fr/"
    # The query a visitor came with stays in the switcher's links.
    assert (
        soup(one, f"{school.url}?utm=x").select_one('.language-switcher a[hreflang="ar"]')["href"]
        == "/ar/schools/alpha/?utm=x"
    )
    # A directory renamed: the main menu of every page follows.
    directory = SchoolIndexPage.objects.get()
    set_translations(directory, "slug", {"en": "colleges"})
    republish(directory)
    school.refresh_from_db()
    assert soup(one, "/en/progress/").select_one(".main-nav a")["href"] == "/en/colleges/"
    assert soup(two, "/en/progress/").select_one(".main-nav a")["href"] == "/en/colleges/"
    assert soup(one, "/fr/progress/").select_one(".main-nav a").get_text() == "Établissements"


@pytest.mark.parametrize("page_html_kept", [True, False], ids=["page HTML kept", "what is kept per item only"])
def test_site_search_and_progress_follow_publishing(client, home, settings, page_html_kept):
    settings.PAGE_HTML_KEPT = page_html_kept
    school = SchoolPageFactory(title="Zeppelin Polytechnic")

    def found(url):
        return [link.get_text(" ", strip=True) for link in soup(client, url).select(".search-group li > a")]

    assert found("/en/search/?q=Zeppelin") == ["Zeppelin Polytechnic"]
    assert found("/en/search/?q=Zeppelin") == ["Zeppelin Polytechnic"]
    assert found("/en/search/?q=Airship") == []
    republish(school, title="Airship Polytechnic")
    assert found("/en/search/?q=Airship") == ["Airship Polytechnic"]
    progress = twice(client, "/en/progress/")
    before = progress.select_one(".figure-list").get_text(" ", strip=True)
    assert "No batch has been announced yet." in progress.select(".data-table")[0].get_text()
    BatchSelectionFactory(batch=BatchFactory(number=1), school=school)
    progress = soup(client, "/en/progress/")
    assert progress.select_one(".figure-list").get_text(" ", strip=True) != before
    # The tables around the paged list of selected schools follow too.
    batches = progress.select(".data-table")[0]
    assert "No batch has been announced yet." not in batches.get_text()
    assert batches.select("tbody tr td")[-1].get_text() == "1"


def test_a_preview_neither_uses_nor_fills_what_is_kept(home):
    # On the site's own host, the preview's: the same keys but for the preview.
    client = Client(HTTP_HOST="localhost")
    school = SchoolPageFactory(title="Alpha Polytechnic")
    school.title = "Draft title"
    school.save_revision()

    def preview_heading():
        with translation.override("en"):
            response = school.make_preview_request()
        return BeautifulSoup(response.render().content, "html.parser").h1.get_text(strip=True)

    assert preview_heading() == "Draft title"
    assert twice(client, school.url).h1.get_text(strip=True) == "Alpha Polytechnic"
    assert preview_heading() == "Draft title"


def test_nothing_of_a_visitor_is_kept(home):
    """A signed-in editor's and a visitor's pages are written from the same
    kept fragments, and no fragment holds a token or a nonce."""
    school = SchoolPageFactory(title="Alpha Polytechnic")
    ProgrammePageFactory(parent=school, title="CNC centre")
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    signed_in = Client()
    signed_in.force_login(editor)
    visitor = Client()
    for client in (signed_in, visitor):
        for url in (school.url, "/en/search/?q=CNC", "/en/progress/", SchoolIndexPage.objects.get().url):
            assert client.get(url).status_code == 200
    request = visitor.get(school.url).wsgi_request
    kept = [
        value
        for name in (
            f"{kind}:en:http://testserver" for kind in ("site-header", "seo-head", "school-profile", "progress")
        )
        for value in kept_fragments(request, name).values()
    ]
    assert kept
    for value in kept:
        assert "csrfmiddlewaretoken" not in value and "nonce" not in value and "editor" not in value


def test_a_page_written_without_keeping_gets_the_values_themselves(client, home):
    """A request that keeps nothing (here a POST) writes the page from the
    view's lazy values worked out: a count chooses an Arabic plural."""
    school = SchoolPageFactory(title="Alpha Polytechnic")
    for number in range(14):
        ProgrammePageFactory(parent=school, title=f"Programme {number}")
    with translation.override("ar"):
        url = school.url
    for response in (client.post(url), client.get(url)):
        assert response.status_code == 200
        assert "14" in BeautifulSoup(response.content, "html.parser").select_one(".more-link").get_text()


def test_page_html_is_not_kept_when_the_page_caches_are_off(settings, client):
    """With ``PAGE_HTML_KEPT`` off (the page caches off: the benchmark's
    "uncached"), a page is written on every request: a change made behind the
    public version's back shows at once."""
    settings.PAGE_HTML_KEPT = False
    from portal.fragments import fragment

    calls = []
    assert fragment(None, "test", "/en/", lambda: calls.append(1) or "one") == "one"
    assert fragment(None, "test", "/en/", lambda: calls.append(2) or "two") == "two"
    assert calls == [1, 2]
    settings.PAGE_HTML_KEPT = True
    assert fragment(None, "test", "/en/", lambda: calls.append(3) or "three") == "three"
    assert fragment(None, "test", "/en/", lambda: calls.append(4) or "four") == "three"
    assert calls == [1, 2, 3]


def test_the_page_and_site_a_request_is_routed_to_are_shared_and_left_as_they_were(home):
    """The site and page objects routing keeps in the process
    (``shared_value``) serve every request of their version: serving the
    page to other visitors, in other languages, sets nothing on them."""
    from portal import fragments

    programme = ProgrammePageFactory(title="CNC centre")
    visitor = Client()
    assert visitor.get(programme.url).status_code == 200
    shared = [*fragments.kept_fragments(None, "page").values(), *fragments.kept_fragments(None, "site").values()]
    assert {type(value).__name__ for value in shared} >= {"ProgrammePage", "Site"}
    before = [dict(vars(value)) for value in shared]
    starred = Client()
    starred.cookies["shortlist"] = str(programme.pk)
    for language in ("ar", "zh-hans", "fr"):
        with translation.override(language):
            url = programme.url
        assert starred.get(url).status_code == 200
        assert visitor.post(url, {}).status_code in (200, 302)
    assert [dict(vars(value)) for value in shared] == before
