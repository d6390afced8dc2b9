"""Spreadsheets the admin exports are opened in Excel or LibreOffice by people
who trust them: a text that starts like a formula (``=HYPERLINK(…)`` typed
into the public enquiry form, or a school name imported as ``=1+1``) must
stay text there. Wagtail's XLSX export already stores such a cell as text;
in CSV the value gets a leading apostrophe, as OWASP recommends, so that no
spreadsheet program evaluates it."""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

# What spreadsheet programs read as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def as_spreadsheet_text(value):
    """``value`` with a leading apostrophe when it is a text a spreadsheet would evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeExportMixin(SpreadsheetExportMixin):
    """Wagtail's spreadsheet export, with no text exported as a live formula."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return as_spreadsheet_text(value) if export_format == self.FORMAT_CSV else value
