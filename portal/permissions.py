"""Admin permissions limited to a user's own schools.

Enquiries and yearly reports carry a ``school``; a school editor may act only on
rows of the schools whose editors' group they belong to, ministry editors (and
superusers) on every row. ``SchoolScopedPermissionPolicy`` answers the
per-instance checks; ``SchoolScopedViewSet`` filters every admin view (listing,
search, CSV export, edit, delete, inspect, history, usage) with the same rule,
so another school's rows never appear and their URLs answer 404."""

from django.http import Http404

from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

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
