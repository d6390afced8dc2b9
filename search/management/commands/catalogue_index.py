"""``manage.py catalogue_index rebuild``: rebuild the search index from the
database, with a progress bar."""

from django.core.management.base import BaseCommand

from search.engines import get_engine
from search.page_cache import invalidate_catalogue_cache


class Command(BaseCommand):
    help = (
        "Rebuild the search index of schools, programmes and partners from the database: the Elasticsearch "
        "indexes when ELASTICSEARCH_URL is set, otherwise the database engine's own index. Safe to run again "
        "at any time."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild"], help="What to do: rebuild.")

    def handle(self, *args, action, **options):
        engine = get_engine()
        self.stdout.write(f"Rebuilding the {engine.name} search index")
        count = engine.rebuild(progress=self.progress)
        # Cached catalogue pages and every process's facet index are now out of date.
        invalidate_catalogue_cache()
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} pages."))

    def progress(self, done, total):
        width = 30
        filled = width * done // total if total else width
        self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        self.stdout.flush()
