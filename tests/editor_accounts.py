"""Users in each role, made the way the portal makes them (the ministry
editors' group from its migration, school editors by ``add_school_editor``)."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from portal.roles import MINISTRY_EDITORS, ensure_ministry_editors

PASSWORD = "a-long-test-password"  # noqa: S105


def ministry_editor(username="ministry"):
    ensure_ministry_editors()
    user = get_user_model().objects.create_user(username, f"{username}@moe.example.cn", PASSWORD)
    user.groups.add(Group.objects.get(name=MINISTRY_EDITORS))
    return user


def school_editor(school, username):
    call_command(
        "add_school_editor",
        str(school.pk),
        username,
        email=f"{username}@school.example.cn",
        password=PASSWORD,
        stdout=StringIO(),
    )
    return get_user_model().objects.get(username=username)


def superuser(username="root"):
    return get_user_model().objects.create_superuser(username, f"{username}@example.org", PASSWORD)
