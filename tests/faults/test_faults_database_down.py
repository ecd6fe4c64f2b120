"""PostgreSQL stopped under a running `make serve`: what was cached is served, marked stale;
the rest is a 503 in Chinese with Retry-After, never a 500; the next request after the
database is back is answered normally, without a restart."""

import json
import re

import pytest

from tests.faultservers import Gunicorn

pytestmark = pytest.mark.faults


@pytest.fixture
def server(database, static_root):
    server = Gunicorn(static_root, database.url(), workers=1)
    yield server
    server.stop()


def csrf(server):
    status, headers, body = server.get("/admin/login/")
    cookie = next(c for c in headers["set-cookie"] if c.startswith("csrftoken="))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    return cookie.split(";")[0], token


def login(server, cookie, token):
    body = f"csrfmiddlewaretoken={token}&username=someone&password=wrong&next=/admin/"
    return server.request(
        "POST",
        "/admin/login/",
        body=body,
        headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )


def test_it_serves_the_cache_or_says_503_while_the_database_is_down(server, database):
    home = server.get("/")
    api = server.get("/api/v1/matters/")
    assert home[0] == api[0] == 200
    cookie, token = csrf(server)

    database.stop()

    stale_home = server.get("/")
    assert stale_home[0] == 200
    assert stale_home[1]["x-served-from"] == ["cache"]
    assert stale_home[1]["warning"] == ['110 - "Response is Stale"']
    assert stale_home[2] == home[2]
    stale_api = server.get("/api/v1/matters/")
    assert (stale_api[0], stale_api[2]) == (200, api[2])
    assert stale_api[1]["x-served-from"] == ["cache"]

    status, headers, body = server.get("/api/v1/venues/")  # never asked before
    assert status == 503
    assert headers["retry-after"] == ["30"]
    assert "数据库暂时无法访问" in json.loads(body)["detail"]

    status, headers, body = server.get("/venues/")
    assert status == 503 and headers["retry-after"] == ["30"]
    assert "网站暂时无法读取数据" in body.decode()

    status, headers, body = server.get("/admin/", Cookie="sessionid=a-staff-session")
    assert status == 503
    assert "现在也无法保存任何修改" in body.decode()

    status, headers, body = login(server, cookie, token)
    assert status == 503
    assert "现在无法保存" in body.decode()

    status, headers, body = server.get("/readyz")
    assert status == 503
    assert json.loads(body) == {"status": "unavailable", "checks": {"database": "unavailable"}}
    assert server.get("/healthz")[0] == 200


def test_the_next_request_after_the_database_returns_is_answered(server, database):
    database.stop()
    assert server.get("/venues/")[0] == 503
    assert server.get("/readyz")[0] == 503

    database.start()

    status, headers, body = server.get("/venues/")
    assert status == 200
    assert "x-served-from" not in headers
    assert "测试政务服务中心" in body.decode()
    assert server.get("/readyz")[0] == 200


def test_no_answer_is_a_500_or_shows_a_traceback(server, database):
    paths = ["/", "/search/?q=测试", "/matters/M000001/", "/venues/V0001/", "/api/v1/stats/"]
    paths += ["/api/v1/matters/M000001/", "/help/", "/policies/", "/benefits/", "/map/"]
    database.stop()
    for path in paths:
        status, headers, body = server.get(path)
        assert status in (200, 503), path
        assert b"Traceback" not in body and b"OperationalError" not in body, path
        if status == 503:
            assert headers["retry-after"] == ["30"], path


def test_a_server_started_while_the_database_is_down_serves_once_it_is_back(database, static_root):
    database.stop()
    server = Gunicorn(static_root, database.url(), workers=1)  # answers /healthz
    try:
        assert server.get("/readyz")[0] == 503
        assert server.get("/search/?q=测试")[0] == 503
        database.start()
        status, _, body = server.get("/search/?q=测试")
        assert status == 200 and "/search/open/M000001/" in body.decode()
    finally:
        server.stop()
