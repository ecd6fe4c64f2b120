"""Failed admin logins are limited: 5 failures per username and address, then a Chinese refusal."""

import time

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    # Real logins: a fast hasher keeps these tests quick (the production hasher is unchanged).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


BLOCKED = "登录失败次数过多"


@pytest.fixture
def staff():
    return factories.staff_user(username="clerk")


def login(client, password, username="clerk", ip="10.0.0.1"):
    data = {"username": username, "password": password, "next": "/admin/"}
    return client.post(reverse("admin:login"), data, REMOTE_ADDR=ip)


def test_the_right_password_logs_in(client, staff):
    assert login(client, "Erqi-staff-2026").status_code == 302


def test_after_five_failures_even_the_right_password_is_refused(client, staff):
    for _ in range(5):
        response = login(client, "wrong")
        assert response.status_code == 200
        assert BLOCKED not in response.content.decode()
    response = login(client, "Erqi-staff-2026")
    assert response.status_code == 200
    assert BLOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_limit_is_per_username_and_address(client, staff):
    factories.staff_user(username="other")
    for _ in range(5):
        login(client, "wrong")
    assert login(client, "Erqi-staff-2026", ip="10.0.0.2").status_code == 302
    client.logout()
    assert login(client, "Erqi-staff-2026", username="other").status_code == 302


def test_a_success_clears_earlier_failures(client, staff):
    for _ in range(4):
        login(client, "wrong")
    assert login(client, "Erqi-staff-2026").status_code == 302
    client.logout()
    for _ in range(4):
        login(client, "wrong")
    assert login(client, "Erqi-staff-2026").status_code == 302


def test_the_block_ends_when_the_window_passes(client, staff, settings):
    settings.LOGIN_FAILURE_WINDOW = 3  # seconds, instead of 15 minutes
    for _ in range(5):
        login(client, "wrong")
    assert BLOCKED in login(client, "Erqi-staff-2026").content.decode()
    time.sleep(3.5)  # the count expires in the cache (locally or in Redis)
    assert login(client, "Erqi-staff-2026").status_code == 302
