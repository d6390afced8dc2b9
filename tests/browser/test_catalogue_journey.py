"""A foreign partner's way through the catalogue in real Chromium, at 1366×900
and 390×844, in en, zh-hans and ar: filter, remove a chip, open a result, star
it, compare two, print; and where the catalogue's parts sit on the first
screen (bounding boxes, issue 10)."""

import re

import pytest

from tests.browser.environment import ARTIFACTS, LANGUAGES, VIEWPORTS
from tests.browser.pages import (
    CHIP,
    COMPARE_BUTTON,
    FILTER_CHECKBOX,
    FILTERS_TOGGLE,
    RESULT,
    RESULT_LINK,
    SCREEN_ONLY,
    SHORTLIST_LINK,
    STAR,
    apply_button,
    box,
    open_filters,
    wait_for_catalogue,
)

pytestmark = pytest.mark.browser


def tick(page, key, viewport):
    """Tick the first value of facet ``key``; returns its value."""
    if viewport == "phone":
        open_filters(page)
    checkbox = page.locator(FILTER_CHECKBOX.format(key=key)).first
    value = checkbox.get_attribute("value")
    checkbox.check()
    wait_for_catalogue(page)
    return value


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_filter_remove_a_chip_and_open_a_result(served_site, fresh_page, language, viewport):
    page = fresh_page(viewport)
    page.goto(served_site.address(language, "catalogue"), wait_until="domcontentloaded")
    assert page.locator("html").get_attribute("lang") == language

    type_value = tick(page, "type", viewport)
    language_value = tick(page, "language", viewport)
    if viewport == "phone":
        open_filters(page)
    apply_button(page, language).click()
    wait_for_catalogue(page)
    page.wait_for_url(re.compile(rf"type={type_value}.*language={language_value}|language={language_value}.*type="))

    chips = page.locator(CHIP)
    assert chips.count() == 2, f"a chip per chosen filter: {chips.all_inner_texts()}"
    assert page.locator(RESULT).count() >= 1

    # Remove the language chip: the type filter stays.
    language_chip = next(chip for chip in chips.all() if "language=" not in (chip.get_attribute("href") or ""))
    language_chip.click()
    wait_for_catalogue(page)
    page.wait_for_url(lambda url: "language=" not in url)
    assert f"type={type_value}" in page.url
    assert page.locator(CHIP).count() == 1
    if viewport == "phone":
        open_filters(page)
    assert page.locator(f"{FILTER_CHECKBOX.format(key='type')}[value='{type_value}']").is_checked()

    # Open the first result: its page has the title the result showed.
    link = page.locator(RESULT_LINK).first
    title = " ".join(link.inner_text().split())
    link.click()
    page.wait_for_load_state("domcontentloaded")
    assert " ".join(page.locator("h1").inner_text().split()) == title
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")


@pytest.mark.parametrize("language", LANGUAGES)
def test_desktop_filters_beside_results_and_first_result_in_first_screen(served_site, fresh_page, language):
    page = fresh_page("desktop")
    page.goto(served_site.address(language, "catalogue-filtered"), wait_until="domcontentloaded")
    height = page.viewport_size["height"]

    title = box(page, RESULT_LINK)
    assert title["y"] + title["height"] <= height, f"first result's title ends at {title['y'] + title['height']:.0f} px"

    facets = box(page, "fieldset:has(input[type=checkbox])")
    result = box(page, RESULT)
    beside = facets["x"] + facets["width"] <= result["x"] or result["x"] + result["width"] <= facets["x"]
    assert beside, f"filters {facets} and results {result} are not side by side"
    # The side column is at the start of the line: left in en and zh, right in ar.
    assert (facets["x"] > result["x"]) == (language == "ar")
    assert facets["y"] < height, "the filters start in the first screen"


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_filters_button_then_first_result_in_first_screen(served_site, fresh_page, language):
    page = fresh_page("phone")
    page.goto(served_site.address(language, "catalogue-filtered"), wait_until="domcontentloaded")
    height = page.viewport_size["height"]

    toggle = page.locator(FILTERS_TOGGLE)
    assert toggle.count() == 1, "a 'Filters (n)' button (a <details> summary or a disclosure button)"
    assert "2" in toggle.inner_text(), f"the button counts the 2 chosen filters: {toggle.inner_text()!r}"
    assert not page.locator("input[type=checkbox]").first.is_visible(), "filters are folded away at first"
    button = box(page, FILTERS_TOGGLE)
    title = box(page, RESULT_LINK)
    assert button["y"] < title["y"], "the button comes before the results"
    assert title["y"] + title["height"] <= height, f"first result's title ends at {title['y'] + title['height']:.0f} px"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= page.viewport_size["width"]

    toggle.click()
    assert page.locator("input[type=checkbox]").first.is_visible(), "the button opens the filters"


