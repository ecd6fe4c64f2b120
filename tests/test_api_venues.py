"""GET /api/v1/venues/ and /api/v1/venues/<code>/: the contract, filters and nearest first."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from services.api import MATTERS_SHOWN
from services.models import Venue, VenueException
from tests import factories as f

pytestmark = pytest.mark.django_db

Level = Venue.Level
ROW_KEYS = {
    "code",
    "name",
    "level",
    "level_label",
    "street",
    "address",
    "phone",
    "latitude",
    "longitude",
    "always_open",
    "distance_m",
    "url",
}
DETAIL_KEYS = (ROW_KEYS - {"distance_m"}) | {
    "parent",
    "host",
    "host_label",
    "hours_note",
    "hours",
    "exceptions",
    "open_now",
    "matters_count",
    "matters",
    "matters_url",
    "verified_at",
}


def codes(response):
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def at(lat, lng):
    return {"latitude": Decimal(lat), "longitude": Decimal(lng)}


def test_the_list_has_exactly_the_documented_keys(client):
    f.venue(code="C1", name="二七区政务服务中心", **at("34.724000", "113.625000"))

    body = client.get("/api/v1/venues/").json()

    assert set(body) == {"count", "next", "previous", "results"}
    [row] = body["results"]
    assert set(row) == ROW_KEYS
    assert row["code"] == "C1"
    assert row["level"] == "district_centre"
    assert row["level_label"] == "区政务服务中心"
    assert row["distance_m"] is None
    assert row["url"] == "http://testserver/venues/C1/"


def test_venues_filter_by_level_and_street(client):
    centre = f.venue()
    changjiang = f.venue(Level.STREET_CENTRE, parent=centre, street_name="长江路街道")
    jiefang = f.venue(Level.STREET_CENTRE, parent=centre, street_name="解放路街道")
    station = f.venue(Level.COMMUNITY_STATION, parent=changjiang)

    assert codes(client.get("/api/v1/venues/", {"level": "street_centre"})) == [
        changjiang.code,
        jiefang.code,
    ]
    assert codes(client.get("/api/v1/venues/", {"street": "长江路街道"})) == [
        changjiang.code,
        station.code,
    ]
    # Network order: the district centre, then street centres, then community stations.
    assert codes(client.get("/api/v1/venues/")) == [
        centre.code,
        changjiang.code,
        jiefang.code,
        station.code,
    ]
    both = {"street": "长江路街道", "level": "community_station"}
    assert codes(client.get("/api/v1/venues/", both)) == [station.code]


def test_near_orders_every_venue_by_distance_with_no_radius_cap(client):
    far = f.venue(name="远", **at("34.900000", "113.900000"))
    near = f.venue(Level.STREET_CENTRE, parent=far, name="近", **at("34.721000", "113.641000"))
    middle = f.venue(Level.STREET_CENTRE, parent=far, name="中", **at("34.750000", "113.650000"))

    body = client.get("/api/v1/venues/", {"near": "34.72,113.64"}).json()

    assert [row["code"] for row in body["results"]] == [near.code, middle.code, far.code]
    distances = [row["distance_m"] for row in body["results"]]
    assert distances == sorted(distances)
    assert 100 < distances[0] < 200  # about 145 m
    assert distances[2] > 20_000  # 30 km away, still listed


def test_near_accepts_a_full_width_comma(client):
    f.venue()
    response = client.get("/api/v1/venues/", {"near": "34.72，113.64"})
    assert response.status_code == 200
    assert isinstance(response.json()["results"][0]["distance_m"], int)


def test_the_venue_page_has_hours_open_now_and_the_matters_handled_there(client):
    centre = f.venue()
    street = f.venue(
        Level.STREET_CENTRE, code="S1", parent=centre, street_name="长江路街道", phone="0371-1"
    )
    f.weekday_hours(street, opens=datetime.time(9), closes=datetime.time(17), days=[0, 1])
    closure = timezone.localdate() + datetime.timedelta(days=3)
    VenueException.objects.create(venue=street, date=closure, closed=True, reason="设备检修")
    matter = f.matter(code="M1", name="居民身份证换领")
    f.handling(matter, street)
    f.handling(f.matter(code="M2"), centre)

    response = client.get("/api/v1/venues/S1/")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == DETAIL_KEYS
    assert body["parent"] == {"code": centre.code, "name": centre.name}
    assert body["street"] == "长江路街道"
    assert body["hours"] == [
        {"weekday": 0, "weekday_label": "周一", "opens": "09:00", "closes": "17:00"},
        {"weekday": 1, "weekday_label": "周二", "opens": "09:00", "closes": "17:00"},
    ]
    assert body["exceptions"] == [
        {
            "date": closure.isoformat(),
            "closed": True,
            "opens": None,
            "closes": None,
            "reason": "设备检修",
        }
    ]
    assert isinstance(body["open_now"], bool)
    assert body["matters_count"] == 1
    assert [m["code"] for m in body["matters"]] == ["M1"]
    assert body["matters_url"] == "http://testserver/api/v1/matters/?venue=S1"
    assert codes(client.get(body["matters_url"])) == ["M1"]


def test_a_7x24_kiosk_is_open_now_and_a_venue_without_hours_is_not(client):
    kiosk = f.venue(Level.SELF_SERVICE_KIOSK, always_open=True)
    street = kiosk.parent
    assert client.get(f"/api/v1/venues/{kiosk.code}/").json()["open_now"] is True
    assert client.get(f"/api/v1/venues/{street.code}/").json()["open_now"] is False


def test_the_venue_page_lists_a_capped_number_of_matters_and_counts_them_all(client):
    centre = f.venue(code="C1")
    department = f.department()
    for n in range(MATTERS_SHOWN + 3):
        f.handling(f.matter(code=f"M{n:03d}", department=department), centre)

    body = client.get("/api/v1/venues/C1/").json()

    assert body["matters_count"] == MATTERS_SHOWN + 3
    assert len(body["matters"]) == MATTERS_SHOWN
    assert client.get(body["matters_url"]).json()["count"] == MATTERS_SHOWN + 3


def test_an_unknown_venue_is_a_json_404_in_chinese(client):
    response = client.get("/api/v1/venues/NOPE/")
    assert response.status_code == 404
    assert response.json() == {"detail": "没有编码为“NOPE”的服务场所。"}
