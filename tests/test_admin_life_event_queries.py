"""The life-event list and edit pages make the same number of queries for 5 or 50 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from services.models import LifeEventMaterial
from services.roles import DATA_OFFICE, DEPARTMENT_MANAGER
from tests import factories

pytestmark = pytest.mark.django_db

# Session, user, groups, profile, two counts, the page of rows, and one query per filter that
# lists choices (the departments): as for the other lists (test_admin_changelist_queries.py).
MOST = 14


def queries(client, url):
    client.get(url)  # fills the per-process caches (content types, the streets)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def event_with_rows(n):
    event = factories.life_event()
    for i in range(n):
        matter = factories.matter(department=factories.department())
        factories.bundle(event, matter, position=i)
        material = LifeEventMaterial.objects.create(event=event, position=i, name=f"材料{i}")
        material.for_matters.set([matter])
    return event


def user(role):
    if role == DEPARTMENT_MANAGER:
        return factories.staff_user(role, department=factories.department())
    return factories.staff_user(role)


@pytest.mark.parametrize("role", [DATA_OFFICE, DEPARTMENT_MANAGER])
def test_the_change_page_costs_the_same_with_5_or_50_rows(client, role):
    client.force_login(user(role))
    small, large = event_with_rows(5), event_with_rows(50)
    few = queries(client, reverse("admin:services_lifeevent_change", args=[small.pk]))
    many = queries(client, reverse("admin:services_lifeevent_change", args=[large.pk]))
    assert few == many, (few, many)


@pytest.mark.parametrize("role", [DATA_OFFICE, DEPARTMENT_MANAGER])
def test_the_list_costs_the_same_for_5_and_for_50_events(client, role):
    client.force_login(user(role))
    url = reverse("admin:services_lifeevent_changelist")
    for _ in range(5):
        event_with_rows(2)
    few = queries(client, url)
    for _ in range(45):
        event_with_rows(2)
    many = queries(client, url)
    assert few == many, (few, many)
    assert many <= MOST
