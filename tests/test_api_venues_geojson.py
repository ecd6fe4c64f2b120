"""GET /api/v1/venues.geojson: a GeoJSON FeatureCollection of the network, filtered like the list."""

from decimal import Decimal

import pytest

from services.models import Venue
from tests import factories as f

pytestmark = pytest.mark.django_db

Level = Venue.Level
URL = "/api/v1/venues.geojson"


def get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return response.json()


def test_it_is_a_feature_collection_of_points_in_longitude_latitude_order(client):
    f.venue(
        code="DC",
        name="区政务服务中心",
        latitude=Decimal("34.725100"),
        longitude=Decimal("113.626200"),
    )

    collection = get(client)

    assert collection["type"] == "FeatureCollection"
    assert "coordinate_system" not in collection  # plain RFC 7946: WGS-84
    [feature] = collection["features"]
    assert feature["type"] == "Feature"
    assert feature["id"] == "DC"
    assert feature["geometry"] == {"type": "Point", "coordinates": [113.6262, 34.7251]}


def test_each_feature_carries_what_the_map_card_shows(client):
    centre = f.venue(code="DC", name="区政务服务中心", address="航海中路 86 号", phone="0371-1")
    street = f.venue(Level.STREET_CENTRE, code="S1", parent=centre, street_name="长江路街道")

    features = {x["id"]: x["properties"] for x in get(client)["features"]}

    assert features["S1"]["code"] == "S1"
    assert features["S1"]["name"] == street.name
    assert features["S1"]["level"] == "street_centre"
    assert features["S1"]["level_label"] == "街道便民服务中心"
    assert features["S1"]["street"] == "长江路街道"
    assert features["S1"]["url"] == "http://testserver/venues/S1/"
    assert features["DC"]["address"] == "航海中路 86 号"
    assert features["DC"]["phone"] == "0371-1"
    assert features["DC"]["today"] == "不开放"  # no hours entered


def test_it_says_whether_each_venue_is_open_now(client):
    f.venue(code="DC")  # no opening hours at all: never open
    f.venue(Level.SELF_SERVICE_KIOSK, code="K1", always_open=True)

    features = {x["id"]: x["properties"] for x in get(client)["features"]}

    assert features["DC"]["open_now"] is False
    assert features["K1"]["open_now"] is True
    assert features["K1"]["today"] == "全天 24 小时"


def test_it_lists_the_network_in_order_district_centre_first(client):
    centre = f.venue(code="Z-DC")
    f.venue(Level.SELF_SERVICE_KIOSK, code="A-K", parent=f.venue(Level.STREET_CENTRE, code="M-S"))
    f.venue(Level.ENTERPRISE_HALL, code="B-E", parent=centre)

    assert [x["id"] for x in get(client)["features"]] == ["Z-DC", "B-E", "M-S", "A-K"]


def test_it_filters_by_level(client):
    f.venue(code="DC")
    f.venue(Level.SELF_SERVICE_KIOSK, code="K1")
    f.venue(Level.SELF_SERVICE_KIOSK, code="K2")

    features = get(client, level="self_service_kiosk")["features"]

    assert sorted(x["id"] for x in features) == ["K1", "K2"]


def test_it_lists_only_the_venues_that_handle_a_matter(client):
    centre = f.venue(code="DC")
    station = f.venue(Level.COMMUNITY_STATION, code="C1")
    f.venue(Level.COMMUNITY_STATION, code="C2", parent=station.parent)
    id_card = f.matter(code="M-ID")
    f.handling(id_card, centre)
    f.handling(id_card, station)
    f.handling(f.matter(code="M-OTHER"), station)

    features = get(client, matter="M-ID")["features"]

    assert [x["id"] for x in features] == ["DC", "C1"]


def test_matter_and_level_filters_combine(client):
    centre = f.venue(code="DC")
    station = f.venue(Level.COMMUNITY_STATION, code="C1")
    id_card = f.matter(code="M-ID")
    f.handling(id_card, centre)
    f.handling(id_card, station)

    features = get(client, matter="M-ID", level="community_station")["features"]

    assert [x["id"] for x in features] == ["C1"]


def test_it_shifts_points_to_gcj02_on_request_and_says_so(client):
    # The published example point of the GCJ-02 formula (Beijing), see test_map_gcj02.py.
    f.venue(code="DC", latitude=Decimal("39.915000"), longitude=Decimal("116.404000"))

    collection = get(client, crs="gcj02")

    assert collection["coordinate_system"] == "gcj02"
    assert collection["features"][0]["geometry"]["coordinates"] == [116.410244, 39.916404]
    assert collection["features"][0]["properties"]["wgs84"] == [116.404, 39.915]


def test_it_is_described_in_the_openapi_schema(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()

    operation = schema["paths"]["/api/v1/venues.geojson"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"level", "matter", "crs"}
    assert "application/geo+json" in operation["responses"]["200"]["content"]
    assert "400" in operation["responses"]
