import datetime

from django.core.management.base import BaseCommand

from partners.mail import MAX_ATTEMPTS, send_due_mail
from partners.models import MailStatus


class Command(BaseCommand):
    help = (
        "Send now the mail of enquiries and answers that is due: failed and past its wait, or left waiting "
        "(the mail worker does the same every minute; use this when it is not running). Each row is claimed "
        "before it is sent, so two runs at once, or a run beside the worker, send nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=MAX_ATTEMPTS,
            help=f"Give up on a mail after this many attempts (default {MAX_ATTEMPTS}).",
        )
        parser.add_argument(
            "--pending-after",
            type=int,
            default=10,
            help="Leave mail queued less than this many minutes ago to the worker (default 10).",
        )
        parser.add_argument(
            "--now", action="store_true", help="Do not wait for failed mail's backoff (e.g. after mending SMTP)."
        )

    def handle(self, *args, max_attempts=MAX_ATTEMPTS, pending_after=10, now=False, **options):
        outcomes = send_due_mail(
            max_attempts=max_attempts,
            ignore_backoff=now,
            pending_after=datetime.timedelta(minutes=pending_after),
        )
        sent = sum(1 for _kind, _pk, status in outcomes if status == MailStatus.SENT)
        for kind, pk, status in outcomes:
            if status != MailStatus.SENT:
                self.stdout.write(f"{kind.capitalize()} {pk}: {MailStatus(status).label}.")
        self.stdout.write(f"Retried {len(outcomes)}: {sent} sent, {len(outcomes) - sent} still failing.")
