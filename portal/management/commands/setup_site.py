from django.core.management.base import BaseCommand

from portal.site_tree import ensure_site_tree


class Command(BaseCommand):
    help = "Create the home page, the default site and the school and partner directories if they are missing."

    def handle(self, *args, **options):
        home = ensure_site_tree()
        self.stdout.write(f"Home page: {home.url_path} (id {home.pk}).")
