import pytest

from services.actions import generation_bump
from services.models import Generation, Venue
from tests import factories

pytestmark = pytest.mark.django_db

Level = Venue.Level


def test_stats_count_the_network_and_catalogue_from_the_database(client):
    street = factories.venue(Level.STREET_CENTRE)
    factories.venue(Level.COMMUNITY_STATION, parent=street)
    factories.venue(Level.COMMUNITY_STATION, parent=street)
    factories.venue(Level.SELF_SERVICE_KIOSK, parent=street)
    factories.matter(instant=True, self_service=True)
    factories.matter(instant=True, cross_province=True)
    factories.matter(no_application=True, delegated_to_street=True)

    response = client.get("/api/v1/stats/")

    assert response.status_code == 200
    assert response.json() == {
        "venues": {
            "district_centre": 1,
            "enterprise_hall": 0,
            "street_centre": 1,
            "community_station": 2,
            "self_service_kiosk": 1,
            "help_platform": 0,
        },
        "departments": 1,
        "matters": 3,
        "instant": 2,
        "instant_share": 66.67,
        "self_service": 1,
        "no_application": 1,
        "delegated_to_street": 1,
        "cross_province": 1,
        "help_requests": {
            "total": 0,
            "done": 0,
            "this_year": 0,
            "on_time_rate": 0.0,
            "satisfaction_rate": 0.0,
        },
    }


def test_stats_follow_a_change_in_the_data(client):
    factories.matter(instant=True)
    assert client.get("/api/v1/stats/").json()["instant"] == 1
    factories.matter(instant=True)
    generation_bump(kind=Generation.Kind.SEARCH)  # the factory writes around the actions
    assert client.get("/api/v1/stats/").json()["instant"] == 2


def test_stats_of_an_empty_database_are_zero_not_an_error(client):
    body = client.get("/api/v1/stats/").json()
    assert body["matters"] == 0
    assert body["instant_share"] == 0


def test_the_home_page_shows_the_live_figures(client):
    for _ in range(3):
        factories.matter(self_service=True)
    response = client.get("/")
    assert response.status_code == 200
    assert "3</strong> 项 7×24 自助" in response.content.decode()
