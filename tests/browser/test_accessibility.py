"""axe-core (npm, injected into the page) on the pages a foreign partner reads,
in en, zh-hans and ar, at 1366×900 and 390×844: no critical or serious
violation. One Chromium page per screen is reused for every scan; each scan's
full list of violations (any impact) is written to test-artifacts/axe/ for
review."""

import json

import pytest

from tests.browser.environment import ARTIFACTS, AXE_SCRIPT, LANGUAGES, VIEWPORTS
from tests.browser.pages import axe_violations, describe_violations

pytestmark = pytest.mark.browser

PAGES = ["home", "catalogue-filtered", "programme", "school", "partner", "progress", "search", "enquiry-errors"]
BLOCKING = {"critical", "serious"}


def cases():
    return list(_cases())


def _cases():
    for name in PAGES:
        for language in LANGUAGES:
            for viewport in VIEWPORTS:
                yield pytest.param(name, language, viewport, id=f"{name}-{language}-{viewport}")


def open_state(page, site, language, name):
    """Bring ``page`` to the page state ``name`` in ``language``."""
    paths = site.paths[language]
    if name == "enquiry-errors":
        page.goto(site.url + paths["enquiry"], wait_until="domcontentloaded")
        with page.expect_navigation(wait_until="domcontentloaded"):
            page.locator("#enquiry form button[type=submit]").click()
        assert page.locator("#enquiry [role=alert]").count(), "the enquiry form shows its errors"
    else:
        page.goto(site.url + paths[name], wait_until="domcontentloaded")


@pytest.fixture(scope="module")
def axe_available():
    if not AXE_SCRIPT.exists():
        pytest.skip(f"{AXE_SCRIPT} is missing: make browser-deps runs npm ci")


@pytest.mark.usefixtures("axe_available")
@pytest.mark.parametrize(("name", "language", "viewport"), cases())
def test_no_critical_or_serious_axe_violations(served_site, shared_pages, name, language, viewport):
    page = shared_pages(viewport)
    open_state(page, served_site, language, name)
    violations = axe_violations(page)

    folder = ARTIFACTS / "axe"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}-{language}-{viewport}.json").write_text(json.dumps(violations, indent=1, ensure_ascii=False))
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"{name} ({language}, {viewport}) {page.url}:\n{describe_violations(blocking)}"
