"""The database engine's facet index and result entries: they follow every
change an editor makes at once, and they read the same facts as the pages."""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

import pytest

from partners.models import ProgrammePartner
from programmes.models import ProgrammePage, SchoolPage, SelectionStatus
from search import facet_index
from search.engines.database import matching_pages
from search.entries import load_entries
from search.facet_index import current_facet_index
from search.models import PageKind
from search.service import search_catalogue
from tests.factories import (
    BatchSelectionFactory,
    PartnerPageFactory,
    ProgrammePageFactory,
    SchoolPageFactory,
    teaching_language,
)

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _count(key, value, **filters):
    facet = search_catalogue(filters=filters).facet(key)
    return next((v.count for v in facet.values if v.value == value), 0)


def test_published_programme_counts_at_once(home):
    school = SchoolPageFactory()
    ProgrammePageFactory(parent=school, slug="a", delivery_country="KE")
    assert _count("country", "KE") == 1
    ProgrammePageFactory(parent=school, slug="b", delivery_country="KE")
    assert _count("country", "KE") == 2


def test_unpublished_programme_leaves_the_counts_at_once(home):
    programme = ProgrammePageFactory(delivery_country="KE")
    assert _count("country", "KE") == 1
    programme.unpublish()
    assert _count("country", "KE") == 0
    assert search_catalogue().total == 0


def test_draft_change_does_not_show_until_published(home):
    programme = ProgrammePageFactory(delivery_country="KE")
    programme.delivery_country = "FR"
    programme.save_revision()
    assert _count("country", "KE") == 1 and _count("country", "FR") == 0
    programme.get_latest_revision().publish()
    assert _count("country", "KE") == 0 and _count("country", "FR") == 1


def test_batch_selection_changes_the_batch_facet_at_once(home):
    school = SchoolPageFactory()
    ProgrammePageFactory(parent=school)
    assert _count("batch", "2") == 0
    selection = BatchSelectionFactory(school=school, batch__number=2)
    assert _count("batch", "2") == 1
    selection.status = SelectionStatus.WITHDRAWN
    selection.save()
    assert _count("batch", "2") == 0


def test_new_partner_link_and_teaching_language_count_at_once(home):
    programme = ProgrammePageFactory()
    partner = PartnerPageFactory(country="DE")
    assert _count("partner_country", "DE") == 0
    ProgrammePartner.objects.create(programme=programme, partner=partner)
    assert _count("partner_country", "DE") == 1
    # A parental many-to-many is written when the page is saved.
    programme.teaching_languages.add(teaching_language("ru"))
    programme.save()
    assert _count("language", "ru") == 1
    programme.teaching_languages.clear()
    programme.save()
    assert _count("language", "ru") == 0


def test_cleared_cache_never_brings_back_an_old_index(home):
    ProgrammePageFactory(delivery_country="KE")
    assert _count("country", "KE") == 1
    built = current_facet_index()
    cache.clear()
    assert current_facet_index() is not built


def test_index_older_than_its_maximum_age_is_rebuilt(home, monkeypatch):
    ProgrammePageFactory()
    built = current_facet_index()
    assert current_facet_index() is built
    monkeypatch.setattr(facet_index, "MAX_AGE", 0)
    assert current_facet_index() is not built


@pytest.mark.parametrize("language", LANGUAGES)
def test_result_links_and_titles_are_those_of_the_pages(home, language):
    school = SchoolPageFactory(title="Shenzhen Polytechnic", title_zh_hans="深圳职业技术学院", slug="szp")
    ProgrammePageFactory(
        parent=school,
        title="CNC training",
        title_fr="Formation CNC",
        slug="cnc",
        slug_fr="cnc-fr",
        slug_zh_hans="数控培训",
    )
    # A programme whose slug was never translated into French or Russian.
    ProgrammePageFactory(parent=school, title="Welding", slug="welding", slug_fr="", slug_ru="")
    with translation.override(language):
        results = search_catalogue(language=language)
        assert results.total == 2
        for entry in results.programmes:
            page = ProgrammePage.objects.get(pk=entry.pk)
            assert entry.url == page.get_url()
            assert entry.title == page.title
            assert entry.school.url == school.get_url()
            assert entry.school.title == SchoolPage.objects.get(pk=school.pk).title


def test_entries_without_the_facet_index_read_the_same_facts(home):
    programme = ProgrammePageFactory(title="CNC training", slug="cnc")
    programme.teaching_languages.set([teaching_language("fr"), teaching_language("en")])
    programme.save()
    index = current_facet_index()
    with_index = load_entries([programme.pk], "fr", facet_index=index)[0]
    without = load_entries([programme.pk], "fr")[0]
    assert with_index == without
    assert without.teaching_languages == ["en", "fr"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("training", {"cnc", "hotel"}),
        ("数控", {"cnc"}),
        ("mecanique centre", {"meca"}),
        ("thailand training", {"hotel"}),
        ("no-such-word", set()),
        ("polytechnic", {"cnc", "meca", "hotel"}),  # the school's name
    ],
)
def test_full_text_query_finds_programmes_holding_every_word(home, query, expected):
    school = SchoolPageFactory(title="Polytechnic A")
    ProgrammePageFactory(
        parent=school,
        title="CNC technology training",
        title_zh_hans="数控技术海外培训",
        delivery_country="KE",
        slug="cnc",
    )
    ProgrammePageFactory(parent=school, title="Mécanique centre", delivery_country="FR", slug="meca")
    ProgrammePageFactory(parent=school, title="Hotel training", delivery_country="TH", slug="hotel")
    SchoolPageFactory(title="Another training school", slug="ts")
    matches = matching_pages(query, PageKind.PROGRAMMES, as_typed=True)
    full = [page_id for page_id in matches.ids if page_id not in matches.partial]
    slugs = set(ProgrammePage.objects.filter(pk__in=full).values_list("slug", flat=True))
    assert slugs == expected
    results = search_catalogue(query)
    assert {entry.pk for entry in results.programmes} == set(matches.ids)
