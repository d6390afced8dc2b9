"""`make screenshots`: every public page type in the six languages at 1366×900
and 390×844, as full-page PNGs in test-artifacts/screenshots/ for a person to
review (file names: <page>-<language>-<width>.png). Builds a fresh demo
database, serves it on a free loopback port, and stops by itself. Not a test.

    .venv/bin/python -m tests.browser.screenshots [--pages home,programme] [--languages en,ar]
"""

import argparse
import shutil
import time

from playwright.sync_api import sync_playwright

from benchmarks.demo_server import DemoServer
from tests.browser.environment import ALL_LANGUAGES, ARTIFACTS, CHROMIUM, LAUNCH_ARGS, VIEWPORTS

# Page types: the names of tests/browser/demo_pages.py, plus the enquiry form's error state.
PAGE_TYPES = [
    "home",
    "catalogue",
    "catalogue-filtered",
    "ranking",
    "programme",
    "schools",
    "school",
    "partners",
    "partner",
    "progress",
    "search",
    "search-empty",
    "enquiry",
    "enquiry-errors",
    "not-found",
]
FOLDER = ARTIFACTS / "screenshots"


def show(page, server, language, name):
    if name == "enquiry-errors":
        page.goto(server.address(language, "enquiry"), wait_until="load")
        with page.expect_navigation(wait_until="load"):
            page.locator("#enquiry form button[type=submit]").click()
    else:
        page.goto(server.address(language, name), wait_until="load")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default=",".join(PAGE_TYPES))
    parser.add_argument("--languages", default=",".join(ALL_LANGUAGES))
    options = parser.parse_args()
    pages = options.pages.split(",")
    languages = options.languages.split(",")
    if not shutil.which(CHROMIUM):
        raise SystemExit(f"{CHROMIUM} is missing: run make browser-deps")
    FOLDER.mkdir(parents=True, exist_ok=True)
    with DemoServer() as server, sync_playwright() as playwright:
        started = time.monotonic()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        count = 0
        for size in VIEWPORTS.values():
            context = browser.new_context(viewport=size)
            context.set_default_timeout(15000)
            page = context.new_page()
            for language in languages:
                for name in pages:
                    show(page, server, language, name)
                    page.screenshot(path=str(FOLDER / f"{name}-{language}-{size['width']}.png"), full_page=True)
                    count += 1
            context.close()
        browser.close()
    print(f"{count} screenshots in {FOLDER} ({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
