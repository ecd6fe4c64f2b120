"""The GeoJSON of the whole network costs a fixed number of queries, however many venues."""

import pytest

from services.models import Venue
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("stations", [1, 20])
def test_the_whole_network_is_a_fixed_number_of_queries(
    client, django_assert_num_queries, stations
):
    street = f.venue(Venue.Level.STREET_CENTRE)
    for _ in range(stations):
        f.weekday_hours(f.venue(Venue.Level.COMMUNITY_STATION, parent=street))

    # The cache key (services/caching.py): 1 the data generation, 2 the day's opening and
    # closing times. Then 3 today's calendar row, 4 the venues, 5 today's opening periods,
    # 6 today's exceptions.
    with django_assert_num_queries(6):
        response = client.get("/api/v1/venues.geojson")

    assert len(response.json()["features"]) == stations + 2


def test_a_matter_filter_adds_one_query(client, django_assert_num_queries):
    centre = f.venue()
    f.handling(f.matter(code="M-1"), centre)

    # As above, and the matter looked up by its code.
    with django_assert_num_queries(7):
        response = client.get("/api/v1/venues.geojson", {"matter": "M-1"})

    assert len(response.json()["features"]) == 1
