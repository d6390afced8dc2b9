"""The admin's password reset does the same work whether or not the account
exists (one task queued for the mail worker, which looks the account up),
answers the same, and is limited per client address and per address typed in
a store every app process shares. The link the worker mails works."""

import re
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import NoReverseMatch, reverse
from django.utils.translation import override as translation_override

import pytest

from partners.models import RateCounter
from tests.partners.mail_queue import real_queue

pytestmark = pytest.mark.django_db

RESET = "/admin/password_reset/"


@pytest.fixture
def queue(monkeypatch):
    with real_queue(monkeypatch) as queue:
        yield queue


@pytest.fixture
def user():
    return get_user_model().objects.create_user("li.wei", "li@example.cn", "old-password", is_staff=True)


def ask(client, email, address="198.51.100.7"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def test_a_known_and_an_unknown_address_take_the_same_path(client, user, queue):
    known = ask(client, "li@example.cn")
    [known_task] = queue.huey.pending()
    queue.huey.flush()
    unknown = ask(client, "nobody@example.cn")
    [unknown_task] = queue.huey.pending()

    # The same answer…
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known["Location"] == reverse("wagtailadmin_password_reset_done")
    # …after the same work: one task of the same kind, nothing mailed in the request.
    assert known_task.name == unknown_task.name == "send_password_reset_mail"
    assert sorted(known_task.kwargs) == sorted(unknown_task.kwargs)
    assert known_task.kwargs["email"] == "li@example.cn" and unknown_task.kwargs["email"] == "nobody@example.cn"
    assert mail.outbox == []


def test_the_worker_mails_a_link_that_works_and_nothing_for_an_unknown_address(client, user, queue):
    ask(client, "nobody@example.cn")
    ask(client, "li@example.cn")
    queue.run()
    [message] = mail.outbox
    assert message.to == ["li@example.cn"]
    link = re.search(r"https?://\S+/admin/password_reset/confirm/\S+/", message.body).group(0)
    response = client.get(urlsplit(link).path, follow=True)
    assert response.status_code == 200
    assert "new_password1" in response.content.decode()


def test_requests_from_one_client_address_are_limited(client, user, queue, settings):
    settings.PASSWORD_RESET_RATE_LIMIT = 3
    answers = [ask(client, f"person{n}@example.cn").status_code for n in range(6)]
    # Over the limit the answer is the same page; nothing more is queued.
    assert answers == [302] * 6
    assert len(queue.queued()) == 3
    assert ask(client, "li@example.cn", address="203.0.113.9").status_code == 302
    assert len(queue.queued()) == 4


def test_requests_for_one_account_are_limited_from_any_address(client, user, queue, settings):
    settings.PASSWORD_RESET_ACCOUNT_RATE_LIMIT = 2
    for n in range(5):
        ask(client, "LI@example.cn" if n % 2 else "li@example.cn", address=f"198.51.100.{n}")
    assert len(queue.queued()) == 2
    queue.run()
    assert len(mail.outbox) == 2  # not eleven in seconds to one inbox


def test_the_limits_are_counted_in_the_shared_store(client, user, queue):
    ask(client, "li@example.cn")
    # The database (or Redis with REDIS_URL): every app process sees the same counts.
    assert RateCounter.objects.filter(key__startswith="rate:password-reset-address:").get().count == 1
    assert RateCounter.objects.filter(key__startswith="rate:password-reset-account:").get().count == 1


def test_the_django_admin_offers_no_second_reset():
    # Django's admin links to its own reset only when this URL exists.
    with pytest.raises(NoReverseMatch):
        reverse("admin_password_reset")


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "a link to reset its password is on its way"), ("zh-hans", "重置密码的链接正在发送途中")],
)
def test_the_answer_promises_only_what_is_true_for_every_address(client, language, words):
    """The link is sent later, by the worker, and not at all past a limit: the
    page says "on its way, if an account exists", never "has been emailed"."""
    client.cookies["django_language"] = language
    with translation_override(language):
        page = client.get(reverse("wagtailadmin_password_reset_done"), HTTP_ACCEPT_LANGUAGE=language)
    html = page.content.decode()
    assert words in html
    assert "has been emailed" not in html
