"""The login limiter behind a reverse proxy: X-Forwarded-For is believed only from a trusted
proxy, a lock by username alone is shorter and needs more failures than one by username and
address, and the counts live in Django's cache (shared by every server process)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from services import ratelimit
from tests import factories

pytestmark = pytest.mark.django_db

PROXY = "10.9.0.1"
RIGHT = "Erqi-staff-2026"
PAIR_LOCKED = "登录失败次数过多"
USER_LOCKED = "这个账号近来登录失败次数过多"


@pytest.fixture(autouse=True)
def setup(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LOGIN_TRUSTED_PROXIES = ["10.9.0.0/24"]
    cache.clear()
    factories.staff_user(username="clerk")
    yield
    cache.clear()


def login(client, password, *, remote=PROXY, forwarded=None):
    data = {"username": "clerk", "password": password, "next": "/admin/"}
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(reverse("admin:login"), data, **extra)


def test_behind_a_trusted_proxy_five_failures_lock_only_that_client(client):
    for _ in range(5):
        login(client, "wrong", forwarded="203.0.113.7")
    assert PAIR_LOCKED in login(client, RIGHT, forwarded="203.0.113.7").content.decode()
    # Another resident's office behind the same proxy still logs in.
    assert login(client, RIGHT, forwarded="198.51.100.20").status_code == 302


def test_a_forwarded_for_header_from_an_untrusted_address_is_ignored(client):
    # The client writes a new X-Forwarded-For each time: it is still counted by its own address.
    for n in range(5):
        login(client, "wrong", remote="203.0.113.7", forwarded=f"192.0.2.{n}")
    response = login(client, RIGHT, remote="203.0.113.7", forwarded="192.0.2.99")
    assert PAIR_LOCKED in response.content.decode()


def test_addresses_a_client_prepends_to_the_header_are_not_believed(rf, settings):
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    assert ratelimit.client_ip(request) == "203.0.113.7"
    chained = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7, 10.9.0.2")
    assert ratelimit.client_ip(chained) == "203.0.113.7"


def test_without_trusted_proxies_the_connecting_address_counts(rf, settings):
    settings.LOGIN_TRUSTED_PROXIES = []
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert ratelimit.client_ip(request) == PROXY


def test_failures_from_many_addresses_lock_the_username_for_a_shorter_time(client, settings):
    settings.LOGIN_USERNAME_FAILURE_LIMIT = 8
    settings.LOGIN_USERNAME_LOCK = 120
    for n in range(8):  # fewer than 5 from each address: no pair is locked
        login(client, "wrong", forwarded=f"203.0.113.{n // 4}")
    page = login(client, RIGHT, forwarded="198.51.100.20").content.decode()
    assert USER_LOCKED in page
    assert "请 2 分钟后再试" in page
    assert "_auth_user_id" not in client.session


def test_the_username_lock_needs_more_failures_than_the_pair_lock(client):
    for n in range(12):  # 4 from each of three addresses
        login(client, "wrong", forwarded=f"203.0.113.{n // 4}")
    assert login(client, RIGHT, forwarded="198.51.100.20").status_code == 302


def test_by_default_the_username_lock_is_shorter_than_the_pair_lock(client):
    for _ in range(5):
        login(client, "wrong", forwarded="203.0.113.200")
    assert "请 15 分钟后再试" in login(client, RIGHT, forwarded="203.0.113.200").content.decode()
    for n in range(15):  # 20 failures in all, at most 4 from each other address
        login(client, "wrong", forwarded=f"203.0.113.{n // 4}")
    page = login(client, RIGHT, forwarded="198.51.100.20").content.decode()
    assert USER_LOCKED in page and "请 5 分钟后再试" in page


def test_the_counts_are_kept_in_the_shared_cache(client):
    for _ in range(5):
        login(client, "wrong", forwarded="203.0.113.7")
    # Another server process reads the same cache: the lock is found there, not in this process.
    _, pair_lock, _, _ = ratelimit._keys("clerk", "203.0.113.7")
    assert cache.get(pair_lock) == 1
    cache.delete(pair_lock)
    assert login(client, RIGHT, forwarded="203.0.113.7").status_code == 302
