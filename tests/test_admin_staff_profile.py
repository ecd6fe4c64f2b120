"""The data office ties a staff member to their department or venue on the user's admin page."""

import pytest
from django.urls import reverse

from services.models import StaffProfile, Venue
from services.roles import DATA_OFFICE, VENUE_MANAGER
from tests import factories
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db


def test_the_data_office_sets_a_staff_members_venue(client):
    venue = factories.venue(Venue.Level.STREET_CENTRE)
    clerk = factories.staff_user(VENUE_MANAGER, username="clerk")
    client.force_login(factories.staff_user(DATA_OFFICE))
    url = reverse("admin:auth_user_change", args=[clerk.pk])
    data = form_data(client.get(url))
    data["staff_profile-0-venue"] = str(venue.pk)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert StaffProfile.objects.get(user=clerk).venue == venue


def test_a_venue_manager_cannot_change_their_own_tie(client):
    venue, other = factories.venue(), factories.venue()
    clerk = factories.staff_user(VENUE_MANAGER, venue=venue)
    client.force_login(clerk)
    profile = clerk.staff_profile
    response = client.post(
        reverse("admin:services_staffprofile_change", args=[profile.pk]),
        {"user": clerk.pk, "venue": other.pk, "department": ""},
    )
    assert response.status_code == 403
    profile.refresh_from_db()
    assert profile.venue == venue
    assert client.get(reverse("admin:auth_user_change", args=[clerk.pk])).status_code == 403
