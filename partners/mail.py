"""Mail about enquiries: the school is told in its own language (Reply-To the
sender, so staff answer directly), the sender gets a fixed confirmation in
theirs, and the school's answers go to the sender. The sender never learns the
school's address.

Nothing here runs in a web request: enquiries and answers are stored first,
then the mail worker (``partners.tasks``, or ``manage.py retry_enquiry_mail``)
sends them. A worker first claims the row with one conditional UPDATE, so that
of two workers (or two overlapping runs of the command) only one sends it; a
failure is recorded on the row and retried later, each wait twice the last.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from partners.models import Enquiry, EnquiryReply, MailStatus
from portal.languages import language_name_translated

logger = logging.getLogger(__name__)


def _one_line(text):
    """Header-safe text: no line breaks (they would be refused as header injection)."""
    return " ".join(str(text).split())[:150]


def _admin_url(enquiry):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("enquiries:edit", args=[enquiry.pk])


def school_mail(enquiry):
    """The message to the school's enquiry address, in the school's language."""
    school = enquiry.school
    recipient = school.contact_email or getattr(settings, "ENQUIRY_FALLBACK_EMAIL", "")
    if not recipient:
        raise ValueError("The school has no enquiry email address yet.")
    with translation.override(school.contact_language or "zh-hans"):
        subject = _("Enquiry from %(institution)s (%(country)s)") % {
            "institution": _one_line(enquiry.institution),
            "country": enquiry.country.name,
        }
        body = render_to_string(
            "partners/mail/enquiry_to_school.txt",
            {
                "enquiry": enquiry,
                "school": school,
                "admin_url": _admin_url(enquiry),
                # The sender's language named in the school's language (法语, not Français).
                "language": language_name_translated(enquiry.language),
            },
        )
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
        reply_to=[enquiry.email],
    )


def confirmation_mail(enquiry):
    """The confirmation to the sender, in the language they chose. Anyone can
    type any address into the form, so it carries nothing the sender typed (no
    name, no message): only the school's and programme's names and the date,
    from the portal's address, never the school's."""
    with translation.override(enquiry.language or settings.LANGUAGE_CODE):
        subject = _("Your message to %(school)s") % {"school": _one_line(enquiry.school.title)}
        body = render_to_string(
            "partners/mail/enquiry_confirmation.txt",
            {"school": enquiry.school, "programme": enquiry.programme, "received": enquiry.created_at},
        )
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[enquiry.email])


def reply_mail(reply):
    """A school's answer, sent to the sender in the language they chose, from
    the portal's address (the school's address stays hidden)."""
    enquiry = reply.enquiry
    with translation.override(enquiry.language or settings.LANGUAGE_CODE):
        subject = _("Answer from %(school)s") % {"school": _one_line(enquiry.school.title)}
        body = render_to_string("partners/mail/enquiry_reply.txt", {"reply": reply, "enquiry": enquiry})
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[enquiry.email])


# --- Sending, once -------------------------------------------------------------

MAX_ATTEMPTS = 12  # waits of 1 min, 2, 4 … 256, then 6 h twice: about 20 hours of trying
FIRST_RETRY_SECONDS = 60
LONGEST_RETRY_SECONDS = 6 * 3600


def retry_delay(attempts):
    """Seconds to wait after the ``attempts``-th failed attempt."""
    return min(FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0), LONGEST_RETRY_SECONDS)


def claim_seconds():
    """How long a claim holds. Every SMTP step is bounded by EMAIL_TIMEOUT and a
    row needs at most two mails, so a live worker is done well within it; a row
    still claimed after it belongs to a worker that died, and is taken again."""
    return 30 * settings.EMAIL_TIMEOUT + 60


def due(now, max_attempts=MAX_ATTEMPTS, ignore_backoff=False):
    """Rows a worker may take now: waiting, or failed and past their backoff,
    and not given up; or claimed by a worker that died."""
    waiting = Q(mail_status__in=[MailStatus.PENDING, MailStatus.FAILED], mail_attempts__lt=max_attempts)
    if not ignore_backoff:
        waiting &= Q(mail_next_attempt_at__isnull=True) | Q(mail_next_attempt_at__lte=now)
    return waiting | Q(mail_status=MailStatus.SENDING, mail_claimed_until__lt=now)


def claim(model, pk, **due_options):
    """Take the row for this worker, or return False when another worker has
    it or it is not due. One UPDATE … WHERE: on PostgreSQL a second UPDATE of
    the same row waits for the first to commit, then finds its condition false;
    SQLite runs one writer at a time."""
    now = timezone.now()
    return (
        model.objects.filter(due(now, **due_options), pk=pk).update(
            mail_status=MailStatus.SENDING,
            mail_claimed_until=now + datetime.timedelta(seconds=claim_seconds()),
            mail_attempts=F("mail_attempts") + 1,
        )
        == 1
    )


def _finish(model, row, errors, max_attempts=MAX_ATTEMPTS):
    """Record the outcome of a claimed row and release it; returns its new status."""
    attempts = model.objects.values_list("mail_attempts", flat=True).get(pk=row.pk)
    changes = {"mail_claimed_until": None, "mail_error": "; ".join(errors)[:255]}
    if not errors:
        changes.update(mail_status=MailStatus.SENT, mail_next_attempt_at=None)
    elif attempts >= max_attempts:
        changes.update(mail_status=MailStatus.ABANDONED, mail_next_attempt_at=None)
    else:
        changes.update(
            mail_status=MailStatus.FAILED,
            mail_next_attempt_at=timezone.now() + datetime.timedelta(seconds=retry_delay(attempts)),
        )
    model.objects.filter(pk=row.pk).update(**changes)
    return changes["mail_status"]


def send_enquiry_mail(enquiry_id, **due_options):
    """Claim the enquiry and send whichever of its mails has not gone yet.
    Returns the new mail status, or None when it was not this worker's to send.
    Never raises: a failure is recorded and retried."""
    if not claim(Enquiry, enquiry_id, **due_options):
        return None
    enquiry = Enquiry.objects.select_related("school", "programme").get(pk=enquiry_id)
    errors = []
    for sent_field, build, wanted in (
        ("school_mailed_at", school_mail, True),
        ("confirmation_mailed_at", confirmation_mail, enquiry.send_confirmation),
    ):
        if not wanted or getattr(enquiry, sent_field) is not None:
            continue
        try:
            build(enquiry).send(fail_silently=False)
        except Exception as error:  # noqa: BLE001 - any failure of the mail system is retried later
            logger.warning("Enquiry %s: %s failed: %s", enquiry.pk, sent_field, error)
            errors.append(f"{sent_field}: {error}")
        else:
            # Recorded at once: if the worker dies before the end, this one is not sent again.
            Enquiry.objects.filter(pk=enquiry.pk).update(**{sent_field: timezone.now()})
    return _finish(Enquiry, enquiry, errors, due_options.get("max_attempts", MAX_ATTEMPTS))


def send_reply_mail(reply_id, **due_options):
    """Claim a school's stored answer and mail it; like ``send_enquiry_mail``."""
    if not claim(EnquiryReply, reply_id, **due_options):
        return None
    reply = EnquiryReply.objects.select_related("enquiry__school").get(pk=reply_id)
    errors = []
    try:
        reply_mail(reply).send(fail_silently=False)
    except Exception as error:  # noqa: BLE001 - any failure of the mail system leaves the answer stored
        logger.warning("Answer %s to enquiry %s failed: %s", reply.pk, reply.enquiry_id, error)
        errors.append(str(error))
    else:
        EnquiryReply.objects.filter(pk=reply.pk).update(sent_at=timezone.now())
    return _finish(EnquiryReply, reply, errors, due_options.get("max_attempts", MAX_ATTEMPTS))


