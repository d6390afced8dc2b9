"""The catalogue's page as a finder: filters in a <details> with the number
chosen, the most frequent values first and "show all", chips, count and sort
above the result cards, stars, texts in another language marked, and a query
count that does not grow with results, logos or a visitor's shortlist."""

import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

import pytest
import wagtail_factories

from programmes.models import ProgrammeIntake
from search.facet_index import current_facet_index
from search.shortlist import SESSION_KEY, SHORTLIST_COOKIE
from tests.factories import ProgrammePageFactory, SchoolPageFactory, teaching_language

pytestmark = pytest.mark.django_db

COUNTRIES = ["TH", "KE", "FR", "DE", "BR", "KZ", "EG", "PE", "VN"]


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def catalogue_programmes(home):
    school = SchoolPageFactory(title="Shenzhen Polytechnic", slug="szpt")
    return [
        ProgrammePageFactory(parent=school, slug=f"p-{n}", title=f"Programme {n}", delivery_country=country)
        for n, country in enumerate(COUNTRIES)
    ]


def _catalogue(client, language="en", **params):
    with translation.override(language):
        url = reverse("search:catalogue")
    return client.get(url, params).content.decode()


MARKS = ("filter-panel", "result-count", "sort", "chips", "results", "catalogue-search")


def _outline(html):
    """Where the parts of the page are (the order of their marked elements),
    and how many forms open inside another form."""
    order, depth, nested = [], 0, 0
    for match in re.finditer(r'<(/?)form\b|class="([^"]*)"', html):
        closing, classes = match.groups()
        if classes is not None:
            order.extend(mark for mark in MARKS if mark in classes.split())
        elif closing:
            depth -= 1
        else:
            nested += depth > 0
            depth += 1
    return order, nested


@pytest.mark.usefixtures("catalogue_programmes")
def test_filters_open_from_a_details_button_that_counts_the_chosen_ones(client):
    html = _catalogue(client, country=["TH", "KE"])
    assert '<details class="filter-panel" data-filters>' in html
    assert '<span class="filter-panel__title">Filters (2)</span>' in html
    # Without a choice, no number.
    assert '<span class="filter-panel__title">Filters</span>' in _catalogue(client)


def _fieldset(html, key):
    start = html.index(f'id="facet-{key}"')
    return html[start : html.index("</fieldset>", start)]


@pytest.mark.usefixtures("catalogue_programmes")
def test_each_filter_shows_its_top_values_then_a_link_to_all(client):
    html = _catalogue(client, sort="name")
    country = _fieldset(html, "country")
    # The other values are not in the page: the link asks for them.
    assert country.count('type="checkbox"') == 5
    assert '<a class="facet__more" href="?sort=name&amp;more=country#facet-country">Show all (9)</a>' in country
    assert 'name="more"' not in country
    # The checkboxes sit inside the search form (no form= needed, no nesting).
    form = html[
        html.index('<form id="catalogue-form"') : html.index("</form>", html.index('<form id="catalogue-form"'))
    ]
    assert 'id="facet-country"' in form and 'form="catalogue-form"' not in html


@pytest.mark.usefixtures("catalogue_programmes")
def test_show_all_lists_every_value_keeps_it_when_the_form_is_sent_and_links_back(client):
    html = _catalogue(client, country="TH", more="country", page="1")
    country = _fieldset(html, "country")
    assert country.count('type="checkbox"') == 9
    assert '<a class="facet__more" href="?country=TH#facet-country">Show fewer</a>' in country
    # Sent again with the form (a filter ticked), the list stays whole.
    assert '<input type="hidden" name="more" value="country">' in country
    # The other links of the page keep it.
    assert 'href="?country=TH&amp;more=country&amp;sort=newest" data-catalogue-link>' in html
    # A reader who asked for a whole list finds the filters open (a phone, no script).
    assert '<details class="filter-panel" data-filters open>' in html


@pytest.mark.usefixtures("catalogue_programmes")
def test_show_all_of_an_unknown_filter_is_ignored_without_a_notice(client):
    html = _catalogue(client, more="nonsense")
    assert '<div class="notice"' not in html and 'name="more"' not in html
    assert _fieldset(html, "country").count('type="checkbox"') == 5


@pytest.mark.usefixtures("catalogue_programmes")
def test_a_chosen_value_stays_in_sight_even_if_not_among_the_top(client):
    html = _catalogue(client, country="KZ")
    country = _fieldset(html, "country")
    assert 'value="KZ" checked' in country


@pytest.mark.usefixtures("catalogue_programmes")
def test_chips_count_and_sort_come_before_the_results_and_no_form_is_nested(client):
    html = _catalogue(client, country=["TH", "KE"])
    order, nested_forms = _outline(html)
    assert nested_forms == 0
    order = [mark for mark in order if mark != "catalogue-search"]
    assert order.index("filter-panel") < order.index("result-count") < order.index("sort") < order.index("chips")
    assert order.index("chips") < order.index("results")
    assert html.count('class="chip"') == 2
    assert "Country where delivered: Thailand" in html


