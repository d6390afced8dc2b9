"""Admin for the catalogue's non-page models. The ministry's batch tools and
dashboard are in the ministry app."""

# The yearly reports' viewset and its form live in programmes/yearly_report_admin.py;
# importing it registers them with Wagtail.
from programmes import yearly_report_admin  # noqa: F401
