"""The map's tiles come from settings: none by default, a configured server when set."""

import json
import re

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def config(client):
    html = client.get("/map/").content.decode()
    return json.loads(re.search(r'id="map-config"[^>]*>(.*?)</script>', html).group(1))


def test_without_a_tile_server_the_map_draws_no_tiles(client):
    f.venue()

    assert config(client)["tiles"] is None
    assert config(client)["geojson"] == "/api/v1/venues.geojson"


def test_a_configured_server_is_given_with_its_key_attribution_and_subdomains(client, settings):
    settings.MAP_TILE_URL = "https://t{s}.tiles.example/{z}/{x}/{y}.png?key={key}"
    settings.MAP_TILE_KEY = "k-123"
    settings.MAP_TILE_ATTRIBUTION = "© 示例地图"
    settings.MAP_TILE_SUBDOMAINS = "1234"
    f.venue()

    tiles = config(client)["tiles"]

    assert tiles["url"] == "https://t{s}.tiles.example/{z}/{x}/{y}.png?key=k-123"
    assert tiles["attribution"] == "© 示例地图"
    assert tiles["subdomains"] == "1234"
    assert "未配置底图" not in client.get("/map/").content.decode()


def test_gcj02_tiles_get_their_points_shifted(client, settings):
    settings.MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    settings.MAP_TILE_CRS = "gcj02"
    f.matter(code="M-1")

    assert config(client)["geojson"] == "/api/v1/venues.geojson?crs=gcj02"
    assert config(client)["tiles"]["crs"] == "gcj02"
