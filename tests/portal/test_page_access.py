"""What public pages read once per public version (routes, the site, view
restrictions, other pages' links) is right again at once after a change."""

from wagtail.models import Page, PageViewRestriction

import pytest

from portal.site_tree import set_slug
from programmes.models import ProgrammePage, SchoolPage
from tests.factories import PartnerPageFactory, ProgrammePageFactory, ProgrammePartnerFactory, SchoolPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.PAGE_CACHE = False
    settings.CATALOGUE_PAGE_CACHE = False


def restriction_ids(page):
    return sorted(page.get_view_restrictions().values_list("pk", flat=True))


def wagtail_restriction_ids(page):
    return sorted(Page.get_view_restrictions(page).values_list("pk", flat=True))


def test_view_restrictions_are_the_ones_wagtail_finds(home):
    school = SchoolPageFactory()
    programme = ProgrammePageFactory(parent=school)
    other = SchoolPageFactory()
    # An alias counts as its source page.
    alias = SchoolPage(title="Alias", official_name_zh="别名", province=other.province, alias_of=other, live=True)
    set_slug(alias, "alias-of-other")
    other.get_parent().add_child(instance=alias)
    pages = [home, school, programme, other, alias]
    assert [restriction_ids(page) for page in pages] == [[]] * 5
    PageViewRestriction.objects.create(page=school, restriction_type="password", password="secret")
    PageViewRestriction.objects.create(page=other, restriction_type="login")
    for page in pages:
        assert restriction_ids(page) == wagtail_restriction_ids(page), page
    assert restriction_ids(alias) and restriction_ids(programme)


def test_public_querysets_follow_a_restriction_at_once(home):
    school = SchoolPageFactory()
    programme = ProgrammePageFactory(parent=school)
    assert ProgrammePage.objects.public().filter(pk=programme.pk).exists()
    restriction = PageViewRestriction.objects.create(page=school, restriction_type="login")
    assert not SchoolPage.objects.public().filter(pk=school.pk).exists()
    assert not ProgrammePage.objects.public().filter(pk=programme.pk).exists()
    assert ProgrammePage.objects.not_public().filter(pk=programme.pk).exists()
    restriction.delete()
    assert ProgrammePage.objects.public().filter(pk=programme.pk).exists()


def test_a_page_seen_before_its_restriction_is_refused_after_it(client, home):
    school = SchoolPageFactory()
    assert b'name="password"' not in client.get(school.url).content
    PageViewRestriction.objects.create(page=school, restriction_type="password", password="secret")
    assert b'name="password"' in client.get(school.url).content


def test_a_new_slug_routes_at_once_and_the_old_one_no_longer(client, home):
    school = SchoolPageFactory(slug="old-name")
    programme = ProgrammePageFactory(parent=school, slug="cnc")
    old_url = programme.url
    assert client.get(old_url).status_code == 200
    school.slug = school.slug_en = "new-name"
    school.save_revision().publish()
    programme.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert client.get(programme.url).status_code == 200


def test_the_same_slug_under_two_parents_leads_to_each_ones_own_page(client, home):
    first = ProgrammePageFactory(parent=SchoolPageFactory(), slug="cnc", title="CNC in Bangkok")
    second = ProgrammePageFactory(parent=SchoolPageFactory(), slug="cnc", title="CNC in Lyon")
    assert b"CNC in Bangkok" in client.get(first.url).content
    assert b"CNC in Lyon" in client.get(second.url).content
    assert client.get(first.url.replace("/cnc/", "/nothing-here/")).status_code == 404


def test_the_home_page_shows_its_new_title_at_once(client, home):
    client.get(home.url)
    home.title = home.title_en = "A renamed portal"
    home.save_revision().publish()
    assert b"A renamed portal" in client.get(home.url).content


def test_a_programme_stops_listing_a_partner_unpublished(client, home):
    programme = ProgrammePageFactory()
    partner = PartnerPageFactory(title="Lycée Diderot")
    ProgrammePartnerFactory(programme=programme, partner=partner)
    assert b"Lyc\xc3\xa9e Diderot" in client.get(programme.url).content
    partner.unpublish()
    assert b"Lyc\xc3\xa9e Diderot" not in client.get(programme.url).content
