"""Search field types of the portal's index."""

from django.core.exceptions import FieldDoesNotExist

from wagtail.search import index


class BlankAwareSearchField(index.SearchField):
    """A search field whose missing value is indexed as no text, not as "None"
    (a rich text field turns an empty translation into the string "None")."""

    def get_value(self, obj):
        try:
            field = self.get_field(obj.__class__)
        except FieldDoesNotExist:
            field = None
        if field is not None and field.value_from_object(obj) is None:
            return ""
        value = super().get_value(obj)
        return "" if value is None else value
