"""The admin list pages make the same small number of queries whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from services.models import StaffProfile, Synonym, Venue, VenueException
from services.roles import DATA_OFFICE, VENUE_MANAGER
from tests import factories

pytestmark = pytest.mark.django_db

# At most: session, user, the user's groups and profile, the row count (twice: filtered and
# total), the page of rows with their related rows joined in, and one query per filter that
# lists choices (departments, themes, streets…).
MOST = 14


def queries(client, name):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse(f"admin:services_{name}_changelist"))
    assert response.status_code == 200
    return len(ctx)


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def add_rows(name, n, street):
    """n rows of the list `name`, each with its own related rows (department, venue, …)."""
    for _ in range(n):
        department = factories.department()
        matter = factories.matter(department=department, themes=[factories.theme()])
        venue = factories.venue(Venue.Level.COMMUNITY_STATION, parent=street)
        if name == "handling":
            factories.handling(matter, venue)
        elif name == "material":
            factories.material(matter)
        elif name == "step":
            factories.step(matter)
        elif name == "openingperiod":
            factories.weekday_hours(venue, days=[0])
        elif name == "venueexception":
            VenueException.objects.create(venue=venue, date="2026-10-01", reason="国庆")
        elif name == "synonym":
            Synonym.objects.create(term=f"说法{matter.pk}", expansions="规范 用词")
        elif name == "staffprofile":
            user = factories.staff_user(VENUE_MANAGER)
            StaffProfile.objects.create(user=user, department=department, venue=venue)


@pytest.mark.parametrize(
    "name",
    [
        "matter",
        "venue",
        "handling",
        "material",
        "step",
        "openingperiod",
        "venueexception",
        "synonym",
        "department",
        "staffprofile",
    ],
)
def test_a_list_page_costs_the_same_for_5_and_for_50_rows(client, name):
    street = factories.venue(Venue.Level.STREET_CENTRE)
    client.force_login(factories.staff_user(DATA_OFFICE))
    add_rows(name, 5, street)
    queries(client, name)  # warm: lists read once per data generation (the streets) are cached
    few = queries(client, name)
    add_rows(name, 45, street)
    many = queries(client, name)
    assert few == many
    assert many <= MOST


def test_a_venue_managers_pages_cost_the_same_for_5_and_for_50_links(client):
    street = factories.venue(Venue.Level.STREET_CENTRE)
    client.force_login(factories.staff_user(VENUE_MANAGER, venue=street))
    for _ in range(5):
        factories.handling(factories.matter(), street)
    few = queries(client, "handling"), queries(client, "venue")
    for _ in range(45):
        factories.handling(factories.matter(), street)
    assert (queries(client, "handling"), queries(client, "venue")) == few


def test_the_matter_filters_by_street_and_venue_level(client):
    street = factories.venue(Venue.Level.STREET_CENTRE, street_name="长江路街道")
    there, elsewhere = factories.matter(), factories.matter()
    factories.handling(there, street)
    client.force_login(factories.staff_user(DATA_OFFICE))
    changelist = reverse("admin:services_matter_changelist")
    for query in ("?street=长江路街道", "?handled_at=street_centre"):
        listed = client.get(changelist + query).context["cl"].result_list
        assert list(listed) == [there]
    assert elsewhere in client.get(changelist).context["cl"].result_list
