from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Finding things: indexing, facets, the catalogue, search page and API."""

    name = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.search import index

        # wagtail-modeltranslation has by now cloned each translated SearchField
        # once per language (title_fr, description_ar…). An empty translation
        # holds None, which the database backend indexes as the word "None"
        # (NOTES.md): every page missing a translation would match a search for
        # "none". Index it as empty text instead.
        from partners.models import PartnerPage
        from programmes.models import ProgrammePage, SchoolPage

        from . import checks, signals  # noqa: F401 - checks registers itself
        from .indexing_fields import BlankAwareSearchField

        for model in (SchoolPage, ProgrammePage, PartnerPage):
            for search_field in model.search_fields:
                if type(search_field) is index.SearchField:
                    search_field.__class__ = BlankAwareSearchField

        signals.connect()
