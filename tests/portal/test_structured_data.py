"""Profiles carry schema.org JSON-LD that machines can read."""

import json

from bs4 import BeautifulSoup

from tests.factories import PartnerPageFactory, ProgrammePageFactory


def json_ld(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return json.loads(soup.select_one('script[type="application/ld+json"]').string)


def test_school_programme_and_partner_pages_carry_schema_org(client, home):
    programme = ProgrammePageFactory(title="CNC </script><b>centre", delivery_country="KE")
    school = programme.get_parent().specific
    partner = PartnerPageFactory(country="DE", kind="enterprise")

    school_data = json_ld(client, school.url)
    assert school_data["@type"] == "CollegeOrUniversity"
    assert school_data["name"] == school.title
    assert school_data["address"]["addressCountry"] == "CN"

    programme_data = json_ld(client, programme.url)
    assert programme_data["@type"] == "EducationalOccupationalProgram"
    assert programme_data["name"] == "CNC </script><b>centre"  # escaped in the page, intact in the data
    assert programme_data["provider"]["name"] == school.title
    assert programme_data["location"]["address"]["addressCountry"] == "KE"

    assert json_ld(client, partner.url)["@type"] == "Corporation"
