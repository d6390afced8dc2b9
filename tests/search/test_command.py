"""``manage.py catalogue_index rebuild`` on the database engine."""

from io import StringIO

from django.core.management import call_command

import pytest

from search.models import IndexedPage
from search.service import search_catalogue
from tests.factories import ProgrammePageFactory

pytestmark = pytest.mark.django_db


def test_rebuild_indexes_every_page_and_can_run_again(home):
    ProgrammePageFactory(title="CNC technology", title_zh_hans="数控技术海外培训", slug="cnc")
    IndexedPage.objects.all().delete()
    assert search_catalogue("数控").total == 0
    for _ in range(2):
        out = StringIO()
        call_command("catalogue_index", "rebuild", stdout=out)
        assert "Indexed 2 pages" in out.getvalue()  # the programme and its school
        assert IndexedPage.objects.count() == 2
        assert search_catalogue("数控").total == 1
