"""Redis killed under a running `make serve` with REDIS_URL: pages are still answered, the
cache and the login limits work from the process's memory, one warning is logged (not one per
request), /readyz names Redis; once Redis is back it is used again."""

import json
import re
import subprocess

import pytest

from tests.faultservers import Gunicorn

pytestmark = pytest.mark.faults


@pytest.fixture
def server(database, redis_server, static_root):
    server = Gunicorn(
        static_root,
        database.url(),
        workers=1,
        REDIS_URL=redis_server.url(),
        REDIS_RETRY_SECONDS=1,
        DJANGO_LOGIN_FAILURE_LIMIT=2,
    )
    yield server
    server.stop()


def keys(redis_server):
    found = subprocess.run(
        ["redis-cli", "-p", str(redis_server.port), "--scan"], capture_output=True, text=True
    )
    return found.stdout.split()


def fail_login(server, username):
    """A wrong password for `username` at the admin's login; the page's text."""
    status, headers, body = server.get("/admin/login/")
    cookie = next(c for c in headers["set-cookie"] if c.startswith("csrftoken=")).split(";")[0]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = f"csrfmiddlewaretoken={token}&username={username}&password=wrong&next=/admin/"
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    status, _, body = server.request("POST", "/admin/login/", body=form, headers=headers)
    assert status == 200
    return body.decode()


def test_the_site_serves_from_memory_while_redis_is_down_and_uses_it_again(server, redis_server):
    assert server.get("/")[0] == 200
    assert keys(redis_server)  # the page is cached in Redis
    assert json.loads(server.get("/readyz")[2])["checks"]["redis"] == "ok"

    redis_server.kill()

    for path in ["/", "/venues/", "/api/v1/matters/", "/search/?q=测试", "/", "/venues/"]:
        assert server.get(path)[0] == 200, path
    status, _, body = server.get("/readyz")
    assert status == 503
    assert json.loads(body)["checks"] == {"database": "ok", "redis": "unavailable"}
    assert "登录失败次数过多" not in fail_login(server, "someone")
    assert "登录失败次数过多" not in fail_login(server, "someone")
    assert "登录失败次数过多" in fail_login(server, "someone")  # counted in memory
    assert server.log().count("Redis does not answer") == 1

    redis_server.start()  # empty, on the same port
    server.wait_until(lambda: server.get("/readyz")[0] == 200, "Redis not used again")
    # An answer not served before (those that were are in the worker's near copy already).
    assert server.get("/api/v1/stats/")[0] == 200
    assert keys(redis_server)
    assert "Redis answers again" in server.log()
