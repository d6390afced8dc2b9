"""Hooks of the portal's shared parts. Wagtail imports each app's
``wagtail_hooks``; the language notices register theirs on import.

School-to-school isolation (portal/permissions.py has the rule): the page
permission policy narrows what a school editor may explore (explorer, page
search, site history); the hooks below narrow the page chooser and the
explorer's listings, and the "Owner" and "Edited by" filters of every page
listing name only the people of pages the editor may see. Public pages without
view restrictions may be kept by the page cache."""

from wagtail import hooks
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.views.reports.audit_logging import SiteHistoryReportFilterSet
from wagtail.models import AbstractPage, Page
from wagtail.permissions import register_permission_policy

from portal.http_cache import allow_public_cache
from portal.languages import admin  # noqa: F401
from portal.page_access import view_restriction_ids
from portal.permissions import SchoolScopedPagePermissionPolicy, visible_pages, visible_users

# Registered at import, before Wagtail first asks the registry for the page policy.
register_permission_policy(AbstractPage, SchoolScopedPagePermissionPolicy(Page))


@hooks.register("construct_page_chooser_queryset")
def choose_only_visible_pages(pages, request):
    return visible_pages(request.user, pages)


@hooks.register("construct_explorer_page_queryset")
def explore_only_visible_pages(_parent_page, pages, request):
    return visible_pages(request.user, pages, public_too=False)


def _scoped_user_choices(user_filter):
    """Wrap a page filter's list of users (every owner or editor of the whole
    site, in Wagtail) so that it names only those of pages the user may see."""
    wagtail_choices = user_filter.queryset

    def choices(request):
        users = wagtail_choices(request) if callable(wagtail_choices) else wagtail_choices
        return visible_users(request.user, users)

    user_filter.queryset = choices


# The filters are shared by every page listing's filter set (explorer, search,
# forms, reports), so wrapping them once covers all of them.
for _name in ("owner", "edited_by"):
    _scoped_user_choices(PageFilterSet.declared_filters[_name])


_wagtail_site_history_users = SiteHistoryReportFilterSet.get_users_queryset


def _site_history_users(filter_set):
    return visible_users(filter_set.request.user, _wagtail_site_history_users(filter_set))


# The site history's "User" filter listed everyone who ever logged an action
# the user may see any of; it names only the people of pages they may see.
SiteHistoryReportFilterSet.get_users_queryset = _site_history_users


@hooks.register("before_serve_page")
def cache_public_pages(page, request, *args):
    """A page without view restrictions is the same for every anonymous
    visitor: the page cache may keep it (``portal.middleware``)."""
    if request.method in ("GET", "HEAD") and not view_restriction_ids(page):
        allow_public_cache(request)
