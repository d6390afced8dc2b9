"""A French reader arrives, switches to Arabic, sees the page right to left,
and opens a school and one of its programmes from the school directory."""

import pytest

from tests.browser.environment import ARTIFACTS

pytestmark = pytest.mark.browser


def test_french_reader_switches_to_arabic_and_opens_a_school_and_programme(served_site, fresh_page):
    page = fresh_page("desktop", locale="fr-FR")
    titles = served_site.titles["ar"]

    page.goto(f"{served_site.url}/", wait_until="domcontentloaded")
    assert page.url.endswith("/fr/"), "a French browser is sent to the French pages"
    assert page.locator("html").get_attribute("lang") == "fr"

    page.locator('.language-switcher a[hreflang="ar"]').click()
    page.wait_for_url("**/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # Laid out right to left: the site name sits at the right edge of the header.
    header_box = page.locator(".site-header__inner").bounding_box()
    name_box = page.locator(".site-name").bounding_box()
    assert name_box["x"] + name_box["width"] > header_box["x"] + header_box["width"] * 0.6

    page.locator(".main-nav a").first.click()  # the school directory
    page.wait_for_load_state("domcontentloaded")
    # 43 schools on several pages: narrow them to the school's province first.
    page.locator("#filter-province").select_option(served_site.school_province)
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.locator("form.filters button[type=submit]").click()
    page.get_by_role("link", name=titles["school"], exact=True).first.click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("h1").inner_text() == titles["school"]
    assert page.locator("html").get_attribute("dir") == "rtl"

    page.get_by_role("link", name=titles["programme"], exact=True).first.click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("h1").inner_text() == titles["programme"]
    assert page.locator(".key-facts-box").is_visible()
    page.screenshot(path=str(ARTIFACTS / "programme-ar.png"), full_page=True)