def seconds_until_retry(model, pk):
    """Seconds until a failed row is due again (None when it is not waiting for a retry)."""
    status, next_at = model.objects.values_list("mail_status", "mail_next_attempt_at").get(pk=pk)
    if status != MailStatus.FAILED or next_at is None:
        return None
    return max((next_at - timezone.now()).total_seconds(), 0)


def send_due_mail(max_attempts=MAX_ATTEMPTS, ignore_backoff=False, pending_after=None):
    """Send every enquiry and answer whose mail is due, one claim at a time;
    what another worker holds is left to it. ``pending_after`` leaves rows
    younger than that (a timedelta) to the worker that was told about them.
    Returns the outcomes: a list of (kind, pk, new status)."""
    now = timezone.now()
    outcomes = []
    for kind, model, send in (("enquiry", Enquiry, send_enquiry_mail), ("answer", EnquiryReply, send_reply_mail)):
        rows = model.objects.filter(due(now, max_attempts, ignore_backoff))
        if pending_after:
            rows = rows.exclude(mail_status=MailStatus.PENDING, created_at__gt=now - pending_after)
        for pk in rows.order_by("created_at").values_list("pk", flat=True)[:1000]:
            status = send(pk, max_attempts=max_attempts, ignore_backoff=ignore_backoff)
            if status is not None:
                outcomes.append((kind, pk, status))
    return outcomes
