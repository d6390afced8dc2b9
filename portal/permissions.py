"""Admin permissions limited to a user's own schools.

Enquiries and yearly reports carry a ``school``; a school editor may act only on
rows of the schools whose editors' group they belong to, ministry editors (and
superusers) on every row. ``SchoolScopedPermissionPolicy`` answers the
per-instance checks; ``SchoolScopedViewSet`` filters every admin view (listing,
search, CSV export, edit, delete, inspect, history, usage) with the same rule,
so another school's rows never appear and their URLs answer 404."""

from django.db.models import Q
from django.http import Http404

from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page, PageLogEntry
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from portal.exports import FormulaSafeExportMixin
from portal.roles import is_ministry_editor, school_ids_for


def scope_to_schools(user, queryset, school_field="school"):
    """``queryset`` limited to the rows of the schools ``user`` works on."""
    if is_ministry_editor(user):
        return queryset
    return queryset.filter(**{f"{school_field}__in": school_ids_for(user)})


def user_may_touch(user, instance, school_field="school"):
    if is_ministry_editor(user):
        return True
    return getattr(instance, f"{school_field}_id") in school_ids_for(user)


class SchoolScopedPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, and on top of them: only your own schools' rows."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and user_may_touch(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and user_may_touch(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return scope_to_schools(user, super().instances_user_has_any_permission_for(user, actions))


class SchoolScopedObjectMixin:
    """Single-object admin views: another school's row is not found."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not user_may_touch(self.request.user, obj):
            raise Http404
        return obj


class SchoolScopedIndexView(FormulaSafeExportMixin, generic.IndexView):
    """The listing (and its search and CSV export) of the user's schools' rows."""

    def get_base_queryset(self):
        return scope_to_schools(self.request.user, super().get_base_queryset())


class SchoolScopedEditView(SchoolScopedObjectMixin, generic.EditView):
    pass


class SchoolScopedDeleteView(SchoolScopedObjectMixin, generic.DeleteView):
    pass


class SchoolScopedInspectView(SchoolScopedObjectMixin, generic.InspectView):
    pass


class SchoolScopedHistoryView(SchoolScopedObjectMixin, HistoryView):
    pass


class SchoolScopedUsageView(SchoolScopedObjectMixin, UsageView):
    pass


class SchoolScopedViewSet(ModelViewSet):
    """A ModelViewSet whose every view sees only the user's schools' rows."""

    index_view_class = SchoolScopedIndexView
    edit_view_class = SchoolScopedEditView
    delete_view_class = SchoolScopedDeleteView
    inspect_view_class = SchoolScopedInspectView
    history_view_class = SchoolScopedHistoryView
    usage_view_class = SchoolScopedUsageView
    copy_view_enabled = False


# --- Pages: what a school editor may see of other schools' work ----------------------
# Wagtail lets anyone with "add" on a page explore everything below it: a
# school editor, who may propose partners, would see every other school's
# draft proposals (titles, owners, history). The rule below narrows every page
# listing, chooser, report and history to the editor's own work, the pages it
# hangs from, and (in choosers, for links) public pages with nothing unpublished.


def own_page_work(user):
    """A ``Q`` of the pages ``user`` may change (their school, their own
    proposals), the pages their group holds permissions on, and the ancestors
    of those (to find one's way down the tree)."""
    policy = SchoolScopedPagePermissionPolicy(Page)
    editable = policy.instances_user_has_permission_for(user, "change")
    granted = [permission.page.path for permission in policy.get_cached_permissions_for_user(user)]
    owned_paths = list(editable.filter(owner=user).values_list("path", flat=True))
    paths = set(granted) | set(owned_paths)
    ancestors = {path[:end] for path in paths for end in range(Page.steplen, len(path), Page.steplen)}
    return Q(pk__in=editable.values("pk")) | Q(path__in=paths | ancestors)


def visible_pages(user, pages, *, public_too=True):
    """``pages`` narrowed to what ``user`` may see: everything for ministry
    editors; for others their own work and (``public_too``) published pages
    with no unpublished change, whose draft title is the public one."""
    if is_ministry_editor(user):
        return pages
    rule = own_page_work(user)
    if public_too:
        # As a subquery: the page chooser's search filters only on indexed fields.
        rule |= Q(pk__in=Page.objects.filter(live=True, has_unpublished_changes=False).values("pk"))
    return pages.filter(rule)


def visible_users(user, users):
    """Owners and editors a page listing may name: for school editors only
    those of the pages they may see."""
    if is_ministry_editor(user):
        return users
    pages = visible_pages(user, Page.objects.all(), public_too=False)
    return users.filter(
        Q(pk=user.pk)
        | Q(owned_pages__in=pages)
        | Q(pk__in=PageLogEntry.objects.filter(page__in=pages).values("user_id"))
    ).distinct()


class SchoolScopedPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permissions, unchanged for acting on a page; what a
    school editor may *explore* (explorer, site history, page search) is
    narrowed by ``own_page_work``."""

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if is_ministry_editor(user):
            return pages
        return pages.filter(own_page_work(user))


class SchoolScopedPageTypesUsageReportView(PageTypesUsageReportView):
    """Wagtail's page types report, whose "last edited page" column named the
    latest page of each type anywhere (another school's draft title): it names
    only a page the user may see. The counts are the whole site's."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        shown = [item.last_edited_page.pk for item in page_types if item.last_edited_page]
        visible = set(visible_pages(self.request.user, Page.objects.filter(pk__in=shown)).values_list("pk", flat=True))
        for item in page_types:
            if item.last_edited_page and item.last_edited_page.pk not in visible:
                item.last_edited_page = None
        return page_types
