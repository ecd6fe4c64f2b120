"""The matter and venue edit pages make the same number of queries with 5 or 50 inline rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from services.models import OpeningPeriod, Venue, VenueException
from services.roles import DATA_OFFICE, VENUE_MANAGER
from tests import factories

pytestmark = pytest.mark.django_db


def queries(client, url):
    client.get(url)  # fills the content-type cache, which is per process, not per page
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def matter_with_rows(n):
    matter = factories.matter(themes=[factories.theme()])
    street = factories.venue(Venue.Level.STREET_CENTRE)
    for i in range(n):
        factories.material(matter, name=f"材料{i}", position=i)
        factories.step(matter, name=f"环节{i}", position=i)
        factories.handling(matter, factories.venue(Venue.Level.COMMUNITY_STATION, parent=street))
    return matter


def venue_with_rows(n):
    venue = factories.venue(Venue.Level.STREET_CENTRE)
    for i in range(n):
        opens = datetime.time(i // 7, 0)
        OpeningPeriod.objects.create(venue=venue, weekday=i % 7, opens=opens, closes="23:00")
        VenueException.objects.create(venue=venue, date=f"2026-{1 + i // 28:02d}-{1 + i % 28:02d}")
    return venue


@pytest.mark.parametrize("role", [DATA_OFFICE, VENUE_MANAGER])
def test_the_matter_page_costs_the_same_with_5_or_50_rows(client, role):
    client.force_login(factories.staff_user(role))
    small, large = matter_with_rows(5), matter_with_rows(50)
    few = queries(client, reverse("admin:services_matter_change", args=[small.pk]))
    many = queries(client, reverse("admin:services_matter_change", args=[large.pk]))
    assert few == many, (few, many)


@pytest.mark.parametrize("role", [DATA_OFFICE, VENUE_MANAGER])
def test_the_venue_page_costs_the_same_with_5_or_50_rows(client, role):
    counts = []
    for venue in venue_with_rows(5), venue_with_rows(50):
        # A 场所管理员 looks at their own venue, so both pages are editable.
        client.force_login(factories.staff_user(role, venue=venue))
        counts.append(queries(client, reverse("admin:services_venue_change", args=[venue.pk])))
    few, many = counts
    assert few == many, (few, many)
