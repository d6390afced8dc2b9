"""Admin for yearly reports: school editors file their own school's figures
with evidence files; ministry editors see all and mark reports verified.
Imported, and so registered, by programmes/wagtail_hooks.py. A second report
for the same school and year is refused by the model's constraint, whose
message says what to do."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry, register_permission_policy

from portal.permissions import SchoolScopedPermissionPolicy, SchoolScopedViewSet
from portal.roles import collections_of_other_schools, is_ministry_editor, schools_for
from programmes.models import YearlyReport

register_permission_policy(YearlyReport, SchoolScopedPermissionPolicy(YearlyReport))


class YearlyReportAdminForm(WagtailAdminModelForm):
    """The yearly report form: a school editor picks only their own school(s);
    a ministry editor also sees the "verified" box. Changing the figures of a
    verified report (as a school editor) withdraws the verification."""

    verified = forms.BooleanField(
        label=_("Verified"),
        required=False,
        help_text=_("Tick when you have checked the figures against the evidence. Only verified figures are public."),
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        if "school" in self.fields and for_user is not None:
            self.fields["school"].queryset = schools_for(for_user).order_by("title")
        if for_user is None or not is_ministry_editor(for_user):
            self.fields.pop("verified", None)
        else:
            self.fields["verified"].initial = self.instance.is_verified

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and year > timezone.localdate().year:
            raise forms.ValidationError(_("A report cannot be filed for a year that has not started."))
        return year

    def is_valid(self):
        valid = super().is_valid()
        return self._evidence_is_the_schools_own() and valid

    def _evidence_is_the_schools_own(self):
        """Each evidence file must be one the user may choose and must not be
        another school's (its private collection): a report shows its evidence
        to everyone who sees the report."""
        formset = self.formsets.get("evidence")
        if formset is None:
            return True
        school = getattr(self, "cleaned_data", {}).get("school") or getattr(self.instance, "school", None)
        others = collections_of_other_schools(school)
        documents = policy_registry.get_by_type(get_document_model())
        choosable = documents.instances_user_has_any_permission_for(self.for_user, ["choose"])
        valid = True
        for form in formset.forms:
            document = getattr(form, "cleaned_data", {}).get("document")
            if document is None or form.cleaned_data.get("DELETE"):
                continue
            if document.collection_id in others or not choosable.filter(pk=document.pk).exists():
                form.add_error(
                    "document",
                    _("This document belongs to another school. Choose one of your own school's documents."),
                )
                # Shown again empty: the form must not print the other school's title.
                form.data = form.data.copy()
                form.data[form.add_prefix("document")] = ""
                valid = False
        return valid

    def save(self, commit=True):
        report = super().save(commit=False)
        user = self.for_user
        if report.pk is None and user is not None:
            report.submitted_by = user
        if "verified" in self.fields:
            if self.cleaned_data.get("verified") and not report.verified_at:
                report.verified_at = timezone.now()
                report.verified_by = user
            elif not self.cleaned_data.get("verified"):
                report.verified_at = None
                report.verified_by = None
        elif report.verified_at and any(name in self.changed_data for name in YearlyReport.FIGURES + ["year"]):
            report.verified_at = None
            report.verified_by = None
        if commit:
            report.save()
            self._save_m2m()
            self.save_m2m = lambda: None
        return report


class YearlyReportViewSet(SchoolScopedViewSet):
    """Yearly figures in the admin: school editors file and correct their own
    school's reports; ministry editors see all and mark them verified."""

    model = YearlyReport
    name = "yearly_reports"
    icon = "doc-full"
    menu_label = _("Yearly reports")
    add_to_admin_menu = True
    menu_order = 220
    inspect_view_enabled = True
    list_display = ["school", "year", "programmes_running", "students_trained_abroad", "verified_at"]
    list_filter = ["year"]
    search_fields = ["school__title", "school__official_name_zh"]
    search_backend_name = None
    list_export = ["school", "year", *YearlyReport.FIGURES, "verified_at"]
    export_filename = "yearly-reports"
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("school"), FieldPanel("year")]),
            MultiFieldPanel([FieldPanel(name) for name in YearlyReport.FIGURES], heading=_("Figures")),
            InlinePanel("evidence", heading=_("Evidence"), label=_("File")),
            FieldPanel("verified"),
        ],
        base_form_class=YearlyReportAdminForm,
    )


yearly_report_viewset = YearlyReportViewSet()


@hooks.register("register_admin_viewset")
def register_yearly_report_viewset():
    return yearly_report_viewset
