"""With REDIS_URL set, the login limiter's counts are shared by every server process: failed
logins spread over two processes add up, and both refuse the next attempt."""

import re
from urllib.parse import urlencode

import pytest

from tests import factories
from tests.servers import redis_env, serve

pytestmark = pytest.mark.django_db(transaction=True)

BLOCKED = "登录失败次数过多"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def login(server, password):
    """Log in to the admin as a browser does: the login page, then the form with its token."""
    _, headers, page = server.get("/admin/login/")
    cookie = next(c for c in headers["set-cookie"] if c.startswith("csrftoken="))
    form = {
        "username": "clerk",
        "password": password,
        "csrfmiddlewaretoken": TOKEN.search(page.decode()).group(1),
        "next": "/admin/",
    }
    return server.request(
        "POST",
        "/admin/login/",
        body=urlencode(form),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie.split(";")[0],
        },
    )


def test_failures_in_two_processes_add_up_to_one_limit(static_root, settings):
    factories.staff_user(username="clerk")
    assert settings.LOGIN_FAILURE_LIMIT == 5
    env = redis_env()
    with serve(static_root, **env) as one, serve(static_root, **env) as two:
        for server in (one, two, one, two, one):  # five failures, three here and two there
            status, _, page = login(server, "wrong")
            assert status == 200 and BLOCKED not in page.decode()
        for server in (two, one):  # the right password is refused in both now
            status, _, page = login(server, "Erqi-staff-2026")
            assert status == 200
            assert BLOCKED in page.decode()


def test_each_process_counts_alone_without_a_shared_cache(static_root):
    factories.staff_user(username="clerk")
    with serve(static_root) as one, serve(static_root) as two:
        for server in (one, two, one, two, one):
            login(server, "wrong")
        status, _, _ = login(two, "Erqi-staff-2026")  # two failures there: not blocked
        assert status == 302
