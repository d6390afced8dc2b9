"""Under the Content-Security-Policy the portal sends, real Chromium reports no
violation: on the public pages (the catalogue's script filters, JSON-LD is
read) and in the Wagtail admin (the dashboard, a page's editor with its rich
text editor, its live preview, a chooser). Violations are gathered from the
``securitypolicyviolation`` event of every frame and from the console."""

from urllib.parse import quote

import pytest

from portal.demo.loader import read_data
from tests.browser.pages import FILTER_CHECKBOX, wait_for_catalogue

pytestmark = pytest.mark.browser

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


class Violations:
    """What a page reported: events from each frame and console errors about the policy."""

    def __init__(self, page):
        self.page = page
        self.console = []
        page.add_init_script(LISTEN)
        page.on("console", self._console)

    def _console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.console.append(message.text)

    def all(self):
        events = []
        for frame in self.page.frames:
            try:
                events += frame.evaluate("window.__cspViolations || []")
            except Exception:  # noqa: BLE001 - a frame gone while we read it reports nothing
                continue
        return events + self.console


def demo_superuser():
    """The demo's superuser account (portal/demo: local development only)."""
    return next(account for account in read_data("users") if account["role"] == "superuser")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_public_pages_load_without_policy_violations(served_site, fresh_page, language):
    page = fresh_page("desktop")
    violations = Violations(page)
    for name in ("home", "programme", "school", "partner", "progress", "search"):
        page.goto(served_site.address(language, name), wait_until="load")
    page.goto(served_site.address(language, "catalogue"), wait_until="load")
    page.locator(FILTER_CHECKBOX.format(key="type")).first.check()
    wait_for_catalogue(page)
    assert violations.all() == [], "\n".join(violations.all())


def test_admin_and_page_editor_load_without_policy_violations(served_site, fresh_page):
    account = demo_superuser()
    page = fresh_page("desktop")
    violations = Violations(page)
    page.goto(served_site.url + "/admin/login/", wait_until="load")
    page.fill("input[name=username]", account["username"])
    page.fill("input[name=password]", account["password"])
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    assert page.locator("#wagtail").count() == 1 or page.locator("main").count() >= 1

    # The editor of the demo programme, found as an editor finds it (the
    # database is the live server's to write while the browser is logged in).
    title = served_site.titles["en"]["programme"]
    page.goto(f"{served_site.url}/admin/pages/search/?q={quote(title)}", wait_until="load")
    edit_url = page.locator("a[href*='/edit/']", has_text=title).first.get_attribute("href")
    page.goto(served_site.url + edit_url, wait_until="load")
    # The rich text editor (Draftail) is drawn by the admin's scripts: they ran.
    page.locator(".Draftail-Editor").first.wait_for(state="visible")
    # The live preview panel frames the page at an admin URL.
    page.locator("[data-side-panel-toggle='preview']").click()
    page.locator("iframe[id='w-preview-iframe']").wait_for(state="attached")
    page.wait_for_timeout(1500)
    assert "chrome-error" not in " ".join(frame.url for frame in page.frames)
    page.goto(f"{served_site.url}/admin/pages/", wait_until="load")
    page.goto(f"{served_site.url}/admin/images/", wait_until="load")
    page.goto(f"{served_site.url}/admin/documents/", wait_until="load")
    assert violations.all() == [], "\n".join(violations.all())
