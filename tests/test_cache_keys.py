"""A cached answer is reused only while nothing it shows can have changed: the data generation,
the 大字版 cookie, the path and query, and for "open now" the time of day are in its key."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from services.roles import DATA_OFFICE
from tests import factories
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(monkeypatch, hour, minute=0, second=0):
    moment = datetime.datetime(2026, 11, 25, hour, minute, second, tzinfo=SHANGHAI)  # a Wednesday
    monkeypatch.setattr(timezone, "now", lambda: moment)


def queries(client, url, **headers):
    """(response, number of queries it took)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return response, len(captured)


@pytest.fixture
def centre():
    venue = factories.venue(name="二七区政务服务中心")
    factories.weekday_hours(venue, opens=datetime.time(9), closes=datetime.time(17))
    return venue


def test_a_second_request_is_answered_from_the_cache_with_one_query(client):
    factories.matter(name="居民身份证换领")
    first, rendered = queries(client, "/")
    second, cached = queries(client, "/")
    assert cached == 1 < rendered  # only the generation is read
    assert second.content == first.content


def test_large_text_and_standard_pages_are_cached_apart(client):
    standard = client.get("/").content.decode()
    client.cookies["large_text"] = "1"
    large = client.get("/").content.decode()
    del client.cookies["large_text"]
    again = client.get("/").content.decode()
    assert '<body class="">' in standard and '<body class="">' in again
    assert '<body class="large-text">' in large


def test_open_now_changes_at_the_closing_time_without_any_edit(client, centre, monkeypatch):
    url = reverse("services:venue", args=[centre.code])
    at(monkeypatch, 16, 59, 59)
    assert '<span class="open">正在办公</span>' in client.get(url).content.decode()
    at(monkeypatch, 17)
    assert '<span class="closed">现在不办公</span>' in client.get(url).content.decode()


def test_between_two_opening_or_closing_times_the_cached_page_is_reused(
    client, centre, monkeypatch
):
    url = reverse("services:venues")
    at(monkeypatch, 10)
    _, rendered = queries(client, url)
    at(monkeypatch, 16, 59)
    response, cached = queries(client, url)
    assert cached == 1 < rendered
    assert '<span class="open">正在办公</span>' in response.content.decode()


def test_a_staff_edit_is_shown_by_the_next_request(client, centre):
    matter = factories.matter(name="居民身份证换领")
    factories.handling(matter, centre)
    url = reverse("services:matter", args=[matter.code])
    assert "居民身份证换领" in client.get(url).content.decode()
    staff = factories.staff_user(DATA_OFFICE)
    admin = type(client)()
    admin.force_login(staff)
    change = reverse("admin:services_matter_change", args=[matter.pk])
    data = {**form_data(admin.get(change)), "name": "居民身份证换领（到期换证）"}
    assert admin.post(change, data).status_code == 302
    assert "居民身份证换领（到期换证）" in client.get(url).content.decode()


def test_the_query_and_the_host_are_part_of_the_key(client):
    factories.matter(name="居民身份证换领")
    factories.matter(name="结婚登记")
    first = client.get("/api/v1/matters/", {"q": "身份证"}).json()
    second = client.get("/api/v1/matters/", {"q": "结婚"}).json()
    assert [m["name"] for m in first["results"]] == ["居民身份证换领"]
    assert [m["name"] for m in second["results"]] == ["结婚登记"]
    here = client.get("/api/v1/matters/", {"page_size": 1}, HTTP_HOST="localhost").json()
    there = client.get("/api/v1/matters/", {"page_size": 1}, HTTP_HOST="127.0.0.1").json()
    assert here["next"].startswith("http://localhost/")
    assert there["next"].startswith("http://127.0.0.1/")
