"""The mail worker's tasks for accounts (huey; see ``partners.tasks`` for the
worker itself)."""

import logging

from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.utils import translation

from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from huey.contrib.djhuey import db_task

logger = logging.getLogger(__name__)


class WorkerPasswordResetForm(WagtailPasswordResetForm):
    """What the worker runs: Django's look-up and link, with a failed send
    raised (Django's form only logs it) so that the task is retried."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        EmailMultiAlternatives(subject, body, from_email, [to_email]).send(fail_silently=False)


@db_task(retries=4, retry_delay=60, retry_backoff=2)
def send_password_reset_mail(email, domain, use_https, language):
    """Look the account up and mail it a reset link; nothing when there is
    none. The link is made here, so no token ever waits in the queue."""
    with translation.override(language):
        form = WorkerPasswordResetForm({"email": email})
        if form.is_valid():
            form.save(
                domain_override=domain,
                use_https=use_https,
                subject_template_name="wagtailadmin/account/password_reset/email_subject.txt",
                email_template_name="wagtailadmin/account/password_reset/email.txt",
            )


def queue_password_reset_mail(**arguments):
    try:
        send_password_reset_mail(**arguments)
    except Exception:  # noqa: BLE001 - the answer must not differ; the person can ask again
        logger.exception("Could not queue a password reset mail.")
