"""Partners' pages and the enquiry mails in every language: labels with their
punctuation translated whole, statuses that agree with their noun, tables that
stack on a phone, and an error page with a heading."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from partners.mail import confirmation_mail, school_mail
from partners.models import EnquiryStatus, PartnershipEvent, PartnershipStage
from programmes.models import ProgrammeStatus
from tests.factories import EnquiryFactory, PartnerPageFactory, PartnershipFactory, SchoolPageFactory


@pytest.fixture
def school(home):
    return SchoolPageFactory(title="Shenzhen Polytechnic", contact_email="intl@szpt.example.cn")


def test_school_mail_lines_use_chinese_colons_and_name_the_language_in_chinese(school):
    enquiry = EnquiryFactory(school=school, language="fr")
    body = school_mail(enquiry).body
    assert "姓名：Claire Martin" in body
    assert "国家：法国" in body
    # The sender's language in the school's language, not "Français".
    assert "语言：法语" in body


@pytest.mark.parametrize(
    ("language", "greeting"), [("fr", "Bonjour,"), ("ar", "تحية طيبة، وبعد،"), ("zh-hans", "您好：")]
)
def test_confirmation_greets_in_the_senders_language_without_repeating_what_they_typed(school, language, greeting):
    # Anyone can type anyone's address: the confirmation carries neither the name nor the message.
    enquiry = EnquiryFactory(school=school, language=language, name="Layla Haddad")
    body = confirmation_mail(enquiry).body
    assert body.startswith(greeting)
    assert "Layla" not in body and enquiry.message not in body


@pytest.mark.parametrize(
    ("language", "enquiry_closed", "programme_closed"),
    [("fr", "Close", "Terminé"), ("es", "Cerrada", "Finalizado"), ("ru", "Закрыт", "Завершена")],
)
def test_closed_agrees_with_enquiry_and_with_programme(language, enquiry_closed, programme_closed):
    with translation.override(language):
        assert str(EnquiryStatus.CLOSED.label) == enquiry_closed
        assert str(ProgrammeStatus.CLOSED.label) == programme_closed


def test_partnership_history_is_one_sentence_per_step_in_chinese_and_french(client, school):
    partnership = PartnershipFactory(school=school, stage=PartnershipStage.SIGNED)
    PartnershipEvent.objects.create(
        partnership=partnership,
        school=school,
        partner=partnership.partner,
        stage=PartnershipStage.SIGNED,
        agreement_date=datetime.date(2025, 6, 2),
    )
    for language, expected in [("zh-hans", "：已签署协议（<time"), ("fr", " : Accord signé (signé le <time")]:
        with translation.override(language):
            url = school.url
        content = client.get(url).content.decode()
        assert expected in content.replace("\u202f", " "), language


def test_partner_tables_are_labelled_for_phones(client, school):
    partner = PartnerPageFactory()
    PartnershipFactory(school=school, partner=partner)
    for page in (school, partner):
        with translation.override("fr"):
            url = page.url
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        cells = soup.select(".data-table tbody tr > *")
        assert cells and all(cell.get("data-label") for cell in cells)
        assert "Pays" in {cell["data-label"] for cell in cells} or "Province" in {cell["data-label"] for cell in cells}


def test_enquiry_error_page_has_a_level_one_heading(client, school):
    with translation.override("ar"):
        url = reverse("partners:enquiry", args=[school.pk])
    response = client.post(url, {"name": ""})
    soup = BeautifulSoup(response.content, "html.parser")
    headings = soup.select("h1")
    assert len(headings) == 1 and "Shenzhen Polytechnic" in headings[0].get_text()
    assert mail.outbox == []
