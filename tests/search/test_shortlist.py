"""A visitor's shortlist (stars kept in the session, no account) and the
comparison of up to four programmes whose link carries the ids."""

import re

from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from search.shortlist import MAX_SHORTLIST, SESSION_KEY, SHORTLIST_COOKIE
from tests.factories import ProgrammePageFactory, SchoolPageFactory

pytestmark = pytest.mark.django_db


def _url(name, language="en"):
    with translation.override(language):
        return reverse(name)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def programmes(home):
    school = SchoolPageFactory(title="Shenzhen Polytechnic", slug="szpt")
    return [
        ProgrammePageFactory(parent=school, title="CNC training", slug="cnc", delivery_country="TH"),
        ProgrammePageFactory(parent=school, title="Welding workshop", slug="welding", delivery_country="KE"),
        ProgrammePageFactory(parent=school, title="Hotel management", slug="hotel", delivery_country="FR"),
    ]


def _star(client, programme, action="add", next_url="/en/programmes/", **extra):
    return client.post(
        _url("search:shortlist"), {"programme": programme.pk, "action": action, "next": next_url}, **extra
    )


def _shortlisted(client):
    return client.session.get(SESSION_KEY, [])


def _csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


# --- the shortlist -------------------------------------------------------------


def test_star_adds_a_programme_and_goes_back_to_its_card(client, programmes):
    response = _star(client, programmes[0], next_url="/en/programmes/?country=TH")
    assert response.status_code == 303
    assert response["Location"] == f"/en/programmes/?country=TH#programme-{programmes[0].pk}"
    assert _shortlisted(client) == [programmes[0].pk]
    assert response.cookies[SHORTLIST_COOKIE].value == "1"
    page = client.get(_url("search:shortlist")).content.decode()
    assert "CNC training" in page
    assert "Welding workshop" not in page


def test_star_again_removes_it_and_an_empty_shortlist_drops_the_cookie(client, programmes):
    _star(client, programmes[0])
    _star(client, programmes[1])
    _star(client, programmes[0], action="remove")
    assert _shortlisted(client) == [programmes[1].pk]
    response = _star(client, programmes[1], action="remove")
    assert _shortlisted(client) == []
    assert response.cookies[SHORTLIST_COOKIE].value == ""  # deleted
    assert "Welding workshop" not in client.get(_url("search:shortlist")).content.decode()


def test_starring_twice_keeps_one_entry(client, programmes):
    _star(client, programmes[0])
    _star(client, programmes[0])
    assert _shortlisted(client) == [programmes[0].pk]


def test_shortlist_is_capped_with_a_message_in_the_readers_language(client, programmes):
    session = client.session
    session[SESSION_KEY] = list(range(900_000, 900_000 + MAX_SHORTLIST))
    session.save()
    client.cookies[SHORTLIST_COOKIE] = "1"
    with translation.override("fr"):
        response = client.post(reverse("search:shortlist"), {"programme": programmes[0].pk, "action": "add"})
    assert response.status_code == 400
    assert "Votre sélection est pleine" in response.content.decode()
    assert programmes[0].pk not in _shortlisted(client)
    assert len(_shortlisted(client)) == MAX_SHORTLIST


@pytest.mark.parametrize("programme", ["", "abc", "-1", "1.5", "9" * 30, "١٢"])
def test_bad_programme_ids_get_a_message_not_an_error(client, programmes, programme):
    with translation.override("fr"):
        response = client.post(reverse("search:shortlist"), {"programme": programme, "action": "add"})
    assert response.status_code == 400
    assert "Ce programme est introuvable" in response.content.decode()
    assert _shortlisted(client) == []


def test_unpublished_programme_cannot_be_starred(client, programmes):
    programmes[2].unpublish()
    assert _star(client, programmes[2]).status_code == 400
    assert _shortlisted(client) == []


def test_unknown_action_changes_nothing(client, programmes):
    assert _star(client, programmes[0], action="delete-everything").status_code == 400
    assert _shortlisted(client) == []


def test_star_never_redirects_to_another_host(client, programmes):
    response = _star(client, programmes[0], next_url="https://evil.example/")
    assert response["Location"] == f"{_url('search:shortlist')}#programme-{programmes[0].pk}"


def test_star_post_needs_a_csrf_token(programmes):
    client = Client(enforce_csrf_checks=True)
    assert _star(client, programmes[0]).status_code == 403
    page = client.get(_url("search:catalogue")).content.decode()
    response = client.post(
        _url("search:shortlist"),
        {"programme": programmes[0].pk, "action": "add", "csrfmiddlewaretoken": _csrf_token(page)},
    )
    assert response.status_code == 303


def test_the_catalogue_script_gets_the_new_state_as_json(client, programmes):
    response = _star(client, programmes[0], HTTP_ACCEPT="application/json")
    assert response.json() == {
        "programme": programmes[0].pk,
        "starred": True,
        "count": 1,
        "link_label": "Shortlist (1)",
    }


def test_programme_page_has_its_star_and_comes_back_to_itself(client, programmes):
    url = programmes[0].get_url()
    html = client.get(url).content.decode()
    assert 'class="star-form"' in html
    assert f'name="next" value="{url}"' in html
    assert f'Printed from <bdi dir="ltr">http://testserver{url}</bdi>' in html
    _star(client, programmes[0], next_url=url)
    assert "star star--on" in client.get(url).content.decode()


# --- no leak through the anonymous page cache ---------------------------------------


