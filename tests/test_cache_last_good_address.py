"""The last good copy of an answer (served while the database is down) is kept under the same
address as the answer: for a view that lists the parameters it reads, others do not make a copy
of their own that plain requests would then never refresh."""

import pytest
from django.test import RequestFactory

from services import caching, hsds
from services.faults import database

pytestmark = pytest.mark.django_db


def test_a_parameter_the_view_does_not_read_names_the_same_copy(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    with_junk = RequestFactory().get("/api/v1/hsds.zip", {"utm": "1"})
    plain = RequestFactory().get("/api/v1/hsds.zip")
    policy = caching.view_policy(with_junk)
    assert policy.params == ()
    stored, _, _ = database.last_good_entry(with_junk, None, caching.address(with_junk, policy))
    assert stored == database._key(plain)


def test_a_parameter_the_view_reads_names_another_copy(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    one = RequestFactory().get("/api/v1/venues.geojson", {"level": "district_centre"})
    other = RequestFactory().get("/api/v1/venues.geojson", {"level": "street_centre"})
    assert database._key(one) != database._key(other)


def test_the_hsds_zip_is_built_once_per_generation(monkeypatch):
    built = []
    real = hsds.files
    monkeypatch.setattr(hsds, "files", lambda: built.append(1) or real())
    first = hsds._zip_of_generation()
    assert hsds._zip_of_generation() is first
    assert len(built) == 1
