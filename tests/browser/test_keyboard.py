"""Keyboard only, in real Chromium: tick a filter, apply, open a result and
send the enquiry form, with a visible focus indicator at every stop (the
computed outline or box-shadow of the focused element, its label or wrapper)."""

import re

import pytest

from tests.browser.pages import (
    FILTERS_TOGGLE,
    apply_button,
    contrast,
    focus_state,
    tab_until,
    wait_for_catalogue,
)

pytestmark = pytest.mark.browser

# A programme page: /<lang>/schools/<school>/<programme>/
PROGRAMME_HREF = re.compile(r"^(https?://[^/]+)?/[^/]+/schools/[^/]+/[^/]+/$")
JOURNEYS = [("en", "desktop"), ("ar", "desktop"), ("zh-hans", "phone")]


def is_focused(page, locator):
    """A predicate for ``tab_until``: the focus is on ``locator``'s element."""
    element = locator.element_handle()
    return lambda _state: page.evaluate("element => document.activeElement === element", element)


class FocusTrail:
    """Every stop of the focus on the way, to assert that each one showed."""

    def __init__(self, page):
        self.page = page
        self.unmarked = []

    def tab_to(self, predicate, limit=400):
        stops = []

        def seen(state):
            stops.append(state)
            return predicate(state)

        state, presses = tab_until(self.page, seen, limit=limit)
        self.unmarked += [s for s in stops if not s["onBody"] and not s["indicator"]]
        return state, presses


def open_filters_by_keyboard(trail):
    page = trail.page
    if page.locator(FILTERS_TOGGLE).count() and not page.locator("input[type=checkbox]").first.is_visible():
        trail.tab_to(is_focused(page, page.locator(FILTERS_TOGGLE).first))
        page.keyboard.press("Enter")


@pytest.mark.parametrize(("language", "viewport"), JOURNEYS)
def test_keyboard_only_filter_apply_open_and_send_an_enquiry(served_site, fresh_page, language, viewport):
    page = fresh_page(viewport)
    trail = FocusTrail(page)
    page.goto(served_site.address(language, "catalogue"), wait_until="domcontentloaded")
    open_filters_by_keyboard(trail)

    state, _ = trail.tab_to(lambda s: s["type"] == "checkbox" and s["name"] == "type")
    page.keyboard.press("Space")
    wait_for_catalogue(page)
    # The filter's checkbox (no id: found by its name and value) is ticked and
    # still has the focus after the results were replaced.
    ticked = page.locator(f'input[name=type][value="{state["text"]}"]')
    assert ticked.is_checked()
    assert ticked.evaluate("element => element === document.activeElement")

    trail.tab_to(is_focused(page, apply_button(page, language)))
    page.keyboard.press("Enter")
    wait_for_catalogue(page)
    page.wait_for_url(re.compile(r"[?&]type="))

    state, presses_to_result = trail.tab_to(lambda s: s["tag"] == "a" and bool(PROGRAMME_HREF.match(s["href"])))
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.keyboard.press("Enter")
    assert " ".join(page.locator("h1").inner_text().split()) == state["text"]

    email = f"keyboard-{language}-{viewport}@example.org"
    trail.tab_to(lambda s: s["name"] == "name")
    page.keyboard.type("Amina Keyboard")
    trail.tab_to(lambda s: s["name"] == "institution", limit=5)
    page.keyboard.type("Institut Clavier")
    trail.tab_to(lambda s: s["name"] == "country", limit=5)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.value"), "a country chosen with the arrow key"
    trail.tab_to(lambda s: s["name"] == "email", limit=5)
    page.keyboard.type(email)
    trail.tab_to(lambda s: s["name"] == "message", limit=5)
    page.keyboard.type("We would like to send ten students in spring.")
    trail.tab_to(lambda s: s["name"] == "consent", limit=5)
    page.keyboard.press("Space")
    trail.tab_to(lambda s: s["tag"] == "button" and s["type"] == "submit", limit=5)
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.keyboard.press("Enter")

    assert page.locator("#enquiry [role=status]").is_visible(), "the thank-you message"
    # The enquiry is stored and its mail queued for the worker once the request's
    # transaction commits; here the whole session is one transaction (rolled back
    # at the end), so the worker's sending is tested in tests/partners/test_mail_worker.py.
    assert not trail.unmarked, f"focus without a visible indicator: {trail.unmarked}"
    print(f"{language} {viewport}: {presses_to_result} Tab presses from 'Apply filters' to the first result")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_focus_stays_in_place_after_apply_filters(served_site, fresh_page, language):
    page = fresh_page("desktop")
    page.goto(served_site.address(language, "catalogue-filtered"), wait_until="domcontentloaded")
    tab_until(page, is_focused(page, apply_button(page, language)))
    page.keyboard.press("Enter")
    wait_for_catalogue(page)
    state = focus_state(page)
    assert not state["onBody"], "focus is lost to <body> after 'Apply filters'"


@pytest.mark.parametrize(("language", "viewport"), [("en", "desktop"), ("ar", "phone")])
def test_focus_indicator_and_skip_link_have_enough_contrast(served_site, fresh_page, language, viewport):
    page = fresh_page(viewport)
    page.goto(served_site.address(language, "catalogue"), wait_until="domcontentloaded")
    weak = []
    for _ in range(12):  # the skip link, the header, the language switcher, the first filters
        page.keyboard.press("Tab")
        state = focus_state(page)
        if state["onBody"] or not state["ringColour"]:
            continue
        ratio = contrast(state["ringColour"], state["around"])
        if ratio < 3:
            weak.append(
                f"{state['tag']} {state['text']!r}: ring {state['ringColour']} on {state['around']} {ratio:.2f}:1"
            )
    page.goto(served_site.address(language, "catalogue"), wait_until="domcontentloaded")
    page.keyboard.press("Tab")
    skip = focus_state(page)
    text_ratio = contrast(skip["colour"], skip["background"])
    assert text_ratio >= 4.5, f"focused skip link text {skip['colour']} on {skip['background']}: {text_ratio:.2f}:1"
    assert not weak, "focus rings under 3:1:\n" + "\n".join(weak)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_show_all_of_a_filter_by_keyboard_lists_the_rest_in_place(served_site, fresh_page, language):
    """A long filter lists five values and a "Show all (n)" link (the other
    values are not in the page): Enter loads the whole list in place and puts
    the focus on its first new value; a value ticked there keeps the list
    whole; "Show fewer" folds it, the focus staying on the link."""
    page = fresh_page("desktop")
    page.goto(served_site.address(language, "catalogue"), wait_until="domcontentloaded")
    country = page.locator("#facet-country")
    values = country.locator("input[type=checkbox]")
    folded = values.count()
    tab_until(page, is_focused(page, country.locator("a.facet__more")))
    page.keyboard.press("Enter")
    wait_for_catalogue(page)
    page.wait_for_url(re.compile(r"[?&]more=country"))
    whole = values.count()
    assert whole > folded
    assert values.nth(folded).evaluate("element => element === document.activeElement"), focus_state(page)

    page.keyboard.press("Space")
    wait_for_catalogue(page)
    assert values.nth(folded).is_checked() and values.count() == whole

    tab_until(page, is_focused(page, country.locator("a.facet__more")))
    page.keyboard.press("Enter")
    wait_for_catalogue(page)
    page.wait_for_function("() => !location.search.includes('more=')")
    assert values.count() == folded + 1  # the top values and the one ticked
    assert country.locator("a.facet__more").evaluate("element => element === document.activeElement")