def star_current_programme(page):
    star = page.locator(STAR)
    assert star.count(), "no control to star this programme"
    with page.expect_response(lambda response: response.request.method in ("POST", "GET")):
        star.first.click()
    page.wait_for_load_state("domcontentloaded")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_star_two_programmes_compare_them_and_share_the_link(served_site, browser, fresh_page, language, viewport):
    page = fresh_page(viewport)
    titles = []
    for position in (0, 1):
        page.goto(served_site.address(language, "catalogue"), wait_until="domcontentloaded")
        link = page.locator(RESULT_LINK).nth(position)
        titles.append(" ".join(link.inner_text().split()))
        link.click()
        page.wait_for_load_state("domcontentloaded")
        star_current_programme(page)

    page.locator(SHORTLIST_LINK).first.click()
    page.wait_for_load_state("domcontentloaded")
    page.locator(COMPARE_BUTTON).click()
    page.wait_for_load_state("domcontentloaded")
    assert "/compare/" in page.url
    text = " ".join(page.locator("main").inner_text().split())
    assert all(title in text for title in titles), f"both starred programmes are compared: {titles}"
    assert page.locator("html").get_attribute("lang") == language

    # The link works for a colleague who has starred nothing.
    colleague = fresh_page(viewport)
    colleague.goto(page.url, wait_until="domcontentloaded")
    shared = " ".join(colleague.locator("main").inner_text().split())
    assert all(title in shared for title in titles), "the comparison's link carries the programmes"

    assert_prints_cleanly(page, f"compare-{language}-{viewport}")


def assert_prints_cleanly(page, name):
    """Print media: the site's navigation and forms are left out, the sheet is
    A4 and carries the page's address. A PDF is saved for review."""
    page.emulate_media(media="print")
    folder = ARTIFACTS / "print"
    folder.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(folder / f"{name}.pdf"), prefer_css_page_size=True)

    shown = [selector for selector in SCREEN_ONLY if any(e.is_visible() for e in page.locator(selector).all())]
    assert not shown, f"printed though only for the screen: {shown}"
    assert page.locator("h1").is_visible()
    a4 = page.evaluate(
        """() => { const rules = list => [...list].flatMap(r => r.cssRules ? [r, ...rules(r.cssRules)] : [r]);
        return [...document.styleSheets].some(sheet => { try { return rules(sheet.cssRules).some(
          r => r.constructor.name === "CSSPageRule" && /a4/i.test(r.style.getPropertyValue("size"))); }
          catch (e) { return false; } }); }"""
    )
    assert a4, "an @page rule with size A4"
    printed_url = page.evaluate(
        """url => { const path = new URL(url).pathname;
        if (document.body.innerText.includes(url) || document.body.innerText.includes(decodeURI(url))) return true;
        return [...document.querySelectorAll("body, body *")].some(e => ["::before", "::after"].some(p => {
          const c = getComputedStyle(e, p).content; return c && (c.includes(path) || c.includes("attr(")); })); }""",
        page.url,
    )
    assert printed_url, "the page's URL is printed on the sheet"
    page.emulate_media(media="screen")


@pytest.mark.parametrize("language", LANGUAGES)
def test_programme_page_prints_as_a_clean_a4_sheet(served_site, fresh_page, language):
    page = fresh_page("desktop")
    page.goto(served_site.address(language, "programme"), wait_until="domcontentloaded")
    assert_prints_cleanly(page, f"programme-{language}")