def test_stars_of_one_visitor_never_reach_another_through_the_cache(programmes):
    alice, bob = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    catalogue = _url("search:catalogue")
    # Alice's first visit fills the shared cache, then she stars a programme.
    page = alice.get(catalogue).content.decode()
    alice.post(
        _url("search:shortlist"),
        {"programme": programmes[0].pk, "action": "add", "csrfmiddlewaretoken": _csrf_token(page)},
    )
    # She sees her star (her page is not the cached one) ...
    assert "star star--on" in alice.get(catalogue).content.decode()
    assert "star star--on" in alice.get(catalogue, HTTP_X_CATALOGUE_FRAGMENT="1").content.decode()
    # ... and Bob, served from the cache, sees none of it.
    bob_page = bob.get(catalogue)
    assert bob_page.templates == []  # from the cache
    assert "star--on" not in bob_page.content.decode()
    assert 'value="remove"' not in bob_page.content.decode()


def test_a_page_rendered_for_a_visitor_with_stars_is_not_cached_for_others(programmes):
    alice, bob = Client(), Client()
    _star(alice, programmes[1])
    assert "star star--on" in alice.get(_url("search:catalogue")).content.decode()
    bob_page = bob.get(_url("search:catalogue"))
    assert bob_page.templates != []  # rendered for Bob, not taken from Alice's
    assert "star--on" not in bob_page.content.decode()


def test_cached_pages_carry_each_visitors_own_csrf_token(programmes):
    alice, bob = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    catalogue = _url("search:catalogue")
    alice.get(catalogue)
    bob_page = bob.get(catalogue)
    assert bob_page.templates == []
    html = bob_page.content.decode()
    assert "csrf-token-of-this-visitor" not in html
    assert bob.cookies["csrftoken"].value != alice.cookies["csrftoken"].value
    # Bob's token, taken from the cached page, works for Bob and not for Alice.
    data = {"programme": programmes[0].pk, "action": "add", "csrfmiddlewaretoken": _csrf_token(html)}
    assert alice.post(_url("search:shortlist"), data).status_code == 403
    assert bob.post(_url("search:shortlist"), data).status_code == 303


# --- compare -------------------------------------------------------------------


def _compare(client, ids, language="en"):
    with translation.override(language):
        return client.get(reverse("search:compare"), {"ids": ids})


def test_compare_shows_the_programmes_of_the_link_in_its_order_without_a_session(client, programmes):
    ids = f"{programmes[2].pk},{programmes[0].pk}"
    response = _compare(client, ids)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Hotel management") < html.index("CNC training")
    assert "Welding workshop" not in html
    assert f"http://testserver/en/programmes/compare/?ids={ids}" in html  # the link to send


def test_compare_labels_read_in_the_readers_language(client, programmes):
    html = _compare(client, f"{programmes[0].pk},{programmes[1].pk}", "fr").content.decode()
    for label in ("Lieu", "Comparer des programmes"):
        assert label in html
    assert "Thaïlande" in html
    assert "Where" not in html


def test_compare_takes_four_at_most_with_a_message(client, programmes):
    more = [ProgrammePageFactory(parent=programmes[0].get_parent(), slug=f"more-{n}") for n in range(2)]
    ids = ",".join(str(p.pk) for p in [*programmes, *more])
    response = _compare(client, ids)
    assert response.status_code == 400
    assert "You can compare up to 4 programmes at once" in response.content.decode()
    assert len(response.context["columns"]) == 4


@pytest.mark.parametrize("ids", ["abc", "1;2", "<script>", "9" * 40, "1,x,2", "١"])
def test_compare_with_ids_it_cannot_read_says_so(client, programmes, ids):
    response = _compare(client, ids, "fr")
    assert response.status_code == 400
    assert "n’est pas un numéro de programme" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_compare_leaves_out_unpublished_or_unknown_programmes_and_says_so(client, programmes):
    programmes[1].unpublish()
    response = _compare(client, f"{programmes[0].pk},{programmes[1].pk},999999")
    assert response.status_code == 200
    assert [c["entry"].pk for c in response.context["columns"]] == [programmes[0].pk]
    assert f"{programmes[1].pk}, 999999" in response.content.decode()


def test_compare_without_ids_explains_how(client, home):
    response = _compare(client, "")
    assert response.status_code == 200
    assert "Choose up to 4 programmes on your shortlist" in response.content.decode()


def test_shortlist_form_gives_the_short_link(client, programmes):
    with translation.override("en"):
        url = reverse("search:compare")
    response = client.get(url, {"ids": [programmes[0].pk, programmes[1].pk]})
    assert response.status_code == 302
    assert response["Location"] == f"{url}?ids={programmes[0].pk},{programmes[1].pk}"


def test_shortlist_page_ticks_the_first_four_for_comparison(client, programmes):
    for programme in programmes:
        _star(client, programme)
    html = client.get(_url("search:shortlist")).content.decode()
    assert html.count('form="compare-form" name="ids"') == 3
    assert html.count(" checked ") + html.count(" checked>") == 3


def test_a_star_button_of_the_shared_form_adds_and_removes(client, programmes):
    """The catalogue's stars are buttons of one form: add=<id> / remove=<id>."""
    shortlist = reverse("search:shortlist")
    response = client.post(shortlist, {"add": programmes[0].pk, "next": "/en/programmes/"})
    assert response.status_code == 303 and response["Location"] == f"/en/programmes/#programme-{programmes[0].pk}"
    assert client.session.get(SESSION_KEY) == [programmes[0].pk]
    client.post(shortlist, {"remove": programmes[0].pk, "next": "/en/programmes/"})
    assert client.session.get(SESSION_KEY, []) == []
    assert client.post(shortlist, {"add": "x"}).status_code == 400
