"""The answers while the database cannot be read (here: the generation read failing as it does
when PostgreSQL is down; tests/faults/ stops a real one): the last cached copy, marked stale,
or a 503 with Retry-After, in Chinese; any other error is still the 500 it was."""

import json
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db

DOWN = mock.patch("services.caching.tokens", side_effect=OperationalError("server closed"))


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def test_a_page_cached_before_is_served_marked_stale(client):
    fresh = client.get("/venues/")
    with DOWN:
        stale = client.get("/venues/")
    assert stale.status_code == 200
    assert stale.content == fresh.content
    assert stale["X-Served-From"] == "cache"
    assert stale["Warning"] == '110 - "Response is Stale"'
    assert stale["Cache-Control"] == "no-cache"


def test_the_large_text_page_is_not_served_for_the_normal_one(client):
    client.get("/venues/")
    client.cookies["large_text"] = "1"
    with DOWN:
        assert client.get("/venues/").status_code == 503


def test_an_api_answer_never_cached_is_a_503_in_json(client):
    with DOWN:
        response = client.get("/api/v1/venues/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert json.loads(response.content) == {"detail": "数据库暂时无法访问，请稍后再试。"}


def test_a_page_never_cached_is_a_503_page_in_chinese(client, settings):
    settings.RETRY_AFTER = 120
    with DOWN:
        response = client.get("/venues/")
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert response["Cache-Control"] == "no-store"
    assert "网站暂时无法读取数据" in response.content.decode()


def test_another_error_is_still_a_500(client):
    with mock.patch("services.caching.tokens", side_effect=RuntimeError("a bug")):
        response = client.get("/api/v1/venues/")
    assert response.status_code == 500
    assert json.loads(response.content) == {"detail": "服务器出错了，请稍后再试。"}


def test_a_browser_holding_the_cached_copy_gets_a_304(client):
    etag = client.get("/venues/")["ETag"]
    with DOWN:
        response = client.get("/venues/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert response["X-Served-From"] == "cache"


def test_a_search_asked_before_is_served_from_its_last_copy(client):
    fresh = client.get("/search/", {"q": "身份证"})
    with DOWN:
        stale = client.get("/search/", {"q": "身份证"})
        other = client.get("/search/", {"q": "户口"})
    assert (stale.status_code, stale.content) == (200, fresh.content)
    assert other.status_code == 503
