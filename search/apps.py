from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Finding things: indexing, facets, the catalogue, search page and API."""

    name = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, indexing_fields, signals  # noqa: F401 - checks registers itself

        indexing_fields.index_missing_translations_as_empty()
        signals.connect()
