from django.core.management.base import BaseCommand

from portal.storage import move_private_documents


class Command(BaseCommand):
    help = (
        "Move document files left under MEDIA_ROOT/documents/ (public to any web server serving /media/) into "
        "PRIVATE_MEDIA_ROOT, where only Wagtail's document view reads them. Idempotent; the database is unchanged."
    )

    def handle(self, *args, **options):
        move_private_documents(self.stdout)
