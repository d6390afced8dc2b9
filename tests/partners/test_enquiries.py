"""Enquiries: stored before any mail, mailed by the worker (here in immediate
mode, once the request's transaction commits), kept when mail fails and retried,
rate-limited, protected by a honeypot and CSRF, and every bad input refused
with a clear message in the reader's language; 50 parallel senders against a
running server are all stored once."""

import datetime
import threading
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from io import StringIO

from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

import pytest

from partners.mail import send_enquiry_mail
from partners.models import Enquiry, EnquiryReply, EnquiryStatus, MailStatus
from portal.site_tree import ensure_site_tree
from tests.editor_accounts import ministry_editor, school_editor
from tests.factories import EnquiryFactory, ProgrammePageFactory, SchoolPageFactory

VALID = {
    "name": "Claire Martin",
    "institution": "Lycée professionnel de Lyon",
    "country": "FR",
    "email": "claire@example.fr",
    "language": "fr",
    "message": "Bonjour, nous cherchons un partenaire pour la mécatronique.",
    "consent": "on",
}


@pytest.fixture
def school(home):
    return SchoolPageFactory(
        title="Shenzhen Polytechnic", slug="szpt", contact_email="intl@szpt.example.cn", contact_language="zh-hans"
    )


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def enquiry_url(school, language="fr"):
    with translation.override(language):
        return reverse("partners:enquiry", args=[school.pk])


class StoredFirstBackend(LocmemBackend):
    """Records, for each mail, how many enquiries were in the database when it was sent."""

    seen = []

    def send_messages(self, messages):
        StoredFirstBackend.seen.append(Enquiry.objects.count())
        return super().send_messages(messages)


