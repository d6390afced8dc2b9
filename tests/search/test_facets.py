"""Facet counts of the catalogue agree with independent ORM counts, alone and
combined, and the catalogue's query count does not grow with its results."""

import random

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from partners.models import ProgrammePartner
from programmes.continents import continent_of
from programmes.facts import FACETS_BY_KEY
from programmes.models import (
    BatchSelection,
    FieldOfStudy,
    Level,
    ProgrammeIntake,
    ProgrammePage,
    ProgrammeSchool,
    ProgrammeStatus,
    SchoolPage,
    SchoolRecognition,
)
from search.service import search_catalogue
from tests.factories import (
    BatchSelectionFactory,
    PartnerPageFactory,
    ProgrammePageFactory,
    SchoolPageFactory,
    teaching_language,
)

pytestmark = pytest.mark.django_db

COUNTRIES = ["TH", "FR", "KE", "BR", "DE", "KZ"]
DURATIONS = [(None, ""), (2, "weeks"), (4, "weeks"), (5, "days"), (3, "months"), (6, "months"), (12, "months")]
DURATIONS += [(1, "years"), (18, "months"), (3, "years")]
FEES = [{}, {"fee_kind": "free"}, {"fee_kind": "sponsored"}, {"fee_kind": "paid"}]
FEES += [{"fee_kind": "paid", "fee_amount": 16000, "fee_currency": "CNY"}]


