"""The map's GeoJSON is cached on the data generation like the other API answers: an ETag and
a 304, a staff edit seen on the next request, and "open now" right at a closing time."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from services.actions import generation_bump
from services.models import Generation, Venue
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/api/v1/venues.geojson"
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(monkeypatch, hour, minute=0, second=0):
    moment = datetime.datetime(2026, 11, 25, hour, minute, second, tzinfo=SHANGHAI)  # a Wednesday
    monkeypatch.setattr(timezone, "now", lambda: moment)


@pytest.fixture
def centre():
    venue = factories.venue(name="二七区政务服务中心")
    factories.weekday_hours(venue, opens=datetime.time(9), closes=datetime.time(17))
    return venue


def open_now(client):
    return client.get(URL).json()["features"][0]["properties"]["open_now"]


def test_a_second_request_is_answered_from_the_cache_with_one_query(client, centre):
    first = client.get(URL)
    with CaptureQueriesContext(connection) as captured:
        second = client.get(URL)
    assert len(captured) == 1  # the generation
    assert second.content == first.content
    assert second["Content-Type"] == "application/geo+json"


def test_a_matching_etag_gets_a_304_until_the_data_changes(client, centre):
    etag = client.get(URL)["ETag"]
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304
    Venue.objects.filter(pk=centre.pk).update(name="二七区政务服务中心（新址）")
    generation_bump(kind=Generation.Kind.PAGES)
    response = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "新址" in response.content.decode()


def test_open_now_changes_at_the_closing_time(client, centre, monkeypatch):
    at(monkeypatch, 16, 59, 59)
    assert open_now(client) is True
    at(monkeypatch, 17)
    assert open_now(client) is False
