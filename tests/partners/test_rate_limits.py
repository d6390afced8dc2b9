"""Rate limits hold across processes and cannot be dodged with a forged
header: counted per client address and per school in a shared store (the
database, or Redis) with atomic increments; X-Forwarded-For is read only from a
trusted proxy, and then only the address that proxy saw; the confirmation to
a sender's address is limited too, so the form cannot mail anyone often."""

import http.cookiejar
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

import pytest

from partners.models import Enquiry
from partners.throttling import RateLimit, address_bucket, client_address
from portal.site_tree import ensure_site_tree
from tests.app_servers import app_servers, settings_env
from tests.factories import SchoolPageFactory
from tests.partners.test_mail_worker import ON_POSTGRESQL, _database_url

ROOT = Path(__file__).resolve().parents[2]

VALID = {
    "name": "Claire Martin",
    "institution": "Lycée professionnel de Lyon",
    "country": "FR",
    "email": "claire@example.fr",
    "language": "en",
    "message": "Bonjour.",
    "consent": "on",
}


@pytest.fixture
def school(home):
    return SchoolPageFactory(title="Shenzhen Polytechnic", contact_email="intl@szpt.example.cn")


def enquiry_url(school):
    with translation.override("en"):
        return reverse("partners:enquiry", args=[school.pk])


def request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


# --- Whose address -------------------------------------------------------------


def test_without_proxies_the_connection_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request("203.0.113.5", "198.51.100.1")) == "203.0.113.5"


