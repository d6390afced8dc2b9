"""What a real overseas centre is: several Chinese schools run it (a lead school
and co-operating schools, and it counts for each of them), it teaches several
fields, it opened in a month of a year, it may be planned or under
construction, and its facts come from sources."""

import datetime
import json

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from ministry.dashboard import programme_fields_table, selected_school_signals
from programmes.models import FieldOfStudy, ProgrammePage, ProgrammeSchool, ProgrammeSource, Province, SchoolPage
from search.indexing import page_texts, read_facts
from search.service import search_catalogue
from tests.editor_accounts import ministry_editor
from tests.factories import BatchSelectionFactory, ProgrammePageFactory, SchoolPageFactory
from tests.page_forms import edit_form_data

pytestmark = pytest.mark.django_db


def field(code):
    return FieldOfStudy.objects.get(code=code)


def province(code):
    return Province.objects.get(code=code)


def publish_with(programme, **relations):
    """Set child rows or fields on the programme and publish it as an editor would."""
    programme = ProgrammePage.objects.get(pk=programme.pk)
    for name, value in relations.items():
        setattr(programme, name, value)
    programme.save_revision().publish()
    return ProgrammePage.objects.get(pk=programme.pk)


@pytest.fixture
def centre(home):
    """A training centre led by a Guangdong school, run with a Jiangsu and a Shaanxi school."""
    lead = SchoolPageFactory(title="Lead Polytechnic", province=province("CN-GD"))
    jiangsu = SchoolPageFactory(title="Jiangsu Polytechnic", province=province("CN-JS"))
    shaanxi = SchoolPageFactory(title="Shaanxi Polytechnic", province=province("CN-SN"))
    programme = ProgrammePageFactory(
        parent=lead, title="Communication Training Centre", fields_of_study=[field("0714"), field("0612")]
    )
    programme = publish_with(
        programme,
        cooperating_schools=[
            ProgrammeSchool(school=jiangsu, sort_order=0),
            ProgrammeSchool(school=shaanxi, sort_order=1),
        ],
    )
    return programme, lead, jiangsu, shaanxi


# --- Co-operating schools ---------------------------------------------------------


def test_a_programme_counts_for_each_of_its_schools_in_the_school_facets(centre):
    programme, lead, jiangsu, shaanxi = centre
    facts = read_facts(ProgrammePage.objects.filter(pk=programme.pk))[programme.pk]
    assert sorted(facts["school_province"]) == ["CN-GD", "CN-JS", "CN-SN"]
    assert sorted(facts["school_region"]) == ["east", "west"]  # Guangdong and Jiangsu are both east: counted once

    counts = {value.value: value.count for value in search_catalogue().facet("province").values}
    assert counts == {"CN-GD": 1, "CN-JS": 1, "CN-SN": 1}
    for code in ("CN-GD", "CN-JS", "CN-SN"):
        assert [entry.pk for entry in search_catalogue(filters={"province": [code]}).programmes] == [programme.pk]


def test_a_programme_counts_in_the_batch_of_a_co_operating_school(centre):
    programme, lead, jiangsu, shaanxi = centre
    BatchSelectionFactory(school=shaanxi, batch__number=2)
    assert [entry.pk for entry in search_catalogue(filters={"batch": ["2"]}).programmes] == [programme.pk]
    assert search_catalogue(filters={"batch": ["1"]}).total == 0


def test_a_co_operating_school_has_a_programme_in_the_ministry_signals(centre):
    programme, lead, jiangsu, shaanxi = centre
    alone = SchoolPageFactory(title="School Without Programme")
    for school in (lead, jiangsu, alone):
        BatchSelectionFactory(school=school, batch__number=1)
    signals = {school["title"]: found["no_programme"] for school, found in selected_school_signals()}
    assert signals == {"Lead Polytechnic": False, "Jiangsu Polytechnic": False, "School Without Programme": True}


def test_the_co_operating_school_profile_lists_the_programme_marked_as_co_operation(client, centre):
    programme, lead, jiangsu, shaanxi = centre
    own = ProgrammePageFactory(parent=jiangsu, title="Jiangsu Own Exchange")

    page = BeautifulSoup(client.get(jiangsu.url).content, "html.parser")
    cards = {
        row.select_one(".compact-list__title").get_text(strip=True): row
        for row in page.select("#programmes-heading ~ ul.compact-list > li")
    }
    assert set(cards) == {"Communication Training Centre", own.title}
    note = cards["Communication Training Centre"].get_text(" ", strip=True)
    assert "As a co-operating school, with the lead school Lead Polytechnic" in note
    assert cards["Communication Training Centre"].find("a", href=lead.url)
    assert "co-operating" not in cards[own.title].get_text()

    lead_page = BeautifulSoup(client.get(lead.url).content, "html.parser")
    lead_card = lead_page.select_one("#programmes-heading ~ ul.compact-list > li")
    assert "co-operating" not in lead_card.get_text()


