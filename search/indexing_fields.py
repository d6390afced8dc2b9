"""Wagtail's own search index (the admin's page search) holds an empty
translation as no text rather than the word "None".

wagtail-modeltranslation clones each translated SearchField once per language
(title_fr, description_ar…). An empty translation holds None, which the
database backend indexes as the word "None": every page missing a
translation would match an admin search for "none"."""

from django.core.exceptions import FieldDoesNotExist

from wagtail.search import index

from .indexing import KIND_OF_MODEL


class BlankAwareSearchField(index.SearchField):
    """A search field whose missing value is indexed as no text, not as "None"."""

    def get_value(self, obj):
        try:
            field = self.get_field(obj.__class__)
        except FieldDoesNotExist:
            field = None
        if field is not None and field.value_from_object(obj) is None:
            return ""
        value = super().get_value(obj)
        return "" if value is None else value


def index_missing_translations_as_empty():
    """Turn the plain search fields of the indexed page types into ``BlankAwareSearchField``s."""
    for model in KIND_OF_MODEL:
        for search_field in model.search_fields:
            if type(search_field) is index.SearchField:
                search_field.__class__ = BlankAwareSearchField
