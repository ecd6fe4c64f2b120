"""The venue directory: filter by level and street, each venue with today's hours."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from services.models import Venue
from tests import factories

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def network(monkeypatch):
    monkeypatch.setattr(
        timezone, "now", lambda: datetime.datetime(2026, 11, 25, 10, tzinfo=SHANGHAI)
    )
    centre = factories.venue(name="二七区政务服务中心")
    factories.weekday_hours(centre)
    changjiang = factories.venue(
        Venue.Level.STREET_CENTRE, name="长江路街道便民服务中心", street_name="长江路街道"
    )
    jiefang = factories.venue(
        Venue.Level.STREET_CENTRE, name="解放路街道便民服务中心", street_name="解放路街道"
    )
    factories.venue(Venue.Level.COMMUNITY_STATION, name="长江路社区便民服务站", parent=changjiang)
    factories.venue(Venue.Level.COMMUNITY_STATION, name="解放路社区便民服务站", parent=jiefang)
    return centre


def get(client, **params):
    response = client.get(reverse("services:venues"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_it_lists_every_venue_with_today_and_open_now(client, network):
    page = get(client)
    assert "共 5 个场所" in page
    assert f'href="{network.get_absolute_url()}">二七区政务服务中心</a>' in page
    assert page.count('<span class="open">正在办公</span>') == 1
    assert "今天：09:00–17:00" in page


def test_it_filters_by_level(client, network):
    page = get(client, level="street_centre")
    assert "共 2 个场所" in page
    assert "长江路街道便民服务中心" in page and "解放路街道便民服务中心" in page
    assert "社区便民服务站</a>" not in page


def test_it_filters_by_street(client, network):
    page = get(client, street="长江路街道")
    assert "共 2 个场所" in page
    assert "长江路社区便民服务站" in page
    assert "解放路" not in page.split("共 2 个场所")[1]
    assert '<option value="长江路街道" selected>长江路街道</option>' in page
    assert '<option value="解放路街道">解放路街道</option>' in page


def test_it_filters_by_level_and_street_together(client, network):
    page = get(client, street="长江路街道", level="community_station")
    assert "共 1 个场所" in page
    assert "长江路社区便民服务站" in page


@pytest.mark.parametrize("stations", [1, 12])
def test_the_number_of_queries_does_not_grow_with_the_venues(
    client, django_assert_num_queries, stations
):
    street = factories.venue(Venue.Level.STREET_CENTRE, street_name="长江路街道")
    for _ in range(stations):
        station = factories.venue(Venue.Level.COMMUNITY_STATION, parent=street)
        factories.weekday_hours(station)
    # the data generation and the opening and closing times (for the cache key; the times
    # once per generation), street choices, count, page rows, periods, exceptions, today's
    # calendar day.
    with django_assert_num_queries(8):
        page = get(client)
    assert page.count('class="venue-card"') == stations + 2


def test_it_lists_the_network_in_order_district_centre_first(client, network):
    page = get(client)
    assert (
        page.index("二七区政务服务中心")
        < page.index("长江路街道便民服务中心")
        < page.index("长江路社区便民服务站")
    )
