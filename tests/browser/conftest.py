"""What the browser tests share: the demo site, loaded once per session and
served by a live server in this process, and one Debian Chromium driven by
Playwright.

The demo (``load_demo``: 43 schools, 74 programmes, 40 partners) is loaded
once. On SQLite's in-memory test database the live server shares this thread's
connection, so the demo is loaded inside a transaction that is rolled back at
the end: the database is left as it was found. On PostgreSQL the server's
threads have connections of their own, so the demo is committed. The browser
tests declare no ``django_db`` mark, which makes pytest-django run them after
every database test (so the committed demo disturbs none), and after the
transactional ones, which flush the database: the data migrations' rows are
restored first (``restore_migrated_data``).

Never downloads a browser: the tests skip when /usr/bin/chromium is missing
(``make browser-deps`` installs it)."""

import io
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.test.utils import setup_databases, teardown_databases
from django.utils import translation

from wagtail.models import Page

import pytest
from pytest_django.live_server_helper import LiveServer

from portal.demo.loader import load_demo
from tests.browser.demo_pages import all_paths, demo_pages
from tests.browser.environment import ALL_LANGUAGES, ARTIFACTS, CHROMIUM, LAUNCH_ARGS, VIEWPORTS

# Short waits: a missing element fails in seconds, not after Playwright's 30 s default.
TIMEOUT_MS = 5000


@dataclass
class DemoSite:
    """Paths of the demo pages in each language (``paths[lang][name]``), the
    ids and texts the tests need, and (once served) the server's URL."""

    paths: dict = field(default_factory=dict)
    titles: dict = field(default_factory=dict)
    school_province: str = ""
    url: str = ""

    def address(self, language, name):
        return self.url + self.paths[language][name]


@contextmanager
def test_database():
    """pytest-django creates the test database only for the tests that declare
    it; the browser tests declare none (so that they run after every database
    test), so when they run alone they create it here, never touching the
    developer's database."""
    if connection.settings_dict["NAME"] == connection.creation._get_test_db_name():
        yield
        return
    config = setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})
    try:
        yield
    finally:
        teardown_databases(config, verbosity=0)


def restore_migrated_data():
    """A transactional test that ran before (pytest-django runs the browser
    tests last) flushed the database: bring back what migrations made, from the
    copy tests/conftest.py keeps."""
    if Page.objects.filter(depth=1).exists():
        return
    contents = getattr(connection, "_test_serialized_contents", None)
    if not contents:
        pytest.fail("the test database was flushed and no serialized copy of it was kept (tests/conftest.py)")
    connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(scope="session")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content in the test database, loaded once for all browser tests."""
    with django_db_blocker.unblock(), test_database():
        rolled_back = connection.vendor == "sqlite" and connection.is_in_memory_db()
        # Playwright's sync API runs the tests in another context, where Django
        # opens other connections: keep this one to roll back on.
        wrapper = connections[DEFAULT_DB_ALIAS]
        atomic = transaction.atomic()
        if rolled_back:
            atomic.__enter__()
        try:
            restore_migrated_data()
            load_demo(io.StringIO())
            cache.clear()  # a new catalogue version, and no enquiry rate counts from earlier tests
            programme, school, _partner = demo_pages()
            site = DemoSite(paths=all_paths(), school_province=school.province.code)
            for lang in ALL_LANGUAGES:
                with translation.override(lang):
                    site.titles[lang] = {"programme": programme.title, "school": school.title}
            yield site
        finally:
            if rolled_back:
                connections[DEFAULT_DB_ALIAS] = wrapper
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)


@pytest.fixture(scope="session")
def served_site(demo_site, django_db_blocker):
    """The demo site served on a free port of 127.0.0.1 for the whole session."""
    with django_db_blocker.unblock():
        server = LiveServer("127.0.0.1:0")
        server._live_server_modified_settings.enable()
        demo_site.url = server.url
        try:
            yield demo_site
        finally:
            server._live_server_modified_settings.disable()
            server.stop()


@pytest.fixture(scope="session")
def browser(served_site):
    """One Chromium for the session (Debian's, never a downloaded one)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed at /usr/bin/chromium (make browser-deps installs it)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the tests still
    # read the database here (sent enquiries), which Django would refuse.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    ARTIFACTS.mkdir(exist_ok=True)
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def new_context(browser, viewport, **options):
    context = browser.new_context(viewport=VIEWPORTS[viewport], **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture(scope="session")
def shared_pages(browser):
    """One page per viewport, reused by the read-only scans (axe): a new context
    per scan would cost more than the scan."""
    contexts = {}

    def page_for(viewport):
        if viewport not in contexts:
            contexts[viewport] = new_context(browser, viewport)
            contexts[viewport].new_page()
        return contexts[viewport].pages[0]

    yield page_for
    for context in contexts.values():
        context.close()


@pytest.fixture
def fresh_page(browser, request):
    """A page in a context of its own (its own session: shortlist, messages),
    at the given viewport. When the test fails (not an expected failure), each
    of its pages is saved as test-artifacts/failures/<test>-<n>.png."""
    contexts = []
    # pytest counts a failed test body before the fixtures' teardown (not an xfail).
    failed_before = request.session.testsfailed

    def page_for(viewport, **options):
        context = new_context(browser, viewport, **options)
        contexts.append(context)
        return context.new_page()

    yield page_for
    if request.session.testsfailed > failed_before:
        folder = ARTIFACTS / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)
        for number, page in enumerate(page for context in contexts for page in context.pages):
            page.screenshot(path=str(folder / f"{name}-{number}.png"), full_page=True)
    for context in contexts:
        context.close()


@pytest.fixture(autouse=True)
def _many_visitors_on_one_address(settings):
    """The session's journeys all come from 127.0.0.1, and the shared
    rate-limit counters (in the database, as every app process shares them)
    last the whole session: lift the per-address limit so that one journey's
    enquiry is never refused for another's (tests/partners test the limits)."""
    settings.ENQUIRY_RATE_LIMIT = 10_000