def _generate(count, seed=7):
    rng = random.Random(seed)
    schools = [SchoolPageFactory() for _ in range(4)]
    BatchSelectionFactory(school=schools[0], batch__number=1)
    BatchSelectionFactory(school=schools[1], batch__number=2)
    SchoolRecognition.objects.create(school=schools[0], kind="double-high-school", tier="A", year=2019)
    SchoolRecognition.objects.create(school=schools[0], kind="luban", year=2016)
    SchoolRecognition.objects.create(school=schools[2], kind="double-high-major", tier="C", year=2019)
    SchoolRecognition.objects.create(school=schools[3], kind="other", name="国家示范性高等职业院校", year=2006)
    partners = [PartnerPageFactory(country=country) for country in ("FR", "DE", "KE")]
    languages = [teaching_language(code) for code in ("en", "fr", "ru", "zh")]
    fields = list(FieldOfStudy.objects.filter(depth="detailed").order_by("code")[:40])
    for n in range(count):
        number, unit = rng.choice(DURATIONS)
        programme = ProgrammePageFactory(
            parent=rng.choice(schools),
            slug=f"generated-{n}",
            delivery_country=rng.choice(COUNTRIES),
            level=rng.choice(Level.values),
            status=rng.choice(ProgrammeStatus.values),
            fields_of_study=[rng.choice(fields)],
            duration_number=number,
            duration_unit=unit,
            **rng.choice(FEES),
        )
        today = timezone.localdate()
        for months_ahead in rng.sample([-2, 0, 3, 6, 7, 11], rng.randint(0, 2)):
            index = today.year * 12 + today.month - 1 + months_ahead
            ProgrammeIntake.objects.create(programme=programme, start_year=index // 12, start_month=index % 12 + 1)
        programme.teaching_languages.set(rng.sample(languages, rng.randint(0, 2)))
        for partner in rng.sample(partners, rng.randint(0, 2)):
            ProgrammePartner.objects.create(programme=programme, partner=partner)
    return schools


def _school_of(programme):
    return SchoolPage.objects.get(path=programme.path[: -ProgrammePage.steplen])


def _orm_counts(programmes):
    """Facet counts computed in Python from plain ORM reads."""
    counts = {
        key: {}
        for key in (
            "field",
            "subfield",
            "type",
            "continent",
            "country",
            "language",
            "level",
            "status",
            "region",
            "province",
            "batch",
            "recognition",
            "partner_country",
            "fees",
            "starts",
            "duration",
        )
    }

    def add(key, value):
        if value:
            counts[key][value] = counts[key].get(value, 0) + 1

    for programme in programmes:
        school = _school_of(programme)
        [field] = programme.fields_of_study.all()
        add("field", field.code[:2])
        add("subfield", field.code[:3])
        add("type", programme.programme_type)
        add("country", programme.delivery_country.code)
        add("continent", continent_of(programme.delivery_country.code))
        add("level", programme.level)
        add("status", programme.status)
        add("region", school.province.region)
        add("province", school.province.code)
        selection = BatchSelection.objects.filter(school=school, status="selected").first()
        add("batch", str(selection.batch.number) if selection else "")
        for kind in {row.kind for row in school.recognitions.all() if row.kind != "other"}:
            add("recognition", kind)
        for code in {language.code for language in programme.teaching_languages.all()}:
            add("language", code)
        for country in {link.partner.country.code for link in programme.partner_links.all()}:
            add("partner_country", country)
        add("fees", programme.fee_kind)
        add("duration", _band(programme.duration_number, programme.duration_unit))
        today = timezone.localdate()
        soon = [
            intake
            for intake in programme.intakes.all()
            if 0 <= (intake.start_year - today.year) * 12 + intake.start_month - today.month <= 6
        ]
        add("starts", "6-months" if soon else "")
    return counts


def _band(number, unit):
    if not number:
        return ""
    days = number * {"days": 1, "weeks": 7, "months": 30, "years": 365}[unit]
    if days < 30:
        return "under-1-month"
    if days <= 180:
        return "1-6-months"
    return "6-12-months" if days <= 365 else "over-1-year"


def _engine_counts(results):
    """Counts of the listed facets (the school is not listed: only a chosen school is counted)."""
    return {
        facet.key: {v.value: v.count for v in facet.values if v.count}
        for facet in results.facets
        if FACETS_BY_KEY[facet.key].listed
    }


def test_facet_counts_equal_independent_orm_counts(home):
    _generate(40)
    programmes = list(ProgrammePage.objects.live())
    assert _engine_counts(search_catalogue()) == _orm_counts(programmes)


def test_combined_facets_narrow_results_and_count_other_facets_over_them(home):
    _generate(40, seed=3)
    filters = {"country": ["FR", "DE"], "level": ["higher"]}
    results = search_catalogue(filters=filters)
    expected = [
        p for p in ProgrammePage.objects.live() if p.delivery_country.code in ("FR", "DE") and p.level == "higher"
    ]
    assert results.total == len(expected)
    # Counts of an unselected facet are over the whole matching set.
    assert _engine_counts(results)["status"] == _orm_counts(expected)["status"]
    # Counts of a selected facet ignore its own selection (values OR together).
    same_level = [p for p in ProgrammePage.objects.live() if p.level == "higher"]
    assert _engine_counts(results)["country"] == _orm_counts(same_level)["country"]


def test_school_facets_filter_by_province_region_and_batch(home):
    schools = _generate(20, seed=5)
    first = schools[0]
    results = search_catalogue(filters={"batch": ["1"]})
    assert {p.pk for p in results.programmes} == set(ProgrammePage.objects.child_of(first).values_list("pk", flat=True))
    results = search_catalogue(filters={"province": [first.province.code]}, page=1)
    expected = ProgrammePage.objects.filter(
        path__startswith=SchoolPage.objects.filter(province=first.province).values_list("path", flat=True)[0]
    )
    assert results.total >= expected.count()
    region = search_catalogue(filters={"region": [first.province.region]})
    assert region.total >= results.total


def test_partner_country_and_continent_facets(home):
    _generate(20, seed=9)
    expected = ProgrammePage.objects.filter(partner_links__partner__country="KE").distinct().count()
    assert search_catalogue(filters={"partner_country": ["KE"]}).total == expected
    europe = ProgrammePage.objects.filter(delivery_country__in=["FR", "DE"]).count()
    assert search_catalogue(filters={"continent": ["europe"]}).total == europe


def test_school_facet_holds_the_programmes_a_school_leads_and_those_it_co_operates_on(home):
    _generate(10)
    lead, other, unpublished = SchoolPageFactory(title="Lead school"), SchoolPageFactory(), SchoolPageFactory()
    own = [ProgrammePageFactory(parent=lead, slug=f"own-{n}") for n in range(2)]
    shared = ProgrammePageFactory(parent=other, slug="shared")
    ProgrammeSchool.objects.create(programme=shared, school=lead)
    ProgrammeSchool.objects.create(programme=shared, school=unpublished)
    unpublished.unpublish()

    results = search_catalogue(filters={"school": [str(lead.pk)]})
    assert {entry.pk for entry in results.programmes} == {own[0].pk, own[1].pk, shared.pk}
    [value] = results.facet("school").values
    assert (value.value, value.count, value.selected, value.label) == (str(lead.pk), 3, True, "Lead school")
    # An unpublished school filters out everything and is not named.
    results = search_catalogue(filters={"school": [str(unpublished.pk)]})
    assert results.total == 0 and results.facet("school").values[0].label == str(unpublished.pk)


def test_school_facet_is_named_in_the_readers_language_and_only_shown_when_chosen(home):
    from django.utils import translation

    school = SchoolPageFactory(title="Lead school", title_ar="المدرسة الرائدة")
    ProgrammePageFactory(parent=school)
    assert search_catalogue().facet("school").values == []
    with translation.override("ar"):
        [value] = search_catalogue(filters={"school": [str(school.pk)]}, language="ar").facet("school").values
    assert value.label == "المدرسة الرائدة"


def _catalogue_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _matching_programmes(schools, count, start):
    language = teaching_language("en")
    partner = PartnerPageFactory(country="FR")
    for n in range(start, start + count):
        programme = ProgrammePageFactory(
            parent=schools[n % len(schools)], slug=f"match-{n}", delivery_country="TH", level="higher", status="open"
        )
        programme.teaching_languages.set([language])
        ProgrammePartner.objects.create(programme=programme, partner=partner)


def test_catalogue_query_count_does_not_grow_with_results(client, home):
    from django.core.cache import cache

    url = reverse("search:catalogue") + "?q=programme&country=TH&country=FR&level=higher&status=open"
    schools = _generate(3, seed=1)
    _matching_programmes(schools, 5, 0)
    cache.clear()
    few = _catalogue_queries(client, url)
    _matching_programmes(schools, 25, 5)
    cache.clear()
    many = _catalogue_queries(client, url)
    assert many == few
    # The first request after a change (the cache cleared): it also builds
    # the values kept per public version (site, routing, facet index, text
    # matches, card logos).
    assert few < 36


def test_catalogue_request_runs_two_queries_once_the_facet_index_is_built(client, home, settings):
    settings.CATALOGUE_PAGE_CACHE = False
    schools = _generate(3, seed=2)
    _matching_programmes(schools, 30, 0)
    url = reverse("search:catalogue") + "?q=programme&country=TH&level=higher&status=open&sort=name"
    client.get(url)  # builds the facet index
    assert _catalogue_queries(client, url) <= 2
    assert _catalogue_queries(client, reverse("search:catalogue")) <= 1
