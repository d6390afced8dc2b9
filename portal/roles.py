"""Who may do what: the ministry editors' group, the school editors' groups
(one per school) and the tests for them; other apps ask these functions, never
group names.

This module sits below every app that asks it (programmes, partners, ministry,
search, the site), so it imports none of them: the page models it needs
(``SchoolPage``, ``PartnerIndexPage``) come from the app registry."""

from django.apps import apps as global_apps
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from wagtail.models import Collection, CollectionViewRestriction

# Group and workflow names are stored once, in English, because code finds them
# by that name. They are marked for translation, and read in the admin user's
# language wherever Wagtail prints them (``name_in_readers_language``).
MINISTRY_EDITORS = gettext_noop("Ministry editors")


def is_ministry_editor(user):
    """Ministry editors run the batches, approve content and see every school."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=MINISTRY_EDITORS).exists()


# --- Groups and their permissions ---------------------------------------------
# The functions below take ``apps`` so that the data migration that creates the
# ministry editors' group and the running code share one definition.

SCHOOL_EDITORS_PREFIX = gettext_noop("School editors: ")
MINISTRY_APPROVAL = gettext_noop("Ministry approval")

# Page permissions (on the Wagtail page content type).
MINISTRY_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"]
SCHOOL_PAGE_PERMISSIONS = ["add_page", "change_page"]
# Model permissions ("app_label.codename").
MINISTRY_MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "programmes.add_batch",
    "programmes.change_batch",
    "programmes.delete_batch",
    "programmes.view_batch",
    "programmes.add_batchselection",
    "programmes.change_batchselection",
    "programmes.delete_batchselection",
    "programmes.view_batchselection",
    "programmes.add_batchdecision",
    "programmes.view_batchdecision",
    "programmes.add_yearlyreport",
    "programmes.change_yearlyreport",
    "programmes.delete_yearlyreport",
    "programmes.view_yearlyreport",
    "programmes.add_teachinglanguage",
    "programmes.change_teachinglanguage",
    "programmes.view_teachinglanguage",
    "partners.view_enquiry",
    "partners.change_enquiry",
    "partners.delete_enquiry",
    "portal.change_portalsettings",
    "auth.add_user",
    "auth.change_user",
    "auth.view_user",
    "auth.add_group",
    "auth.change_group",
    "auth.view_group",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
    "search.add_synonymgroup",
    "search.change_synonymgroup",
    "search.delete_synonymgroup",
    "search.view_synonymgroup",
]
SCHOOL_MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "programmes.add_yearlyreport",
    "programmes.change_yearlyreport",
    "programmes.view_yearlyreport",
    "partners.view_enquiry",
    "partners.change_enquiry",
]
# Documents and images, per collection (agreements, evidence files, logos).
COLLECTION_PERMISSIONS = [
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
]


def _permissions(apps, names):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for name in names:
        app_label, codename = name.split(".")
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            found.append(permission)
    return found


def _page_permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", content_type__model="page", codename__in=codenames
        )
    )


def _grant_page(apps, group, page_id, codenames):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for permission in _page_permissions(apps, codenames):
        GroupPagePermission.objects.get_or_create(group=group, page_id=page_id, permission=permission)


def _grant_collection(apps, group, collection_id):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for permission in _permissions(apps, COLLECTION_PERMISSIONS):
        GroupCollectionPermission.objects.get_or_create(group=group, collection_id=collection_id, permission=permission)


def ensure_ministry_editors(apps=global_apps):
    """Create (or complete) the ministry editors' group: every page of the tree
    (add, change, publish, delete), every admin area, every document collection,
    and the "Ministry approval" workflow that they alone approve. Idempotent."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    with transaction.atomic():
        group, _created = Group.objects.get_or_create(name=MINISTRY_EDITORS)
        group.permissions.add(*_permissions(apps, MINISTRY_MODEL_PERMISSIONS))
        root = Page.objects.filter(depth=1).first()
        if root is not None:
            _grant_page(apps, group, root.pk, MINISTRY_PAGE_PERMISSIONS)
        root_collection = Collection.objects.filter(depth=1).first()
        if root_collection is not None:
            _grant_collection(apps, group, root_collection.pk)
        if root is not None:
            _ensure_ministry_approval(apps, group, root)
    return group