def test_behind_one_proxy_the_address_it_saw_counts_not_what_the_client_wrote(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request("127.0.0.1", "198.51.100.7")) == "198.51.100.7"
    # The client sent its own X-Forwarded-For; a proxy that appends puts the real one last.
    assert client_address(request("127.0.0.1", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"


def test_behind_nginx_on_a_unix_socket_the_address_nginx_saw_counts(settings):
    # gunicorn gives a unix socket's peer as an empty REMOTE_ADDR; only nginx can reach the socket.
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request("", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"


def test_behind_two_proxies_the_second_from_the_right_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    settings.TRUSTED_PROXY_ADDRESSES = ["10.0.0.0/8"]
    assert client_address(request("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.9")) == "198.51.100.7"


def test_a_client_reaching_the_app_directly_cannot_choose_its_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request("203.0.113.5", "198.51.100.1")) == "203.0.113.5"


def test_a_malformed_forwarded_address_is_not_taken(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request("127.0.0.1", "not-an-address")) == "127.0.0.1"
    assert client_address(request("127.0.0.1", "")) == "127.0.0.1"


def test_an_ipv6_client_is_counted_by_its_64_bit_network():
    assert address_bucket("2001:db8:1:2::1") == address_bucket("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    assert address_bucket("2001:db8:1:3::1") != address_bucket("2001:db8:1:2::1")
    assert address_bucket("198.51.100.7") == "198.51.100.7"


# --- The enquiry form ------------------------------------------------------------


def test_forged_x_forwarded_for_does_not_lift_the_limit(client, school, settings):
    settings.TRUSTED_PROXY_COUNT, settings.ENQUIRY_RATE_LIMIT = 1, 2
    statuses = [
        client.post(
            enquiry_url(school), VALID, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        ).status_code
        for n in range(6)
    ]
    assert statuses == [302, 302, 429, 429, 429, 429]
    assert Enquiry.objects.count() == 2


def test_behind_the_proxy_a_forged_leftmost_address_does_not_lift_the_limit(client, school, settings):
    settings.TRUSTED_PROXY_COUNT, settings.ENQUIRY_RATE_LIMIT = 1, 2
    statuses = [
        client.post(
            enquiry_url(school), VALID, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 198.51.100.7"
        ).status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 429, 429]
    # Another client behind the same proxy has its own count.
    other = client.post(enquiry_url(school), VALID, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert other.status_code == 302


def test_invalid_submissions_do_not_use_up_the_limit(client, school, settings):
    settings.ENQUIRY_RATE_LIMIT = 1
    for _ in range(3):
        assert client.post(enquiry_url(school), {**VALID, "email": "bad"}).status_code == 200
    assert client.post(enquiry_url(school), VALID).status_code == 302


def test_each_school_takes_a_limited_number_of_enquiries_per_window(client, school, settings):
    settings.ENQUIRY_SCHOOL_RATE_LIMIT = 2
    statuses = [client.post(enquiry_url(school), VALID, REMOTE_ADDR=f"198.51.100.{n}").status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    refused = client.post(enquiry_url(school), VALID, REMOTE_ADDR="198.51.100.99")
    assert "This school has received many messages" in refused.content.decode()
    other_school = SchoolPageFactory(contact_email="intl@other.example.cn")
    assert client.post(enquiry_url(other_school), VALID, REMOTE_ADDR="198.51.100.99").status_code == 302


def test_one_address_gets_a_limited_number_of_confirmations(
    client, school, settings, mail_queue, django_capture_on_commit_callbacks
):
    settings.ENQUIRY_CONFIRMATION_LIMIT = 2
    victim = {**VALID, "email": "Someone.Else@Example.org"}
    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(enquiry_url(school), victim, REMOTE_ADDR=f"198.51.100.{n}", follow=True)
    html = response.content.decode()
    assert "We have received your message" in html and "We will email you a confirmation" not in html
    assert list(Enquiry.objects.order_by("pk").values_list("send_confirmation", flat=True)) == [True, True, False]
    mail_queue.run()
    recipients = [message.to[0] for message in mail.outbox]
    assert recipients.count("intl@szpt.example.cn") == 3  # every enquiry still reaches the school
    assert recipients.count("Someone.Else@Example.org") == 2


# --- One count for every process ------------------------------------------------


def _count_in_two_processes(env, key, times=40):
    command = [sys.executable, "-m", "tests.partners.counter_process", "count", key, str(times)]
    processes = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=300) for process in processes]
    for process, (_out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
    return sorted(int(line) for out, _err in outputs for line in out.split())


def test_two_processes_share_one_count_in_a_sqlite_file(tmp_path):
    env = settings_env(DATABASE_URL=f"sqlite:///{tmp_path / 'counters.sqlite3'}")
    subprocess.run(
        [sys.executable, "-m", "tests.partners.counter_process", "create-table"], cwd=ROOT, env=env, check=True
    )
    # Every hit made its own count: none was lost, none counted twice.
    assert _count_in_two_processes(env, "sqlite") == list(range(1, 81))


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_processes_share_one_count_in_postgresql():
    assert _count_in_two_processes(settings_env(DATABASE_URL=_database_url()), "postgresql") == list(range(1, 81))


def _redis_url():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("No Redis at 127.0.0.1:6379.")
    return "redis://127.0.0.1:6379/15"


def test_two_processes_share_one_count_in_redis(tmp_path):
    env = settings_env(RATE_LIMIT_REDIS_URL=_redis_url(), DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}")
    assert _count_in_two_processes(env, f"redis-{uuid.uuid4()}") == list(range(1, 81))


def test_a_redis_limit_refuses_past_its_limit_and_starts_again_after_its_window(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "rate": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": _redis_url()},
    }
    settings.RATE_LIMIT_CACHE = "rate"
    limit = RateLimit("test", uuid.uuid4(), limit=2, window=1)
    assert [limit.hit(), limit.hit(), limit.hit()] == [True, True, False]
    assert limit.reached()
    time.sleep(1.1)  # the window ends (Redis expires the key)
    assert limit.hit() is True


@pytest.mark.django_db
def test_a_database_limit_starts_again_after_its_window():
    from partners.models import RateCounter
    from partners.throttling import delete_expired_counters

    limit = RateLimit("test", "window", limit=1, window=60)
    assert [limit.hit(), limit.hit()] == [True, False]
    RateCounter.objects.filter(key=limit.key).update(expires_at="2000-01-01T00:00:00Z")  # the window ends
    assert not limit.reached()
    assert limit.hit() is True
    RateCounter.objects.filter(key=limit.key).update(expires_at="2000-01-01T00:00:00Z")
    assert delete_expired_counters() == 1


# --- The real thing: two app servers, one address ---------------------------------


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_app_servers_count_one_address_together():
    """Finding 3: with one counter per process, 14 of 30 posts got through a limit of 5."""
    ensure_site_tree()
    school = SchoolPageFactory(contact_email="intl@servers.example.cn")
    env = settings_env(DATABASE_URL=_database_url(), ENQUIRY_RATE_LIMIT="5")
    with app_servers(env) as ports:
        path = enquiry_url(school)
        statuses = []
        for n in range(16):
            url = f"http://127.0.0.1:{ports[n % 2]}{path}"
            jar = http.cookiejar.CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            opener.open(url, timeout=60).read()
            token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
            data = urllib.parse.urlencode({**VALID, "csrfmiddlewaretoken": token}).encode()
            try:
                statuses.append(opener.open(urllib.request.Request(url, data=data), timeout=60).status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
    assert statuses.count(429) == 11 and len(statuses) == 16
    assert Enquiry.objects.filter(school=school).count() == 5


@pytest.mark.django_db
def test_with_redis_down_the_database_counts_and_the_limit_holds(settings, caplog):
    """Redis unreachable (nothing listens on port 1): the enquiry form neither
    fails nor lets everything through; the database counts meanwhile."""
    settings.CACHES = {
        **settings.CACHES,
        "down": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        },
    }
    settings.RATE_LIMIT_CACHE = "down"
    limit = RateLimit("test-down", "198.51.100.7", 2, 60)
    assert [limit.hit(), limit.hit(), limit.hit()] == [True, True, False]
    assert limit.reached()
    assert "cannot be reached" in caplog.text
