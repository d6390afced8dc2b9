"""Which pages view restrictions hide, read once per public version.

Wagtail reads the view restrictions from the database each time it asks:
twice per page served (the portal's page cache hook and Wagtail's own check,
``Page.get_view_restrictions``, two queries each) and once for every
``.public()`` queryset a page builds. Restrictions are few and change only
with the public version (``search.signals`` gives a new one when a
restriction is saved or deleted, and when a page is moved), so the portal's
pages read them from ``portal.public_version.public_value`` instead, with the
same answers as Wagtail's."""

from django.db.models import Q

from wagtail.models import Page, PageManager, PageQuerySet, PageViewRestriction

from portal.public_version import public_value


def _restricted_sections():
    """``(restrictions, aliases)``: each restriction as ``(id, page id, page
    path, page depth)``, and ``{alias path: source page id}`` of the alias
    pages whose source page carries a restriction (an alias has its source's
    restrictions, not its own)."""
    restrictions = list(PageViewRestriction.objects.values_list("pk", "page_id", "page__path", "page__depth"))
    aliases = {}
    if restrictions:
        sources = {page_id for _pk, page_id, _path, _depth in restrictions}
        aliases = dict(Page.objects.filter(alias_of_id__in=sources).values_list("path", "alias_of_id"))
    return restrictions, aliases


def restricted_sections():
    return public_value("view-restrictions", _restricted_sections)


def view_restriction_ids(page):
    """The ids of the restrictions on ``page`` and its ancestors, as Wagtail's
    ``Page.get_view_restrictions`` finds them (an alias page, or an alias
    among its ancestors, counts as its source page)."""
    restrictions, aliases = restricted_sections()
    if not restrictions:
        return []
    steplen = page.steplen
    ancestor_paths = [page.path[:end] for end in range(steplen, len(page.path), steplen)]
    paths = {path for path in ancestor_paths if path not in aliases}
    sources = {aliases[path] for path in ancestor_paths if path in aliases}
    if page.alias_of_id:
        sources.add(page.alias_of_id)
    else:
        paths.add(page.path)
    return [pk for pk, page_id, path, _depth in restrictions if path in paths or page_id in sources]


class PublicPageQuerySet(PageQuerySet):
    """``.public()`` and ``.not_public()`` without a query of the restrictions."""

    def private_q(self):
        restrictions, _aliases = restricted_sections()
        condition = Q()
        for _pk, _page_id, path, depth in restrictions:
            condition |= Q(path__startswith=path, depth__gte=depth)
        # No page matches when no section is private (as Wagtail's).
        return condition if condition else Q(pk__in=[])


PublicPageManager = PageManager.from_queryset(PublicPageQuerySet)