def test_the_co_operating_school_profile_reads_in_chinese(client, centre):
    programme, lead, jiangsu, shaanxi = centre
    with translation.override("zh-hans"):
        html = client.get(jiangsu.url).content.decode()
    assert "本校为合作院校，牵头院校为" in html


def test_the_programme_page_names_its_co_operating_schools_and_drafts_stay_hidden(client, centre):
    programme, lead, jiangsu, shaanxi = centre
    shaanxi.unpublish()
    page = BeautifulSoup(client.get(programme.url).content, "html.parser")
    facts = page.select_one(".key-facts").get_text(" ", strip=True)
    assert "Co-operating Chinese schools:" in facts
    assert page.select_one(".key-facts").find("a", href=jiangsu.url)
    assert "Shaanxi Polytechnic" not in facts


def test_structured_data_names_the_lead_school_as_provider_and_the_others_as_contributors(client, centre):
    programme, lead, jiangsu, shaanxi = centre
    page = BeautifulSoup(client.get(programme.url).content, "html.parser")
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["provider"]["name"] == "Lead Polytechnic"
    assert [school["name"] for school in data["contributor"]] == ["Jiangsu Polytechnic", "Shaanxi Polytechnic"]
    assert data["contributor"][0]["url"].endswith(jiangsu.url)
    assert [term["termCode"] for term in data["about"]] == ["0612", "0714"]


def test_a_search_for_a_co_operating_school_finds_the_programme(centre):
    programme, lead, jiangsu, shaanxi = centre
    [text] = page_texts([programme])
    assert "jiangsu" in text.body and "shaanxi" in text.body


def test_a_school_is_listed_once_per_programme(centre):
    programme, lead, jiangsu, shaanxi = centre
    rows = [ProgrammeSchool(school=jiangsu), ProgrammeSchool(school=jiangsu)]
    with pytest.raises(ValidationError):
        for row in rows:
            row.programme = programme
            row.validate_constraints()
            row.save()


def test_the_lead_school_listed_again_is_not_shown_twice(centre):
    programme, lead, jiangsu, shaanxi = centre
    programme = publish_with(
        programme, cooperating_schools=[ProgrammeSchool(school=lead), ProgrammeSchool(school=jiangsu)]
    )
    assert programme.cooperating_school_pages() == [jiangsu]


# --- Several fields of study ------------------------------------------------------


def test_every_field_of_study_counts_in_the_facets_and_shows_on_the_result(centre):
    programme, *_schools = centre
    results = search_catalogue()
    assert {value.value: value.count for value in results.facet("field").values} == {"06": 1, "07": 1}
    assert search_catalogue(filters={"subfield": ["061"]}).total == 1
    assert search_catalogue(filters={"subfield": ["071"]}).total == 1
    assert results.programmes[0].field_of_study == ["0612", "0714"]


def test_the_search_api_lists_every_field_of_study(client, centre):
    [item] = client.get("/api/v1/search/").json()["results"]
    assert item["fields_of_study"] == ["0612", "0714"]
    assert item["field_of_study"] == "0612"


def test_the_programme_page_lists_every_field_of_study(client, centre):
    programme, *_schools = centre
    facts = BeautifulSoup(client.get(programme.url).content, "html.parser").select_one(".key-facts")
    text = facts.get_text(" ", strip=True)
    assert "Fields of study:" in text and "(ISCED-F 0612)" in text and "(ISCED-F 0714)" in text


def test_the_ministry_counts_a_programme_once_in_each_of_its_broad_fields(home):
    school = SchoolPageFactory()
    ProgrammePageFactory(parent=school, fields_of_study=[field("0714"), field("0715"), field("0612")])
    counts = {row[0][:2]: row[1] for row in programme_fields_table().rows}
    assert counts["07"] == 1 and counts["06"] == 1


