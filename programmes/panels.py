"""Edit-form panels of the programmes app."""

from django.urls import reverse

from wagtail.admin.panels import Panel


class SchoolProgrammesPanel(Panel):
    """On a school's edit form: its programmes, each linked to its editor, and
    "Add a programme", so a school's international office finds where its
    programmes go without learning Wagtail's page tree."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "programmes/admin/school_programmes_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            school = self.instance
            context["saved"] = bool(school.pk)
            if school.pk:
                from programmes.models import ProgrammePage  # noqa: PLC0415 - models import this module

                context["programmes"] = ProgrammePage.objects.child_of(school).order_by("path")
                permissions = school.permissions_for_user(self.request.user)
                if permissions.can_add_subpage():
                    context["add_url"] = reverse(
                        "wagtailadmin_pages:add", args=["programmes", "programmepage", school.pk]
                    )
            return context
