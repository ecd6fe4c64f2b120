"""Every path under /api/ that is not an endpoint is a JSON 404 with a Chinese `detail`."""

import json
import re

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u4e00-\u9fff]")


def assert_json_404(response):
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert HAN.search(response.json()["detail"])


@pytest.mark.parametrize(
    "path",
    [
        "/api",
        "/api/",
        "/api/v1/",
        "/api/v2/matters/",
        "/api/v1/nope/",
        "/api/v1/nope",
        "/api/v1/matters/a/b/",
        "/api/v1//stats/",
        "/api/v1/stats/extra/",
        "/api/v1/matters/..%2F..%2Fadmin/",
        "/api/v1/%00/",
        "/api/v1/stats.json",
        "/api/" + "x" * 3000 + "/",
    ],
)
def test_an_unknown_api_path_is_a_json_404(client, path):
    assert_json_404(client.get(path))


@pytest.mark.parametrize("method", ["post", "put", "delete", "head", "options"])
def test_any_method_on_an_unknown_api_path_is_a_json_404(client, method):
    response = getattr(client, method)("/api/v1/nope/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


@override_settings(DEBUG=True)
def test_it_is_json_with_debug_on_too(client):
    assert_json_404(client.get("/api/v1/"))


def test_the_message_names_the_path_and_where_the_list_is(client):
    assert client.get("/api/v1/").json() == {
        "detail": "没有这个接口：/api/v1/。接口列表见 /api/v1/docs/。"
    }


def test_a_missing_final_slash_on_an_endpoint_still_redirects(client):
    response = client.get("/api/v1/matters", {"q": "身份证"})
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/matters/?q=%E8%BA%AB%E4%BB%BD%E8%AF%81"


def test_pages_outside_the_api_keep_the_html_404(client):
    response = client.get("/apiary/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_server_error_under_the_api_is_json_and_elsewhere_the_500_page(rf):
    from services.api import server_error

    response = server_error(rf.get("/api/v1/matters/"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert HAN.search(json.loads(response.content)["detail"])
    page = server_error(rf.get("/matters/A1/"))
    assert page.status_code == 500
    assert page["Content-Type"].startswith("text/html")


def test_an_unexpected_failure_in_an_endpoint_answers_the_json_500(monkeypatch):
    from django.test import Client

    def broken():
        raise RuntimeError("the database went away")

    monkeypatch.setattr("services.api.network_figures", broken)
    response = Client(raise_request_exception=False).get("/api/v1/stats/")
    assert response.status_code == 500
    assert response.json() == {"detail": "服务器出错了，请稍后再试。"}
