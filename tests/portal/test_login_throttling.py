"""Logins are throttled per account (django-axes): after five wrong
passwords the account takes no password, not even the right one, for a
while, and says so in the reader's language. The attempts are kept in the
database, so every app process counts the same ones."""

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db

LOGINS = ["/admin/login/", "/django-admin/login/"]


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user("li.wei", "li@example.cn", "right-password", is_staff=True)


@pytest.mark.parametrize("login_url", LOGINS)
def test_thirty_wrong_passwords_then_the_right_one_does_not_log_in(client, user, login_url):
    for _attempt in range(30):
        client.post(login_url, {"username": "li.wei", "password": "wrong"})
    response = client.post(login_url, {"username": "li.wei", "password": "right-password"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # still sent to the login page


def test_four_wrong_passwords_still_let_the_right_one_in(client, user):
    for _attempt in range(4):
        client.post("/admin/login/", {"username": "li.wei", "password": "wrong"})
    client.post("/admin/login/", {"username": "li.wei", "password": "right-password"})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_other_accounts_are_not_locked(client, user):
    get_user_model().objects.create_user("wang.fang", "wang@example.cn", "her-password", is_staff=True)
    for _attempt in range(10):
        client.post("/admin/login/", {"username": "li.wei", "password": "wrong"})
    client.post("/admin/login/", {"username": "wang.fang", "password": "her-password"})
    assert "_auth_user_id" in client.session


def test_the_lockout_page_speaks_the_readers_language(client, user):
    for _attempt in range(6):
        response = client.post(
            "/admin/login/", {"username": "li.wei", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
    assert response.status_code == 429
    assert "尝试次数过多" in response.content.decode()