# --- Opening date and status ------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "month", "language", "text"),
    [
        (2019, 3, "en", "March 2019"),
        (2019, 3, "zh-hans", "2019年3月"),
        (2019, None, "en", "2019"),
        (2019, None, "zh-hans", "2019年"),
        (2019, 3, "fr", "mars 2019"),
    ],
)
def test_the_opening_date_reads_as_precisely_as_it_is_known(home, year, month, language, text):
    programme = ProgrammePageFactory(opening_year=year, opening_month=month)
    with translation.override(language):
        assert programme.opening_display == text
    assert programme.opening_iso == (f"{year}-{month:02d}" if month else str(year))


def test_an_opening_month_without_a_year_is_refused(home):
    programme = ProgrammePageFactory()
    programme.opening_month = 3
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert "opening_year" in error.value.message_dict


def test_the_programme_page_shows_the_opening_date_and_a_planned_status(client, home):
    programme = ProgrammePageFactory(opening_year=2027, opening_month=None, status="under_construction")
    with translation.override("zh-hans"):
        page = BeautifulSoup(client.get(programme.url).content, "html.parser")
    facts = page.select_one(".key-facts")
    assert facts.find("time", datetime="2027").get_text() == "2027年"
    assert "建设中" in facts.get_text()


def test_planned_and_under_construction_are_facet_values_in_every_language(home):
    ProgrammePageFactory(status="planned")
    ProgrammePageFactory(status="under_construction")
    with translation.override("zh-hans"):
        labels = {value.value: value.label for value in search_catalogue().facet("status").values}
    assert labels == {"planned": "筹建中", "under_construction": "建设中"}
    assert search_catalogue(filters={"status": ["planned"]}).total == 1


# --- Sources ----------------------------------------------------------------------


def test_sources_are_listed_on_the_programme_page_and_in_structured_data(client, home):
    programme = ProgrammePageFactory()
    programme = publish_with(
        programme,
        sources=[
            ProgrammeSource(
                url="https://moe.example.cn/register-2025.html",
                title="Register of overseas centres 2025",
                published_on=datetime.date(2025, 6, 30),
            ),
            ProgrammeSource(url="https://news.example.org/centre", title="Centre opens"),
        ],
    )
    page = BeautifulSoup(client.get(programme.url).content, "html.parser")
    section = page.find(id="sources-heading").parent
    assert section.h2.get_text() == "Sources"
    items = section.select("li")
    assert [item.a["href"] for item in items] == [
        "https://moe.example.cn/register-2025.html",
        "https://news.example.org/centre",
    ]
    assert items[0].find("time", datetime="2025-06-30")
    assert "moe.example.cn" in items[0].get_text()
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["citation"][0] == {
        "@type": "CreativeWork",
        "name": "Register of overseas centres 2025",
        "url": "https://moe.example.cn/register-2025.html",
        "datePublished": "2025-06-30",
    }
    assert "datePublished" not in data["citation"][1]


def test_a_programme_without_sources_has_no_sources_section(client, home):
    programme = ProgrammePageFactory()
    page = BeautifulSoup(client.get(programme.url).content, "html.parser")
    assert page.find(id="sources-heading") is None


# --- In the admin -----------------------------------------------------------------


def test_the_co_operating_school_chooser_offers_school_pages_only(centre):
    programme, *_schools = centre
    form_class = programme.get_edit_handler().bind_to_model(ProgrammePage).get_form_class()
    widget = form_class.formsets["cooperating_schools"].form.base_fields["school"].widget
    assert widget.target_models == [SchoolPage]


def test_an_editor_adds_a_co_operating_school_in_the_admin_and_it_counts(client, centre):
    programme, lead, jiangsu, shaanxi = centre
    other = SchoolPageFactory(title="Hubei Polytechnic", province=province("CN-HB"))
    user = ministry_editor()
    client.force_login(user)
    data = edit_form_data(programme, user)
    assert data["cooperating_schools-TOTAL_FORMS"] == "2"
    data.update(
        {
            "cooperating_schools-TOTAL_FORMS": "3",
            "cooperating_schools-2-id": "",
            "cooperating_schools-2-ORDER": "3",
            "cooperating_schools-2-school": str(other.pk),
            "opening_year": "2019",
            "opening_month": "3",
            "status": "planned",
            "action-publish": "Publish",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[programme.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response

    programme = ProgrammePage.objects.get(pk=programme.pk)
    assert [school.title for school in programme.cooperating_school_pages()] == [
        "Jiangsu Polytechnic",
        "Shaanxi Polytechnic",
        "Hubei Polytechnic",
    ]
    assert (programme.opening_year, programme.opening_month, programme.status) == (2019, 3, "planned")
    assert [entry.pk for entry in search_catalogue(filters={"province": ["CN-HB"]}).programmes] == [programme.pk]
