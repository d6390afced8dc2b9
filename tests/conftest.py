"""Fixtures shared by the whole suite."""

from django.utils import translation

import pytest

from portal.site_tree import ensure_site_tree


@pytest.fixture
def home(db):
    """The site tree (home page, school and partner directories), as set-up makes it."""
    return ensure_site_tree()


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in the default language, as a fresh request would."""
    translation.activate("en")
    yield
    translation.activate("en")
