"""Public URLs of the partners app (under the language prefix)."""

from django.urls import path

from partners.views import EnquiryView

app_name = "partners"
urlpatterns = [
    path("enquiry/<int:school_id>/", EnquiryView.as_view(), name="enquiry"),
]
