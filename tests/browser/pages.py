"""How the browser tests find things on the portal's pages, in one place.

The catalogue, programme page and shortlist are being rebuilt (issue 10): when
their markup lands, adjust the selectors here rather than in each test. Every
selector accepts today's markup and the likely shapes of the new one."""

from django.utils import translation
from django.utils.translation import gettext

from tests.browser.environment import AXE_SCRIPT

# The catalogue. Filters are checkboxes named by facet key (programmes/facts.py).
FILTER_CHECKBOX = "input[type=checkbox][name={key}]"
# A chosen filter shown as a removable chip above the results.
CHIP = ".chips a.chip, [data-chip], .chip"
# A result: today an <li class="result"> of <ol class="results">; a card later.
RESULT = ".results > li, [data-result], .result-card"
RESULT_LINK = ".result-card h3 a"
# The phone's "Filters (n)" button: a <details> summary (works without
# JavaScript) or a disclosure button.
FILTERS_TOGGLE = "details.filter-panel > summary"
# Star a programme (kept in the session, works without JavaScript: a form).
STAR = "button.star"
# The way from a starred programme to the shortlist, and the shortlist's compare button.
SHORTLIST_LINK = "a[href*='/shortlist/']"
COMPARE_BUTTON = "#compare-form button[type=submit]"
# The parts of a page that a printed sheet leaves out.
SCREEN_ONLY = [".skip-link", ".main-nav", ".language-switcher", "form.catalogue-form", "#enquiry form"]


def translated(language, text):
    """An interface string as the page shows it in ``language``."""
    with translation.override(language):
        return gettext(text)


def apply_button(page, language):
    """The catalogue's "Apply filters" button: by its name in ``language``, else
    the last submit button of the filter form (if the wording changes)."""
    named = page.get_by_role("button", name=translated(language, "Apply filters"))
    if named.count():
        return named.first
    return page.locator("form:has(input[type=checkbox]) button[type=submit]").last


def open_filters(page):
    """On a phone the filters sit behind a button; open it when there is one
    and the filters are hidden. Returns whether a toggle was found."""
    toggle = page.locator(FILTERS_TOGGLE)
    if toggle.count() == 0:
        return False
    first_box = page.locator("input[type=checkbox]").first
    if not first_box.is_visible():
        toggle.first.click()
        first_box.wait_for(state="visible")
    return True


def wait_for_catalogue(page):
    """Wait until the catalogue's script has swapped in new results (it marks
    the container aria-busy while it loads)."""
    page.wait_for_function("() => !document.querySelector('[aria-busy=true]')")
    page.wait_for_load_state("domcontentloaded")


def box(page, selector):
    """The bounding box of the first element matching ``selector`` relative to
    the top of the document (not the viewport), or None."""
    return page.locator(selector).first.evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return {x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height}; }"
    )


# --- axe-core -------------------------------------------------------------------

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(" ")),
  }));
}"""


def axe_violations(page):
    """Every axe-core violation of the page as it is now (all of axe's default
    rules: WCAG 2.0/2.1/2.2 A and AA and best practices)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated rather than added as a <script>: the page's Content-Security-Policy
        # (rightly) refuses an inline script without its nonce.
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    return page.evaluate(AXE_RUN)


def describe_violations(violations):
    return "\n".join(
        f"  {v['impact']}: {v['id']} ({v['count']}×) {v['help']} — {'; '.join(v['nodes'])}" for v in violations
    )


# --- focus ----------------------------------------------------------------------

FOCUS_STATE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) {
    return {tag: element ? element.tagName.toLowerCase() : null, onBody: true, indicator: ""};
  }
  function ring(e) {
    const s = getComputedStyle(e);
    if (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) {
      return {kind: "outline", text: `${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}`, colour: s.outlineColor};
    }
    if (s.boxShadow && s.boxShadow !== "none") {
      const colour = (s.boxShadow.match(/rgba?\\([^)]*\\)/) || [""])[0];
      return {kind: "box-shadow", text: s.boxShadow, colour};
    }
    return null;
  }
  // A styled label or wrapper may carry the ring of a visually hidden input.
  const candidates = [element, ...(element.labels || []), element.parentElement].filter(Boolean);
  let found = null, carrier = null;
  for (const e of candidates) { found = ring(e); if (found) { carrier = e; break; } }
  function background(e) {
    for (let node = e; node; node = node.parentElement) {
      const c = getComputedStyle(node).backgroundColor;
      if (c && c !== "transparent" && !/rgba\\(.*,\\s*0\\)$/.test(c)) { return c; }
    }
    return "rgb(255, 255, 255)";
  }
  const s = getComputedStyle(element);
  return {
    tag: element.tagName.toLowerCase(), id: element.id, name: element.getAttribute("name") || "",
    type: element.getAttribute("type") || "", href: element.getAttribute("href") || "",
    text: (element.innerText || element.value || "").trim().split(/\\s+/).join(" ").slice(0, 200), onBody: false,
    indicator: found ? found.text : "", ringColour: found ? found.colour : "",
    // What the ring is seen against: the background around the element (outside it, as offset rings are).
    around: carrier ? background(carrier.parentElement || carrier) : "",
    colour: s.color, background: background(element),
  };
}"""


def focus_state(page):
    return page.evaluate(FOCUS_STATE)


def tab_until(page, predicate, limit=400, backwards=False):
    """Press Tab until ``predicate(focus_state)`` holds; returns the state and
    how many presses it took. Fails after ``limit`` presses."""
    key = "Shift+Tab" if backwards else "Tab"
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        state = focus_state(page)
        if predicate(state):
            return state, presses
    raise AssertionError(f"not reached with {limit} presses of {key}; focus is on {focus_state(page)}")


def parse_colour(text):
    """``rgb(…)``/``rgba(…)`` as (r, g, b, alpha)."""
    inside = text[text.index("(") + 1 : text.index(")")]
    parts = [float(part) for part in inside.replace("/", ",").replace(" ", ",").split(",") if part]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def contrast(foreground, background):
    """WCAG 2.1 contrast ratio of two CSS rgb() colours."""

    def luminance(colour):
        def channel(value):
            value /= 255
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

        r, g, b, _alpha = parse_colour(colour)
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
