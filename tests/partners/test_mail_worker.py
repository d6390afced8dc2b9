"""Mail leaves the request: an enquiry or an answer is stored and queued, the
worker sends it; a stalled mail server never holds the visitor; failures are
retried with growing waits; each mail goes at most once, even with two
workers (or two runs of `retry_enquiry_mail`) at the same rows."""

import datetime
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from partners.mail import claim, retry_delay, send_due_mail, send_enquiry_mail
from partners.models import Enquiry, EnquiryReply, MailStatus
from portal.site_tree import ensure_site_tree
from tests.editor_accounts import school_editor
from tests.factories import EnquiryFactory, SchoolPageFactory

ROOT = Path(__file__).resolve().parents[2]

VALID = {
    "name": "Claire Martin",
    "institution": "Lycée professionnel de Lyon",
    "country": "FR",
    "email": "claire@example.fr",
    "language": "en",
    "message": "Bonjour, nous cherchons un partenaire pour la mécatronique.",
    "consent": "on",
}


@pytest.fixture
def school(home):
    return SchoolPageFactory(title="Shenzhen Polytechnic", contact_email="intl@szpt.example.cn")


def enquiry_url(school):
    with translation.override("en"):
        return reverse("partners:enquiry", args=[school.pk])


def test_the_visitor_is_answered_while_the_mail_server_stalls(
    client, school, mail_queue, stalled_smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(enquiry_url(school), VALID)
    assert response.status_code == 302
    # The request never spoke to the mail server: the mail waits in the queue.
    assert stalled_smtp.connections == []
    enquiry = Enquiry.objects.get()
    assert enquiry.mail_status == MailStatus.PENDING
    assert mail_queue.queued() == ["send_enquiry_mail_task"]

    # The worker meets the stalled server, gives up after EMAIL_TIMEOUT and
    # schedules a retry instead of hanging.
    mail_queue.run()
    assert stalled_smtp.connections
    enquiry.refresh_from_db()
    assert enquiry.mail_status == MailStatus.FAILED and enquiry.mail_attempts == 1
    assert "timed out" in enquiry.mail_error
    assert [name for name, _eta in mail_queue.scheduled()] == ["send_enquiry_mail_task"]


def test_the_thank_you_promises_the_confirmation_it_has_not_sent_yet(
    client, school, mail_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(enquiry_url(school), VALID, follow=True)
    html = response.content.decode()
    assert "We will email you a confirmation." in html
    assert "We have emailed you" not in html and "has been sent" not in html
    assert mail.outbox == []


def test_failed_mail_is_retried_with_growing_waits_until_it_goes(school, mail_queue, settings):
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert retry_delay(50) == 6 * 3600
    enquiry = EnquiryFactory(school=school)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1  # nothing listens

    waits = []
    for attempt in (1, 2, 3):
        before = timezone.now()
        assert send_enquiry_mail(enquiry.pk) == MailStatus.FAILED
        enquiry.refresh_from_db()
        assert enquiry.mail_attempts == attempt
        waits.append(round((enquiry.mail_next_attempt_at - before).total_seconds() / 60))
        # Not due before its wait is over: nobody sends it, not even the sweep.
        assert send_enquiry_mail(enquiry.pk) is None and send_due_mail() == []
        Enquiry.objects.filter(pk=enquiry.pk).update(mail_next_attempt_at=timezone.now())  # the wait passes
    assert waits == [1, 2, 4]

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the server is back
    assert send_due_mail() == [("enquiry", enquiry.pk, MailStatus.SENT)]
    assert len(mail.outbox) == 2
    assert send_due_mail() == [] and len(mail.outbox) == 2


def test_the_worker_task_reschedules_itself_after_a_failure(school, mail_queue, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    enquiry = EnquiryFactory(school=school)
    from partners.tasks import send_enquiry_mail_task

    send_enquiry_mail_task(enquiry.pk)
    mail_queue.run()
    [(name, eta)] = mail_queue.scheduled()
    enquiry.refresh_from_db()
    # huey keeps naive UTC times; the retry is due when the row says so.
    assert abs(eta.replace(tzinfo=datetime.UTC) - enquiry.mail_next_attempt_at) < datetime.timedelta(seconds=5)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Enquiry.objects.filter(pk=enquiry.pk).update(mail_next_attempt_at=timezone.now())
    mail_queue.run(include_scheduled=True)
    enquiry.refresh_from_db()
    assert enquiry.mail_status == MailStatus.SENT and len(mail.outbox) == 2
    assert mail_queue.scheduled() == []


def test_mail_is_given_up_after_the_last_attempt(school, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    enquiry = EnquiryFactory(school=school, mail_attempts=11)
    assert send_enquiry_mail(enquiry.pk) == MailStatus.ABANDONED
    assert send_due_mail(ignore_backoff=True) == []


def test_a_claimed_row_is_not_claimed_again_until_its_worker_is_presumed_dead(school):
    enquiry = EnquiryFactory(school=school)
    assert claim(Enquiry, enquiry.pk) is True
    assert claim(Enquiry, enquiry.pk) is False
    assert send_enquiry_mail(enquiry.pk) is None and mail.outbox == []
    # The claim outlived every possible SMTP timeout: its worker died; take it over.
    Enquiry.objects.filter(pk=enquiry.pk).update(mail_claimed_until=timezone.now() - datetime.timedelta(seconds=1))
    assert send_enquiry_mail(enquiry.pk) == MailStatus.SENT
    assert len(mail.outbox) == 2


def test_a_mail_that_went_before_a_crash_is_not_sent_again(school):
    enquiry = EnquiryFactory(school=school, school_mailed_at=timezone.now(), mail_status=MailStatus.FAILED)
    assert send_enquiry_mail(enquiry.pk) == MailStatus.SENT
    assert [message.to for message in mail.outbox] == [[enquiry.email]]


def test_an_answer_is_queued_and_the_worker_mails_it(client, school, mail_queue, django_capture_on_commit_callbacks):
    enquiry = EnquiryFactory(school=school, email="claire@example.fr")
    client.force_login(school_editor(school, "szpt"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("enquiries:edit", args=[enquiry.pk]), {"status": "new", "answer": "We can host you in March."}
        )
    assert response.status_code == 302
    reply = EnquiryReply.objects.get()
    assert reply.mail_status == MailStatus.PENDING and mail.outbox == []
    assert mail_queue.queued() == ["send_reply_mail_task"]
    mail_queue.run()
    reply.refresh_from_db()
    assert reply.mail_status == MailStatus.SENT and reply.sent_at is not None
    [answer] = mail.outbox
    assert answer.to == ["claire@example.fr"] and "We can host you in March." in answer.body


def test_the_retry_command_sends_answers_too(school):
    reply = EnquiryReply.objects.create(enquiry=EnquiryFactory(school=school), message="Yes.")
    out = StringIO()
    call_command("retry_enquiry_mail", "--pending-after", "0", stdout=out)
    reply.refresh_from_db()
    assert reply.mail_status == MailStatus.SENT
    assert "Retried 2: 2 sent" in out.getvalue()  # the enquiry and its answer


# --- Two workers at once (PostgreSQL: the SQLite test database lives in one process) ---


# Two processes need a database server to share: the SQLite test database lives in one process's memory.
ON_POSTGRESQL = pytest.mark.skipif(
    django_settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3",
    reason="Two processes need a database server to share: this runs on PostgreSQL (DATABASE_URL).",
)


def _database_url():
    conf = connection.settings_dict
    user = conf["USER"] or "postgres"
    password = f":{conf['PASSWORD']}" if conf["PASSWORD"] else ""
    return f"postgres://{user}{password}@{conf['HOST'] or '127.0.0.1'}:{conf['PORT'] or 5432}/{conf['NAME']}"


def _run_together(commands, mail_dir):
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "tests.partners.worker_settings",
        "WORKER_MAIL_DIR": str(mail_dir),
    }
    processes = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for command in commands
    ]
    results = [process.communicate(timeout=300) for process in processes]
    for process, (_out, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err
    return [out for out, _err in results]


def _sent_messages(mail_dir):
    """(recipient, subject) of every message the workers wrote, as an SMTP server would have received them."""
    from email import message_from_string

    sent = []
    for path in sorted(Path(mail_dir).iterdir()):
        for chunk in path.read_text().split("\n" + "-" * 79 + "\n"):
            if chunk.strip():
                message = message_from_string(chunk.strip())
                sent.append((message["To"], message["Subject"]))
    return sent


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_the_same_rows_send_each_mail_once(tmp_path):
    ensure_site_tree()
    school = SchoolPageFactory(contact_email="intl@two-workers.example.cn")
    enquiries = [EnquiryFactory(school=school, email=f"sender{n}@example.org") for n in range(24)]
    replies = [EnquiryReply.objects.create(enquiry=enquiry, message="Yes.") for enquiry in enquiries[:8]]

    worker = [sys.executable, "-m", "tests.partners.worker_process"]
    _run_together([worker, worker], tmp_path)

    sent = _sent_messages(tmp_path)
    to_school = [to for to, _subject in sent if to == "intl@two-workers.example.cn"]
    to_senders = sorted(to for to, _subject in sent if to != "intl@two-workers.example.cn")
    assert len(to_school) == 24
    # Each sender: one confirmation, plus one answer for the first eight.
    expected = sorted([e.email for e in enquiries] + [r.enquiry.email for r in replies])
    assert to_senders == expected
    assert set(Enquiry.objects.values_list("mail_status", flat=True)) == {MailStatus.SENT}
    assert set(EnquiryReply.objects.values_list("mail_status", flat=True)) == {MailStatus.SENT}


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_overlapping_retry_commands_send_nothing_twice(tmp_path):
    ensure_site_tree()
    school = SchoolPageFactory(contact_email="intl@overlap.example.cn")
    enquiries = [
        EnquiryFactory(school=school, email=f"late{n}@example.org", mail_status=MailStatus.FAILED) for n in range(20)
    ]

    command = [sys.executable, "manage.py", "retry_enquiry_mail", "--pending-after", "0"]
    outputs = _run_together([command, command], tmp_path)

    sent = _sent_messages(tmp_path)
    assert len(sent) == 40  # 20 to the school, 20 confirmations: none twice
    assert sorted(to for to, _s in sent if to != "intl@overlap.example.cn") == sorted(e.email for e in enquiries)
    # Between them the two runs sent all 20, each row by one run only.
    counts = [int(out.rsplit("Retried ", 1)[1].split(":")[0]) for out in outputs]
    assert sum(counts) == 20


def test_answers_stored_before_the_worker_keep_their_mail_state(school):
    """The data migration: an answer that went is sent; one whose mail failed is retried by the worker."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("partners.migrations.0007_mail_worker_claims_and_rate_counters")
    enquiry = EnquiryFactory(school=school)
    went = EnquiryReply.objects.create(enquiry=enquiry, message="Sent.", sent_at=timezone.now())
    failed = EnquiryReply.objects.create(enquiry=enquiry, message="Not sent.")
    migration.answers_keep_their_mail_state(apps, None)
    went.refresh_from_db()
    failed.refresh_from_db()
    assert went.mail_status == MailStatus.SENT and went.message == "Sent."
    assert failed.mail_status == MailStatus.FAILED and failed.message == "Not sent."
    Enquiry.objects.filter(pk=enquiry.pk).update(mail_status=MailStatus.SENT)
    assert send_due_mail(ignore_backoff=True) == [("answer", failed.pk, MailStatus.SENT)]
