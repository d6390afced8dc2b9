"""``manage.py catalogue_index rebuild`` on the database engine."""

from io import StringIO

from django.core.management import call_command

import pytest

from search.service import search_catalogue
from tests.factories import ProgrammePageFactory

pytestmark = pytest.mark.django_db


def test_rebuild_indexes_every_page_and_can_run_again(home):
    from wagtail.search.models import IndexEntry

    ProgrammePageFactory(title="CNC technology", title_zh_hans="数控技术海外培训", slug="cnc")
    IndexEntry.objects.all().delete()
    assert search_catalogue("数控").total == 0
    for _ in range(2):
        out = StringIO()
        call_command("catalogue_index", "rebuild", stdout=out)
        assert "Indexed" in out.getvalue() and "programmes" in out.getvalue()
        assert search_catalogue("数控").total == 1


def test_rebuild_refuses_a_batch_size_below_one(home):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("catalogue_index", "rebuild", "--batch-size", "0", stdout=StringIO())
