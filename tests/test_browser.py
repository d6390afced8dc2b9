"""End to end in real Chromium (Debian's, driven by Playwright): a French
reader switches to Arabic, sees the page right to left, and opens a school and
a programme. Screenshots are saved in test-artifacts/."""

import os
from pathlib import Path

from django.utils import translation

import pytest

from tests.factories import PartnershipFactory, ProgrammePageFactory, SchoolPageFactory

# serialized_rollback: the flush after a transactional test would otherwise take the
# data migrations (root page, reference data) away from the tests that follow.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture
def browser_page(monkeypatch):
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed at /usr/bin/chromium (make browser-deps installs it)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM work of
    # the fixtures happens before and is safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(locale="fr-FR", viewport={"width": 1200, "height": 900})
        yield page
        browser.close()


def test_french_reader_switches_to_arabic_and_opens_a_school_and_programme(live_server, browser_page):
    from portal.site_tree import ensure_site_tree

    ensure_site_tree()
    school = SchoolPageFactory(
        title="Shenzhen Polytechnic University",
        title_ar="جامعة شنتشن للفنون التطبيقية",
        title_zh_hans="深圳职业技术大学",
        introduction_en="<p>A leading higher vocational university.</p>",
    )
    programme = ProgrammePageFactory(
        parent=school,
        title="CNC training centre in Bangkok",
        title_ar="مركز تدريب التحكم الرقمي في بانكوك",
        title_zh_hans="数控技术海外培训",
    )
    PartnershipFactory(school=school)
    with translation.override("ar"):
        school_title_ar = school.title_ar
    page = browser_page

    page.goto(f"{live_server.url}/", wait_until="domcontentloaded")
    assert page.url.endswith("/fr/"), "a French browser is sent to the French pages"
    assert page.locator("html").get_attribute("lang") == "fr"
    page.screenshot(path=str(ARTIFACTS / "home-fr.png"), full_page=True)

    page.locator('.language-switcher a[hreflang="ar"]').click()
    page.wait_for_url("**/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # Laid out right to left: the site name sits at the right edge of the header.
    header_box = page.locator(".site-header__inner").bounding_box()
    name_box = page.locator(".site-name").bounding_box()
    assert name_box["x"] + name_box["width"] > header_box["x"] + header_box["width"] * 0.6
    page.screenshot(path=str(ARTIFACTS / "home-ar.png"), full_page=True)

    page.locator(".main-nav a").first.click()  # the school directory
    page.wait_for_load_state("domcontentloaded")
    page.get_by_role("link", name=school_title_ar).click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("h1").inner_text() == school_title_ar
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(ARTIFACTS / "school-ar.png"), full_page=True)

    page.get_by_role("link", name="مركز تدريب التحكم الرقمي في بانكوك").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("h1").inner_text() == "مركز تدريب التحكم الرقمي في بانكوك"
    assert page.locator(".key-facts-box").is_visible()
    page.screenshot(path=str(ARTIFACTS / "programme-ar.png"), full_page=True)
    assert programme.live
