"""Mail about enquiries: the school is told in its own language (Reply-To the
sender, so staff answer directly), the sender gets a confirmation in theirs.
The sender never learns the school's address. Called after the enquiry is
stored; a failure is recorded on the enquiry and retried by
``manage.py retry_enquiry_mail``."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from partners.models import MailStatus
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
    """The confirmation to the sender, in the language they chose. It names the
    school but never its address; it comes from the portal's address."""
    with translation.override(enquiry.language or settings.LANGUAGE_CODE):
        subject = _("Your message to %(school)s") % {"school": _one_line(enquiry.school.title)}
        body = render_to_string(
            "partners/mail/enquiry_confirmation.txt", {"enquiry": enquiry, "school": enquiry.school}
        )
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[enquiry.email])


def send_enquiry_mail(enquiry):
    """Send whichever of the two mails has not gone yet; record the outcome on
    the enquiry. Returns True when both have been sent. Never raises: the
    enquiry is already stored and a failure is retried later."""
    enquiry.mail_attempts += 1
    errors = []
    for sent_field, build in (("school_mailed_at", school_mail), ("confirmation_mailed_at", confirmation_mail)):
        if getattr(enquiry, sent_field) is not None:
            continue
        try:
            build(enquiry).send(fail_silently=False)
        except Exception as error:  # noqa: BLE001 - any failure of the mail system is retried later
            logger.warning("Enquiry %s: %s failed: %s", enquiry.pk, sent_field, error)
            errors.append(f"{sent_field}: {error}")
        else:
            setattr(enquiry, sent_field, timezone.now())
    enquiry.mail_status = MailStatus.FAILED if errors else MailStatus.SENT
    enquiry.mail_error = "; ".join(errors)[:255]
    enquiry.save(
        update_fields=["mail_attempts", "school_mailed_at", "confirmation_mailed_at", "mail_status", "mail_error"]
    )
    return not errors


def reply_mail(reply):
    """A school's answer, sent to the sender in the language they chose, from
    the portal's address (the school's address stays hidden)."""
    enquiry = reply.enquiry
    with translation.override(enquiry.language or settings.LANGUAGE_CODE):
        subject = _("Answer from %(school)s") % {"school": _one_line(enquiry.school.title)}
        body = render_to_string("partners/mail/enquiry_reply.txt", {"reply": reply, "enquiry": enquiry})
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[enquiry.email])


def send_reply(reply):
    """Mail a stored answer; returns whether it went. Never raises: the answer
    is kept either way and can be sent again from the admin."""
    try:
        reply_mail(reply).send(fail_silently=False)
    except Exception as error:  # noqa: BLE001 - any failure of the mail system leaves the answer stored
        logger.warning("Answer %s to enquiry %s failed: %s", reply.pk, reply.enquiry_id, error)
        return False
    reply.sent_at = timezone.now()
    reply.save(update_fields=["sent_at"])
    return True
