"""Admin for partners: enquiries, partner proposals and merges."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy

from partners.forms import EnquiryAdminForm, PartnerMergeForm
from partners.merging import merge_partner
from partners.models import Enquiry, PartnerPage
from portal.permissions import SchoolScopedPermissionPolicy, SchoolScopedViewSet
from portal.roles import is_ministry_editor

# --- Enquiries ------------------------------------------------------------------

register_permission_policy(Enquiry, SchoolScopedPermissionPolicy(Enquiry))


class EnquiryViewSet(SchoolScopedViewSet):
    """Enquiries in the admin: a school editor sees and answers their own
    school's, ministry editors see all. Listing, search and CSV export are
    filtered the same way."""

    model = Enquiry
    name = "enquiries"
    icon = "mail"
    menu_label = gettext_lazy("Enquiries")
    add_to_admin_menu = True
    menu_order = 210
    inspect_view_enabled = True
    list_display = ["institution", "school", "country", "created_at", "status"]
    list_filter = ["status"]
    search_fields = ["name", "institution", "email", "message"]
    search_backend_name = None  # plain database search, on the filtered queryset
    list_export = [
        "created_at",
        "school",
        "programme",
        "name",
        "institution",
        "country",
        "email",
        "language",
        "message",
        "status",
        "answered_at",
    ]
    export_filename = "enquiries"
    edit_panels = [
        MultiFieldPanel(
            [
                FieldPanel("name", read_only=True),
                FieldPanel("institution", read_only=True),
                FieldPanel("country", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("language", read_only=True),
                FieldPanel("programme", read_only=True),
                FieldPanel("created_at", read_only=True),
                FieldPanel("message", read_only=True),
            ],
            heading=gettext_lazy("The enquiry"),
        ),
        FieldPanel("answer"),
        FieldPanel(
            "status",
            help_text=gettext_lazy(
                "Answer above (or by email to the sender), then mark the enquiry answered; "
                "close it when nothing more is expected."
            ),
        ),
    ]
    edit_handler = ObjectList(edit_panels, base_form_class=EnquiryAdminForm)


enquiry_viewset = EnquiryViewSet()


@hooks.register("register_admin_viewset")
def register_enquiry_viewset():
    return enquiry_viewset


# --- Partner proposals and merges -----------------------------------------------


def merge_partner_view(request, page_id):
    """Ministry editors merge a duplicate partner into the one that stays."""
    if not is_ministry_editor(request.user):
        raise PermissionDenied
    duplicate = get_object_or_404(PartnerPage, pk=page_id)
    form = PartnerMergeForm(request.POST or None, duplicate=duplicate)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        moved = merge_partner(duplicate, target, user=request.user)
        messages.success(
            request,
            _("“%(duplicate)s” was merged into “%(target)s” (%(moved)s links moved).")
            % {"duplicate": duplicate.title, "target": target.title, "moved": moved},
        )
        return redirect("wagtailadmin_pages:edit", target.pk)
    return TemplateResponse(
        request,
        "partners/admin/merge_partner.html",
        {
            "form": form,
            "duplicate": duplicate,
            "header_title": _("Merge a duplicate partner"),
            "page_title": _("Merge a duplicate partner"),
        },
    )


@hooks.register("register_admin_urls")
def register_partner_admin_urls():
    return [
        path("partners/merge/<int:page_id>/", merge_partner_view, name="partners_merge"),
    ]


@hooks.register("register_page_header_buttons")
def partner_merge_button(page, user, view_name, next_url=None):
    if page.specific_class is PartnerPage and is_ministry_editor(user):
        yield Button(
            _("Merge into another partner"),
            reverse("partners_merge", args=[page.pk]),
            icon_name="resubmit",
            priority=80,
        )
