"""Admin for the catalogue's non-page models. Each section below belongs to one
area of work; keep additions inside their section."""

# --- Yearly reports (school editors file, ministry editors verify) -------------
# The viewset and its form live in programmes/yearly_report_admin.py; importing
# it registers them with Wagtail.
from programmes import yearly_report_admin  # noqa: F401, I001


# --- Batches, selections, imports and the ministry dashboard --------------------
from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component

from portal.roles import is_ministry_editor

# Custom admin views (programmes/views.py, portal/views.py) guarded by
# portal.views.ministry_editor_required: any other admin user gets a 403.


class MinistryMenuItem(MenuItem):
    """A menu entry shown only to ministry editors."""

    def is_shown(self, request):
        return is_ministry_editor(request.user)


@hooks.register("register_admin_urls")
def register_batch_admin_urls():
    from portal import views as portal_views
    from programmes import views as batch_views

    batch_urls = [
        path("", batch_views.batch_index, name="index"),
        path("add/", batch_views.batch_edit, name="add"),
        path("<int:pk>/", batch_views.batch_detail, name="detail"),
        path("<int:pk>/edit/", batch_views.batch_edit, name="edit"),
        path("selections/<int:pk>/history/", batch_views.selection_history, name="history"),
        path("import/", batch_views.batch_import, name="import"),
        path("import/confirm/", batch_views.batch_import_confirm, name="import_confirm"),
    ]
    return [
        path("batches/", include((batch_urls, "programmes_batches"), namespace="programmes_batches")),
        path("ministry-dashboard/", portal_views.dashboard_view, name="portal_dashboard"),
        path(
            "ministry-dashboard/export/<slug:table>.<slug:export_format>",
            portal_views.dashboard_export_view,
            name="portal_dashboard_export",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_ministry_menu():
    return SubmenuMenuItem(
        _("Ministry"),
        Menu(
            items=[
                MinistryMenuItem(_("Dashboard"), reverse_lazy("portal_dashboard"), icon_name="table", order=100),
                MinistryMenuItem(
                    _("Batches"), reverse_lazy("programmes_batches:index"), icon_name="list-ol", order=200
                ),
                MinistryMenuItem(
                    _("Import a batch list"), reverse_lazy("programmes_batches:import"), icon_name="upload", order=300
                ),
            ]
        ),
        name="ministry",
        icon_name="table",
        order=150,
    )


class MinistryDashboardPanel(Component):
    """The admin home's first panel for ministry editors: progress toward the
    target, schools at risk and the way to the full dashboard."""

    name = "ministry_dashboard"
    order = -100
    template_name = "portal/dashboard/home_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        from portal import charts, dashboard

        target = dashboard.national_target(self.request)
        overall = dashboard.overall_table(target)
        selected = overall.rows[1][1]
        at_risk = dashboard.status_summary_table().rows[2][1]
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
