"""Nothing of a public page is wider than a phone (390 px) in real Chromium,
in every language: a long option (a recognition's full name in a directory's
filter) or a long word once pushed the school directory sideways in Arabic."""

import pytest

from tests.browser.environment import ALL_LANGUAGES

pytestmark = pytest.mark.browser

PAGES = ["home", "catalogue", "programme", "school", "schools", "partner", "partners", "progress", "search"]


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_no_page_scrolls_sideways_on_a_phone(served_site, fresh_page, language):
    page = fresh_page("phone")
    wider = {}
    for name in PAGES:
        page.goto(served_site.address(language, name), wait_until="domcontentloaded")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > page.viewport_size["width"]:
            wider[name] = width
    assert not wider, f"pages wider than the phone's {page.viewport_size['width']} px: {wider}"
