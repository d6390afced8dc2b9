import datetime

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from partners.mail import send_enquiry_mail
from partners.models import Enquiry, MailStatus


class Command(BaseCommand):
    help = (
        "Send again the mail of enquiries whose mail failed (and of those left waiting by a crash). "
        "Only the mails not yet sent go out, so running it twice sends nothing twice. Run it from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-attempts", type=int, default=20, help="Give up on an enquiry after this many attempts (default 20)."
        )
        parser.add_argument(
            "--pending-after",
            type=int,
            default=10,
            help="Also retry enquiries still waiting after this many minutes (default 10).",
        )

    def handle(self, *args, max_attempts=20, pending_after=10, **options):
        stale = timezone.now() - datetime.timedelta(minutes=pending_after)
        enquiries = (
            Enquiry.objects.filter(
                Q(mail_status=MailStatus.FAILED) | Q(mail_status=MailStatus.PENDING, created_at__lt=stale),
                mail_attempts__lt=max_attempts,
            )
            .select_related("school", "programme")
            .order_by("created_at")
        )
        sent = failed = 0
        for enquiry in enquiries:
            if send_enquiry_mail(enquiry):
                sent += 1
            else:
                failed += 1
                self.stdout.write(f"Enquiry {enquiry.pk}: still failing ({enquiry.mail_error}).")
        self.stdout.write(f"Retried {sent + failed} enquiries: {sent} sent, {failed} still failing.")
