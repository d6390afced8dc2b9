"""Fixtures shared by the whole suite."""

from django.db import transaction
from django.utils import translation

import pytest

from portal.site_tree import ensure_site_tree


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
def _english_by_default():
    """Each test starts in the default language, as a fresh request would."""
    translation.activate("en")
    yield
    translation.activate("en")
