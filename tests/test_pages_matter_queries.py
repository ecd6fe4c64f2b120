"""The matter page's queries do not grow with the number of venues that handle the matter."""

import datetime

import pytest
from django.urls import reverse

from services.models import Venue, VenueException
from tests import factories

pytestmark = pytest.mark.django_db


def add_venues(matter, n):
    for _ in range(n):
        station = factories.venue(Venue.Level.COMMUNITY_STATION)
        factories.weekday_hours(station)
        VenueException.objects.create(venue=station, date=datetime.date(2099, 1, 1))
        factories.handling(matter, station)


@pytest.mark.parametrize("venues", [1, 12])
def test_the_matter_page_needs_the_same_queries_for_1_or_12_venues(
    client, django_assert_num_queries, venues
):
    matter = factories.matter(name="居民身份证换领", themes=[factories.theme()])
    factories.material(matter)
    factories.step(matter)
    add_venues(matter, venues)
    url = reverse("services:matter", args=[matter.code])
    # the data generation and the opening and closing times (for the cache key; the times
    # once per generation), matter+department, themes, materials, steps, handlings+venues,
    # periods, exceptions, today's calendar day, street centres for the street select, the
    # 一件事 that include the matter; the outreach sections (services.hooks): 相关政策解读, 常见问题.
    with django_assert_num_queries(14):
        response = client.get(url, {"lat": "34.72", "lng": "113.63"})
    assert response.status_code == 200
    assert response.content.decode().count('class="venue-card"') == venues
