"""Fixtures shared by the whole suite."""

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import translation

import pytest

from portal.site_tree import ensure_site_tree


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, plus a serialized copy of it as migrations
    left it (root page, reference data), which Django keeps only when some test
    asks for ``serialized_rollback``. A transactional test flushes the database
    when it ends; the browser tests, which run after it, restore this copy
    before they load the demo (tests/browser/conftest.py)."""
    with django_db_blocker.unblock():
        is_test_database = connection.settings_dict["NAME"] == connection.creation._get_test_db_name()
        if is_test_database and not getattr(connection, "_test_serialized_contents", None):
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield


@pytest.fixture
def home(db):
    """The site tree (home page, school and partner directories), as set-up makes it."""
    return ensure_site_tree()


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """One transaction around a whole module, rolled back at its end, for data
    built once and read by every test of the module (a module-scoped fixture
    that depends on this one). Each test still runs in its own savepoint
    (``db``), so what a test changes is undone before the next one.
    Not for modules with ``transactional_db`` or live-server tests."""
    with django_db_blocker.unblock(), transaction.atomic(), translation.override("en"):
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (pages, facet index versions,
    rate limits): what one test cached never answers another."""
    cache.clear()


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in the default language, as a fresh request would."""
    translation.activate("en")
    yield
    translation.activate("en")