def _ensure_ministry_approval(apps, group, root):
    """One workflow, one task: ministry editors approve. Assigned to the root of
    the tree, so it covers the home page and every page below it."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    task = GroupApprovalTask.objects.filter(name=MINISTRY_APPROVAL).first()
    if task is None:
        content_type, _created = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=MINISTRY_APPROVAL, content_type=content_type, active=True)
    task.groups.add(group)
    workflow, _created = Workflow.objects.get_or_create(name=MINISTRY_APPROVAL, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class NameInReadersLanguage:
    """The ``name`` attribute of a group, workflow or task, read in the active
    language when it is one of the portal's own names (stored in English, see
    above); a name an editor gave reads as they wrote it. Wagtail's listings,
    side panels, notifications and choosers print ``workflow.name`` and
    ``task.name``, so the Chinese admin reads 教育部审核, not "Ministry approval".

    Only reading changes: lookups by name, forms (``value_from_object``) and
    saving keep the stored value, so editing a workflow in the Chinese admin
    does not rename it in Chinese."""

    def __init__(self, stored):
        self.stored = stored  # Django's descriptor of the ``name`` column

    def __get__(self, instance, owner=None):
        value = self.stored.__get__(instance, owner)
        if instance is None or not isinstance(value, str):
            return value
        if value in (MINISTRY_EDITORS, MINISTRY_APPROVAL):
            return gettext(value)
        if value.startswith(SCHOOL_EDITORS_PREFIX):
            return gettext(SCHOOL_EDITORS_PREFIX) + value[len(SCHOOL_EDITORS_PREFIX) :]
        return value

    def __set__(self, instance, value):
        instance.__dict__[self.stored.field.attname] = value


def name_in_readers_language(*models):
    """Install ``NameInReadersLanguage`` on each model's ``name`` (once)."""
    for model in models:
        stored = model.__dict__["name"]
        if isinstance(stored, NameInReadersLanguage):
            continue
        model.name = NameInReadersLanguage(stored)
        field = model._meta.get_field("name")
        field.value_from_object = lambda obj, stored=stored: stored.__get__(obj, type(obj))


def school_editors_group_name(school):
    """``School editors: <official Chinese name or title> (<id>)``; the id keeps
    two schools with one name apart (Django caps group names at 150)."""
    label = school.official_name_zh or school.title
    suffix = f" ({school.pk})"
    return (SCHOOL_EDITORS_PREFIX + label)[: 150 - len(suffix)] + suffix


def school_editors_group(school):
    """The school's editors' group, if it exists: the group holding "change"
    on that school page."""
    return (
        Group.objects.filter(page_permissions__page=school, page_permissions__permission__codename="change_page")
        .exclude(name=MINISTRY_EDITORS)
        .order_by("pk")
        .first()
    )


def ensure_school_editors(school):
    """Create (or complete) the editors' group of one school: add and change
    (never publish) its page and programmes, propose partners, its own document
    collection, its enquiries and yearly figures. Idempotent."""
    partner_index_model = global_apps.get_model("partners", "PartnerIndexPage")
    with transaction.atomic():
        group = school_editors_group(school)
        if group is None:
            group, _created = Group.objects.get_or_create(name=school_editors_group_name(school))
        group.permissions.add(*_permissions(global_apps, SCHOOL_MODEL_PERMISSIONS))
        _grant_page(global_apps, group, school.pk, SCHOOL_PAGE_PERMISSIONS)
        partner_index = partner_index_model.objects.first()
        if partner_index is not None:
            # "add" without "publish": proposals stay drafts until a ministry editor publishes them.
            _grant_page(global_apps, group, partner_index.pk, ["add_page"])
        root_collection = Collection.get_first_root_node()
        collection_name = f"{school.title} ({school.pk})"[:255]
        collection = root_collection.get_children().filter(name=collection_name).first()
        if collection is None:
            collection = root_collection.add_child(name=collection_name)
        _grant_collection(global_apps, group, collection.pk)
        # The collection holds evidence of yearly figures and agreements: its
        # documents are served only to the school's editors and the ministry.
        restriction, _created = CollectionViewRestriction.objects.get_or_create(
            collection=collection, defaults={"restriction_type": CollectionViewRestriction.GROUPS}
        )
        restriction.groups.add(group, *Group.objects.filter(name=MINISTRY_EDITORS))
    return group


def school_ids_for(user):
    """Ids of the schools whose editors' group ``user`` belongs to."""
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(
        _school_model()
        .objects.filter(group_permissions__group__user=user, group_permissions__permission__codename="change_page")
        .values_list("pk", flat=True)
    )


def schools_for(user):
    """The schools ``user`` may work on in the admin: all of them for ministry
    editors, their own for school editors, none otherwise."""
    school_model = _school_model()
    if is_ministry_editor(user):
        return school_model.objects.all()
    return school_model.objects.filter(pk__in=school_ids_for(user))


def _school_model():
    return global_apps.get_model("programmes", "SchoolPage")


def collections_of_other_schools(school):
    """Ids of the document collections given to the editors of schools other
    than ``school`` (their evidence and agreements), minus any ``school``'s own
    editors share."""
    school_groups = Group.objects.filter(
        page_permissions__permission__codename="change_page",
        page_permissions__page__in=_school_model().objects.all(),
    ).exclude(name=MINISTRY_EDITORS)
    own_group = school_editors_group(school) if school is not None else None
    own = set()
    if own_group is not None:
        school_groups = school_groups.exclude(pk=own_group.pk)
        own = set(Collection.objects.filter(group_permissions__group=own_group).values_list("pk", flat=True))
    others = set(Collection.objects.filter(group_permissions__group__in=school_groups).values_list("pk", flat=True))
    return others - own