def test_enquiry_is_stored_then_mailed_to_school_and_sender(client, school, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(enquiry_url(school), VALID)
    assert response.status_code == 302
    assert response["Location"].endswith("#enquiry")
    enquiry = Enquiry.objects.get()
    assert enquiry.school == school and enquiry.mail_status == MailStatus.SENT
    to_school, confirmation = mail.outbox
    assert to_school.to == ["intl@szpt.example.cn"]
    assert to_school.reply_to == ["claire@example.fr"]
    assert "mécatronique" in to_school.body
    assert confirmation.to == ["claire@example.fr"]
    assert confirmation.from_email == "portal@localhost"
    # The sender never learns the school's address.
    assert "szpt.example.cn" not in confirmation.body + confirmation.subject + str(confirmation.reply_to)
    assert "Shenzhen Polytechnic" in confirmation.body
    # Nothing the sender typed goes back to the address they typed.
    assert "mécatronique" not in confirmation.body and "Claire" not in confirmation.body


def test_thank_you_message_is_shown_on_the_page(client, school):
    response = client.post(enquiry_url(school, "en"), VALID, follow=True)
    assert "Thank you" in response.content.decode()


def test_enquiry_about_a_programme_keeps_the_programme(client, school):
    programme = ProgrammePageFactory(parent=school)
    response = client.post(enquiry_url(school), {**VALID, "programme": programme.pk})
    assert Enquiry.objects.get().programme == programme
    assert response["Location"].startswith(programme.url)


def test_enquiry_is_stored_before_any_mail_is_sent(client, school, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.partners.test_enquiries.StoredFirstBackend"
    StoredFirstBackend.seen = []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(enquiry_url(school), VALID)
    assert StoredFirstBackend.seen == [1, 1]


def test_enquiry_is_kept_when_mail_fails_and_the_retry_command_sends_it(
    client, school, settings, django_capture_on_commit_callbacks
):
    # A real SMTP backend pointed at a closed port: sending raises.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(enquiry_url(school), VALID)
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.mail_status == MailStatus.FAILED
    assert enquiry.mail_attempts == 1 and enquiry.mail_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Within its backoff the failed mail waits; --now sends it at once.
    call_command("retry_enquiry_mail", stdout=StringIO())
    assert len(mail.outbox) == 0
    out = StringIO()
    call_command("retry_enquiry_mail", "--now", stdout=out)
    enquiry.refresh_from_db()
    assert enquiry.mail_status == MailStatus.SENT
    assert len(mail.outbox) == 2
    assert "1 sent" in out.getvalue()
    # Idempotent: nothing is sent twice.
    call_command("retry_enquiry_mail", "--now", "--pending-after", "0", stdout=StringIO())
    assert len(mail.outbox) == 2


def test_retry_sends_only_the_mail_that_had_not_gone(school, settings):
    enquiry = EnquiryFactory(school=school, mail_status=MailStatus.FAILED)
    school.contact_email = ""
    school.save()
    assert send_enquiry_mail(enquiry.pk) == MailStatus.FAILED  # the school has no address yet
    assert [m.to for m in mail.outbox] == [[enquiry.email]]
    school.contact_email = "new@szpt.example.cn"
    school.save()
    call_command("retry_enquiry_mail", "--now", stdout=StringIO())
    assert [m.to for m in mail.outbox] == [[enquiry.email], ["new@szpt.example.cn"]]
    assert Enquiry.objects.get(pk=enquiry.pk).mail_status == MailStatus.SENT


def test_rate_limit_per_address_refuses_with_a_clear_message(client, school, settings):
    settings.ENQUIRY_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(enquiry_url(school, "en"), VALID).status_code == 302
    response = client.post(enquiry_url(school, "en"), VALID)
    assert response.status_code == 429
    assert "several messages in a short time" in response.content.decode()
    assert Enquiry.objects.count() == 2
    # Another address is not limited.
    assert client.post(enquiry_url(school, "en"), VALID, REMOTE_ADDR="10.0.0.9").status_code == 302


def test_honeypot_filled_stores_nothing_and_sends_nothing(client, school):
    response = client.post(enquiry_url(school), {**VALID, "homepage": "http://spam.example"})
    assert response.status_code == 302
    assert Enquiry.objects.count() == 0
    assert mail.outbox == []


def test_post_without_csrf_token_is_refused(school):
    response = Client(enforce_csrf_checks=True).post(enquiry_url(school), VALID)
    assert response.status_code == 403
    assert Enquiry.objects.count() == 0


def test_form_page_has_csrf_token_and_honeypot(client, school):
    response = client.get(enquiry_url(school))
    html = response.content.decode()
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in html and 'name="homepage"' in html
    assert 'maxlength="5000"' in html


@pytest.mark.parametrize(
    ("field", "value", "french_error"),
    [
        ("message", "x" * 5001, "au plus 5000 caractères (actuellement 5001)"),
        ("email", "not-an-address", "Saisissez une adresse de courriel valide."),
        ("country", "XX", "Sélectionnez un choix valide. XX n’en fait pas partie."),
        ("name", "", None),
        ("language", "tlh", "Sélectionnez un choix valide. tlh n’en fait pas partie."),
    ],
)
def test_bad_input_is_refused_in_the_readers_language_and_stores_nothing(client, school, field, value, french_error):
    if french_error is None:
        # Whichever catalogue answers first (Django's or Wagtail's), in French.
        with translation.override("fr"):
            french_error = gettext("This field is required.")
        assert french_error != "This field is required."
    response = client.post(enquiry_url(school, "fr"), {**VALID, field: value})
    assert response.status_code == 200
    assert french_error in response.content.decode().replace("&#x27;", "'")
    assert field in response.context["enquiry_form"].errors
    assert Enquiry.objects.count() == 0
    assert mail.outbox == []


def test_missing_consent_is_refused(client, school):
    data = {key: value for key, value in VALID.items() if key != "consent"}
    response = client.post(enquiry_url(school, "en"), data)
    assert "consent" in response.context["enquiry_form"].errors
    assert "Please tick the box" in response.content.decode()
    assert Enquiry.objects.count() == 0


def test_html_and_script_are_shown_escaped(client, school):
    script = '<script>alert("x")</script>'
    response = client.post(enquiry_url(school, "en"), {**VALID, "name": script, "email": "bad"})
    html = response.content.decode()
    assert script not in html
    assert "&lt;script&gt;" in html
    assert Enquiry.objects.count() == 0


def test_unknown_or_unpublished_school_gives_404(client, school):
    assert client.post(reverse("partners:enquiry", args=[999999]), VALID).status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_parallel_senders_are_all_stored_exactly_once(live_server, settings):
    if connection.vendor == "sqlite":
        pytest.skip(
            "The SQLite test database is one in-memory connection shared by every thread of the live server, "
            "so parallel transactions interleave on it; this test runs on PostgreSQL (DATABASE_URL)."
        )

    ensure_site_tree()
    school = SchoolPageFactory(contact_email="intl@parallel.example.cn")
    settings.ENQUIRY_RATE_LIMIT = settings.ENQUIRY_SCHOOL_RATE_LIMIT = 1000
    url = live_server.url + enquiry_url(school, "en")
    errors = []

    def send(number):
        try:
            jar = CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            opener.open(url, timeout=30).read()
            token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
            data = urllib.parse.urlencode(
                {**VALID, "institution": f"Parallel {number}", "csrfmiddlewaretoken": token}
            ).encode()
            request = urllib.request.Request(url, data=data, headers={"Referer": url})
            opener.open(request, timeout=60).read()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append((number, repr(error)))

    threads = [threading.Thread(target=send, args=(number,)) for number in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    institutions = list(Enquiry.objects.values_list("institution", flat=True))
    assert sorted(institutions) == sorted(f"Parallel {number}" for number in range(50))


def test_ministry_sees_open_enquiries_and_median_time_to_first_answer_per_school(client, school):
    now = timezone.now()
    for hours in (2, 4, 30):
        EnquiryFactory(
            school=school,
            created_at=now - datetime.timedelta(hours=hours),
            status=EnquiryStatus.ANSWERED,
            answered_at=now,
        )
    EnquiryFactory(school=school)
    client.force_login(ministry_editor())
    html = client.get(reverse("enquiry_statistics")).content.decode()
    assert "Shenzhen Polytechnic" in html and "4.0" in html

    client.force_login(school_editor(school, "szpt"))
    assert client.get(reverse("enquiry_statistics")).status_code in (302, 403)  # Wagtail redirects a refusal


def test_marking_an_enquiry_answered_records_the_first_answer_time(client, school):
    enquiry = EnquiryFactory(school=school)
    client.force_login(school_editor(school, "szpt"))
    response = client.post(reverse("enquiries:edit", args=[enquiry.pk]), {"status": EnquiryStatus.ANSWERED})
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.ANSWERED and enquiry.answered_at is not None


def test_school_and_programme_pages_carry_the_enquiry_form_in_the_readers_language(client, school):
    programme = ProgrammePageFactory(parent=school)
    for page in (school, programme):
        with translation.override("fr"):
            url = page.url
        html = client.get(url).content.decode()
        assert f'action="{enquiry_url(school, "fr")}#enquiry"' in html
        assert "csrfmiddlewaretoken" in html
        assert "Saisissez" not in html  # no errors on a fresh form


def test_school_answers_from_the_admin_without_revealing_its_address(
    client, school, mailoutbox, django_capture_on_commit_callbacks
):
    enquiry = EnquiryFactory(school=school, language="fr", email="claire@example.fr")
    client.force_login(school_editor(school, "szpt"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("enquiries:edit", args=[enquiry.pk]),
            {"status": EnquiryStatus.NEW, "answer": "Nous serons ravis de vous accueillir en mars."},
        )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.ANSWERED and enquiry.answered_at is not None
    reply = EnquiryReply.objects.get(enquiry=enquiry)
    assert reply.sent_at is not None and reply.mail_status == MailStatus.SENT
    [mail] = mailoutbox
    assert mail.to == ["claire@example.fr"]
    assert "Nous serons ravis" in mail.body
    assert "Réponse" in mail.subject or "Shenzhen Polytechnic" in mail.subject
    everything = mail.body + mail.subject + mail.from_email + " ".join(mail.reply_to)
    assert "intl@szpt.example.cn" not in everything


def test_an_answer_is_kept_when_mail_fails(client, school, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens there
    enquiry = EnquiryFactory(school=school)
    client.force_login(school_editor(school, "szpt"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("enquiries:edit", args=[enquiry.pk]), {"status": "new", "answer": "We can host you."})
    reply = EnquiryReply.objects.get(enquiry=enquiry)
    assert reply.message == "We can host you." and reply.sent_at is None
    assert reply.mail_status == MailStatus.FAILED and reply.mail_next_attempt_at is not None


def test_other_school_cannot_answer_an_enquiry(client, school, mailoutbox):
    enquiry = EnquiryFactory(school=school)
    client.force_login(school_editor(SchoolPageFactory(), "other"))
    response = client.post(reverse("enquiries:edit", args=[enquiry.pk]), {"status": "new", "answer": "Hello"})
    assert response.status_code in (302, 403, 404)
    assert not EnquiryReply.objects.exists() and not mailoutbox
