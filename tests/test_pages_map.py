"""/map/ without JavaScript: the list of venues, a server-drawn SVG, layers, nearest and a card."""

import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from services.models import Venue
from tests import factories as f

pytestmark = pytest.mark.django_db

Level = Venue.Level
URL = "/map/"


@pytest.fixture
def network():
    """A centre (never open: no hours), a street centre, a station and two 24-hour kiosks."""
    centre = f.venue(code="DC", name="区政务服务中心", latitude=Decimal("34.725"))
    street = f.venue(
        Level.STREET_CENTRE,
        code="S1",
        name="长江路街道便民服务中心",
        parent=centre,
        street_name="长江路街道",
        latitude=Decimal("34.700000"),
        longitude=Decimal("113.600000"),
    )
    f.venue(
        Level.COMMUNITY_STATION,
        code="C1",
        name="长江路社区便民服务站",
        parent=street,
        latitude=Decimal("34.701000"),
    )
    f.venue(
        Level.SELF_SERVICE_KIOSK,
        code="K-NEAR",
        name="近处的自助终端",
        parent=street,
        latitude=Decimal("34.702000"),
        longitude=Decimal("113.601000"),
    )
    f.venue(
        Level.SELF_SERVICE_KIOSK,
        code="K-FAR",
        name="远处的自助终端",
        parent=street,
        latitude=Decimal("34.760000"),
        longitude=Decimal("113.680000"),
    )


def listed(response):
    html = response.content.decode()
    return re.findall(r'<li class="map-item" data-code="([^"]+)"', html)


def drawn(response):
    return len(re.findall(r'<circle class="pt ', response.content.decode()))


def test_it_lists_every_venue_and_draws_each_on_the_svg(client, network):
    response = client.get(URL)

    assert response.status_code == 200
    assert listed(response) == ["DC", "S1", "C1", "K-FAR", "K-NEAR"]
    assert drawn(response) == 5
    assert "未配置底图" in response.content.decode()


def test_unticked_levels_are_left_out_of_the_list_and_the_drawing(client, network):
    response = client.get(URL, {"shown": "1", "level": ["district_centre", "street_centre"]})

    assert listed(response) == ["DC", "S1"]
    assert drawn(response) == 2
    html = response.content.decode()
    assert 'value="self_service_kiosk" data-layer="self_service_kiosk">' in html  # not checked
    assert 'value="street_centre" checked' in html


def test_only_open_now_leaves_out_the_closed_venues(client, network):
    response = client.get(URL, {"open": "1"})

    assert listed(response) == ["K-FAR", "K-NEAR"]


def test_from_a_matter_only_the_venues_that_handle_it_are_shown(client, network):
    id_card = f.matter(code="M-ID", name="居民身份证换领")
    f.handling(id_card, Venue.objects.get(code="S1"))

    response = client.get(URL, {"matter": "M-ID"})

    assert listed(response) == ["S1"]
    html = response.content.decode()
    assert '只显示能办理“<a href="/matters/M-ID/">居民身份证换领</a>”的场所' in html
    config = json.loads(re.search(r'id="map-config"[^>]*>(.*?)</script>', html).group(1))
    assert config["geojson"] == "/api/v1/venues.geojson?matter=M-ID"


def test_an_unknown_matter_is_said_and_the_whole_network_shown(client, network):
    response = client.get(URL, {"matter": "NO-SUCH\x00<b>"})

    assert response.status_code == 200
    assert "没有找到编码为“NO-SUCH &lt;b&gt;”的事项" in response.content.decode()
    assert len(listed(response)) == 5


def test_a_chosen_street_lists_nearest_first_and_opens_the_nearest_open_venue(client, network):
    response = client.get(URL, {"street": "长江路街道"})

    # From the street centre: itself (closed), the station, the near kiosk … the far kiosk last.
    assert listed(response)[0] == "S1"
    assert listed(response)[-1] == "K-FAR"
    html = response.content.decode()
    assert "离长江路街道最近的正在办公的场所：近处的自助终端" in html
    card = re.search(r'<section class="venue-card map-card"(.*?)</section>', html, re.S).group(1)
    assert "近处的自助终端" in card and "hidden" not in card.split(">")[0]
    assert 'class="svg-label"' in html and ">近处的自助终端</text>" in html


def test_a_chosen_venue_is_circled_and_its_card_shown(client, network):
    response = client.get(URL, {"venue": "C1"})

    html = response.content.decode()
    assert ">长江路社区便民服务站</text>" in html
    assert 'data-code="C1" data-level="community_station" data-open="0" aria-current="true"' in html
    assert '<h2 id="card-title" tabindex="-1">长江路社区便民服务站</h2>' in html


def test_without_a_choice_no_card_is_shown(client, network):
    html = client.get(URL).content.decode()

    assert (
        '<section class="venue-card map-card" id="venue-card" aria-label="场所卡片" aria-live="polite" hidden>'
        in html
    )


def test_a_bad_location_or_venue_is_said_not_an_error(client, network):
    response = client.get(URL, {"lat": "abc", "lng": "1", "venue": "<script>"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "纬度和经度必须是数字" in html
    assert "<script>" not in html.replace('<script src="', "").replace(
        '<script id="map-config" type="application/json">', ""
    )


def test_the_page_runs_no_inline_script_and_loads_only_its_own_files(client, network):
    html = client.get(URL).content.decode()

    scripts = re.findall(r"<script([^>]*)>", html)
    assert all("src=" in s or 'type="application/json"' in s for s in scripts)
    assets = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', html)
    assert "/static/leaflet/leaflet.js" in assets
    assert all(a == "data:," or re.match(r"/[^/]", a) for a in assets), assets


def test_large_text_is_applied(client, network):
    client.cookies["large_text"] = "1"

    html = client.get(URL).content.decode()

    assert '<body class="large-text">' in html


def test_the_map_is_linked_from_home_venue_list_and_a_matters_where_to_go(client, network):
    id_card = f.matter(code="M-ID")

    for page in ("/", reverse("services:venues")):
        assert 'href="/map/"' in client.get(page).content.decode(), page
    matter_page = client.get(id_card.get_absolute_url()).content.decode()
    assert 'href="/map/?matter=M-ID"' in matter_page