def test_the_school_filter_is_a_chip_and_its_one_checkbox_not_a_list_of_every_school(client, catalogue_programmes):
    school = catalogue_programmes[0].get_parent()
    other = ProgrammePageFactory(parent=SchoolPageFactory(title="Other school"), slug="other", title="Other")
    html = _catalogue(client, school=str(school.pk))
    assert "Other" not in html[html.index('<ol class="results"') :]
    assert html.count('class="chip"') == 1 and "School: Shenzhen Polytechnic" in html
    fieldset = html[html.index('id="facet-school"') : html.index("</fieldset>", html.index('id="facet-school"'))]
    assert f'name="school" value="{school.pk}" checked' in fieldset and fieldset.count('type="checkbox"') == 1
    # Without the filter, no list of schools: the profile's link chooses one.
    html = _catalogue(client)
    assert 'id="facet-school"' not in html and f"programme-{other.pk}" in html


def test_result_cards_show_school_type_where_languages_status_and_a_star(client, home):
    school = SchoolPageFactory(title="Shenzhen Polytechnic", slug="szpt")
    programme = ProgrammePageFactory(
        parent=school, title="CNC training", slug="cnc", delivery_country="TH", delivery_city="Bangkok"
    )
    programme.teaching_languages.set([teaching_language("en"), teaching_language("th")])
    programme.save()
    html = _catalogue(client, "fr")
    card = html[html.index(f'id="programme-{programme.pk}"') :]
    card = card[: card.index("</li>")]
    assert '<a href="/fr/schools/szpt/" lang="en" dir="ltr">Shenzhen Polytechnic</a>' in card  # no French name
    assert '<span lang="en" dir="ltr">Bangkok</span>, Thaïlande' in card
    assert "<dd>Anglais, Thaï</dd>" in card
    assert "<dt>Statut</dt>" in card
    assert f'form="shortlist-form" class="star" name="add" value="{programme.pk}"' in card
    assert html.count('<form class="star-form" id="shortlist-form"') == 1
    assert "Ajouter à ma sélection" in card


def test_arabic_cards_mark_english_fallback_texts_and_use_arabic_punctuation(client, home):
    school = SchoolPageFactory(title="Shenzhen Polytechnic", slug="szpt")
    programme = ProgrammePageFactory(parent=school, title="CNC training", slug="cnc", delivery_city="Bangkok")
    programme.teaching_languages.set([teaching_language("en"), teaching_language("fr")])
    programme.save()
    html = _catalogue(client, "ar")
    assert 'lang="en" dir="ltr">CNC training</a></h3>' in html
    assert '<a href="/ar/schools/szpt/" lang="en" dir="ltr">Shenzhen Polytechnic</a>' in html
    assert '<span lang="en" dir="ltr">Bangkok</span>، ' in html
    assert '<p class="result-card__excerpt" lang="en" dir="ltr">An international programme.</p>' in html
    assert "<dd>الإنجليزية، الفرنسية</dd>" in html


def test_structured_facts_show_on_cards_when_programmes_have_them(client, home):
    """A card shows duration, fees and next start when the programme has them
    and leaves each out otherwise."""
    today = timezone.localdate()
    programme = ProgrammePageFactory(
        title="CNC training", slug="cnc", duration_number=None, duration_unit="", fee_kind="free"
    )
    ProgrammeIntake.objects.create(programme=programme, start_year=today.year + 1, start_month=9)
    programme.save_revision().publish()
    html = _catalogue(client)
    assert "<dt>Fees</dt><dd>Free</dd>" in html
    assert f"<dt>Next start</dt><dd>September {today.year + 1}</dd>" in html
    assert "<dt>Duration</dt>" not in html


def test_school_logo_shows_as_small_renditions_read_with_the_facet_index(client, home):
    logo = wagtail_factories.ImageFactory(title="logo")
    school = SchoolPageFactory(title="Shenzhen Polytechnic", slug="szpt", logo=logo)
    ProgrammePageFactory(parent=school, title="CNC training", slug="cnc")
    html = _catalogue(client)
    webp, fallback = logo.get_rendition("fill-32x32|format-webp"), logo.get_rendition("fill-64x64|format-png")
    picture = current_facet_index().school_pages[school.path][2]
    assert picture.startswith(f'<picture><source type="image/webp" srcset="{webp.url}, ')
    assert f'<img src="{fallback.url}" alt="" width="32" height="32" loading="lazy">' in picture
    assert picture in html


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_stays_the_same_with_more_results_logos_and_a_shortlist(client, home, settings):
    settings.CATALOGUE_PAGE_CACHE = False
    url = reverse("search:catalogue") + "?country=TH"
    schools = [SchoolPageFactory(slug=f"s-{n}", logo=wagtail_factories.ImageFactory()) for n in range(2)]
    for n in range(3):
        ProgrammePageFactory(parent=schools[n % 2], slug=f"a-{n}")
    client.get(url)  # builds the facet index
    few = _queries(client, url)
    for n in range(12):
        ProgrammePageFactory(parent=schools[n % 2], slug=f"b-{n}")
    client.get(url)
    assert _queries(client, url) == few
    # A visitor with a shortlist costs the session's read, not one per star.
    session = client.session
    session[SESSION_KEY] = [1, 2, 3]
    session.save()
    client.cookies[SHORTLIST_COOKIE] = "1"
    with_stars = _queries(client, url)
    assert with_stars <= few + 2


def test_chips_write_their_colon_as_the_readers_language_does(client, home):
    ProgrammePageFactory(title="CNC training", slug="cnc", delivery_country="TH")
    chinese = client.get("/zh-hans/programmes/", {"country": "TH"}).content.decode()
    assert "：泰国" in chinese
    french = client.get("/fr/programmes/", {"country": "TH"}).content.decode()
    assert "\u00a0: Thaïlande" in french
