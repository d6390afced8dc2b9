"""``manage.py catalogue_index rebuild``: rebuild the catalogue's search index
from the database, with a progress bar."""

from django.core.management.base import BaseCommand, CommandError

from search.page_cache import invalidate_catalogue_cache
from search.service import elasticsearch_enabled


class Command(BaseCommand):
    help = (
        "Rebuild the catalogue's search index from the database: the Elasticsearch index when "
        "ELASTICSEARCH_URL is set, otherwise the database search index of schools, programmes and "
        "partners. Safe to run again at any time."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild"], help="What to do: rebuild.")
        parser.add_argument("--batch-size", type=int, default=200, help="Pages read and indexed per batch.")

    def handle(self, *args, action, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        if elasticsearch_enabled():
            from search.elasticsearch_engine import index_name, rebuild

            self.stdout.write(f"Rebuilding the Elasticsearch index {index_name()}")
            count = rebuild(progress=self.progress, batch_size=batch_size)
        else:
            count = self.rebuild_database_index(batch_size)
        # Cached catalogue pages and every process's facet index are now out of date.
        invalidate_catalogue_cache()
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} pages."))

    def progress(self, done, total, label=""):
        width = 30
        filled = width * done // total if total else width
        self.stdout.write(f"\r{label}[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        self.stdout.flush()

    def rebuild_database_index(self, batch_size):
        from wagtail.search.backends import get_search_backend

        from partners.models import PartnerPage
        from programmes.models import ProgrammePage, SchoolPage

        backend = get_search_backend()
        count = 0
        for model in (SchoolPage, ProgrammePage, PartnerPage):
            label = f"{model._meta.verbose_name_plural}: "
            queryset = model.objects.order_by("pk")
            total = queryset.count()
            self.stdout.write(f"Indexing {total} {model._meta.verbose_name_plural}")
            index = backend.get_index_for_model(model)
            for start in range(0, total, batch_size):
                chunk = list(queryset[start : start + batch_size])
                index.add_items(model, chunk)
                count += len(chunk)
                self.progress(min(start + batch_size, total), total, label)
            self.stdout.write("")
        return count
