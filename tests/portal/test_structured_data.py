"""Profiles carry schema.org JSON-LD that machines can read."""

import json

from bs4 import BeautifulSoup

from programmes.models import ProgrammeIntake
from tests.factories import PartnerPageFactory, ProgrammePageFactory, teaching_language


def json_ld(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return json.loads(soup.select_one('script[type="application/ld+json"]').string)


def test_school_programme_and_partner_pages_carry_schema_org(client, home):
    programme = ProgrammePageFactory(
        title="CNC </script><b>centre", delivery_country="KE", programme_type="training_centre"
    )
    school = programme.get_parent().specific
    partner = PartnerPageFactory(country="DE", kind="enterprise")

    school_data = json_ld(client, school.url)
    assert school_data["@type"] == "CollegeOrUniversity"
    assert school_data["name"] == school.title
    assert school_data["address"]["addressCountry"] == "CN"

    programme_data = json_ld(client, programme.url)
    assert programme_data["@type"] == "Course"
    assert programme_data["name"] == "CNC </script><b>centre"  # escaped in the page, intact in the data
    assert programme_data["provider"]["name"] == school.title
    assert programme_data["hasCourseInstance"][0]["location"]["address"]["addressCountry"] == "KE"

    assert json_ld(client, partner.url)["@type"] == "Corporation"


def test_programme_is_a_course_with_its_duration_starts_price_and_languages(client, home):
    programme = ProgrammePageFactory(
        duration_number=12, duration_unit="weeks", fee_kind="paid", fee_amount=1500, fee_currency="USD", capacity=30
    )
    programme.teaching_languages.set([teaching_language("en"), teaching_language("fr")])
    programme.save()
    ProgrammeIntake.objects.create(programme=programme, start_year=2099, start_month=3)
    ProgrammeIntake.objects.create(programme=programme, start_year=2099, start_month=9)

    data = json_ld(client, programme.url)

    assert data["@type"] == "Course"
    assert data["timeRequired"] == "P12W"
    assert data["inLanguage"] == ["en", "fr"]
    assert data["offers"] == {"@type": "Offer", "price": "1500.00", "priceCurrency": "USD", "category": "Paid"}
    assert [instance["startDate"] for instance in data["hasCourseInstance"]] == ["2099-03", "2099-09"]
    assert {instance["duration"] for instance in data["hasCourseInstance"]} == {"P12W"}
    assert data["hasCourseInstance"][0]["maximumAttendeeCapacity"] == 30


def test_free_programme_offers_a_price_of_zero_and_years_read_as_iso_8601(client, home):
    programme = ProgrammePageFactory(duration_number=3, duration_unit="years", fee_kind="free")

    data = json_ld(client, programme.url)

    assert data["timeRequired"] == "P3Y"
    assert data["offers"]["price"] == "0" and data["offers"]["category"] == "Free"
    assert "startDate" not in data["hasCourseInstance"][0]
