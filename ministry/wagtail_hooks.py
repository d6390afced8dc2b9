"""The ministry editors' place in the admin: the "Ministry" menu, the URLs of
the dashboard, its exports, the batches, the batch-list import, the register
and partner-list imports and the enquiries by school, and the first panel of
their admin home. Every view is
guarded by ``ministry.views.ministry_editor_required``: any other admin user
gets a 403."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component

from ministry import batch_views, charts, dashboard, moderation, register_views, views
from ministry.register_views import PARTNERS, REGISTER
from portal.roles import is_ministry_editor


class MinistryMenuItem(MenuItem):
    """A menu entry shown only to ministry editors."""

    def is_shown(self, request):
        return is_ministry_editor(request.user)


@hooks.register("register_admin_urls")
def register_ministry_admin_urls():
    batch_urls = [
        path("", batch_views.batch_index, name="index"),
        path("add/", batch_views.batch_edit, name="add"),
        path("<int:pk>/", batch_views.batch_detail, name="detail"),
        path("<int:pk>/edit/", batch_views.batch_edit, name="edit"),
        path("selections/<int:pk>/history/", batch_views.selection_history, name="history"),
        path("import/", batch_views.batch_import, name="import"),
        path("import/review/", batch_views.batch_import_review, name="import_review"),
        path("import/confirm/", batch_views.batch_import_confirm, name="import_confirm"),
    ]
    register_urls = [
        path("", register_views.list_import, {"kind": REGISTER}, name="register_import"),
        path("review/", register_views.list_review, {"kind": REGISTER}, name="register_review"),
        path("confirm/", register_views.list_confirm, {"kind": REGISTER}, name="register_confirm"),
        path("partners/", register_views.list_import, {"kind": PARTNERS}, name="partners_import"),
        path("partners/review/", register_views.list_review, {"kind": PARTNERS}, name="partners_review"),
        path("partners/confirm/", register_views.list_confirm, {"kind": PARTNERS}, name="partners_confirm"),
    ]
    return [
        path("batches/", include((batch_urls, "programmes_batches"), namespace="programmes_batches")),
        path("register/", include((register_urls, "ministry_register"), namespace="ministry_register")),
        path("ministry-dashboard/", views.dashboard_view, name="portal_dashboard"),
        path(
            "ministry-dashboard/export/<slug:table>.<slug:export_format>",
            views.dashboard_export_view,
            name="portal_dashboard_export",
        ),
        path("enquiries-by-school/", views.enquiry_statistics_view, name="enquiry_statistics"),
    ]


@hooks.register("register_admin_menu_item")
def register_ministry_menu():
    return SubmenuMenuItem(
        _("Ministry"),
        Menu(
            items=[
                MinistryMenuItem(
                    pgettext_lazy("ministry menu", "Dashboard"),
                    reverse_lazy("portal_dashboard"),
                    icon_name="table",
                    order=100,
                ),
                MinistryMenuItem(
                    _("Batches"), reverse_lazy("programmes_batches:index"), icon_name="list-ol", order=200
                ),
                MinistryMenuItem(
                    _("Import a batch list"), reverse_lazy("programmes_batches:import"), icon_name="upload", order=300
                ),
                MinistryMenuItem(
                    _("Import a register of programmes"),
                    reverse_lazy("ministry_register:register_import"),
                    icon_name="upload",
                    order=310,
                ),
                MinistryMenuItem(
                    _("Import a list of partners"),
                    reverse_lazy("ministry_register:partners_import"),
                    icon_name="upload",
                    order=320,
                ),
            ]
        ),
        name="ministry",
        icon_name="table",
        order=150,
    )


@hooks.register("register_admin_menu_item")
def register_enquiry_statistics_menu_item():
    # Beside "Enquiries" in the main menu, where editors look for them.
    return MinistryMenuItem(_("Enquiries by school"), reverse_lazy("enquiry_statistics"), icon_name="table", order=211)


class MinistryDashboardPanel(Component):
    """The admin home's first panel for ministry editors: progress toward the
    target, schools at risk and the way to the full dashboard."""

    name = "ministry_dashboard"
    order = -100
    template_name = "ministry/dashboard/home_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        target = dashboard.national_target(self.request)
        selected = dashboard.overall_table(target).value("selected", "value")
        at_risk = dashboard.status_summary_table().value(dashboard.AT_RISK, "schools")
        return {
            "selected": selected,
            "target": target,
            "at_risk": at_risk,
            "chart": charts.progress_bar(selected, target, _("Selected schools against the national target")),
        }


@hooks.register("construct_homepage_panels")
def add_ministry_dashboard_panel(request, panels):
    if is_ministry_editor(request.user):
        panels.insert(0, MinistryDashboardPanel(request))
        rows = moderation.submissions()
        if rows:
            panels.insert(1, moderation.ModerationPanel(rows))
