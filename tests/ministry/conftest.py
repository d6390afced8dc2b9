"""The ministry editor the ministry's tests sign in as: a member of the
ministry editors' group who may open the admin."""

from django.contrib.auth.models import Group, Permission, User

import pytest

from portal.roles import MINISTRY_EDITORS


@pytest.fixture
def editor(db):
    group, _created = Group.objects.get_or_create(name=MINISTRY_EDITORS)
    group.permissions.add(Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"))
    user = User.objects.create_user("ministry", "m@example.cn", "pw")
    user.groups.add(group)
    return user


@pytest.fixture
def logged_in(client, home, editor):
    client.force_login(editor)
    return client
