"""On PostgreSQL a cached answer costs one round trip: the generation read is also the kept
connection's health check (services/caching.py, `_read`), instead of Django's `SELECT 1` before
it; a connection found dead is replaced and the answer still served."""

import psycopg2
import pytest
from django.db import connection, connections

from services.models import Generation
from tests import factories as f

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's kept connections"),
]


def next_request():
    """What Django does between two requests: the kept connection is to be checked again
    (the test client leaves the connection alone, so this is done by hand)."""
    connection.close_if_unusable_or_obsolete()
    assert connection.connection is not None and not connection.health_check_done


PAGE = "/matters/M1/"


@pytest.fixture
def page(client):
    f.matter(code="M1", name="居民身份证换领")
    assert client.get(PAGE).status_code == 200  # rendered and cached
    assert connection.health_check_enabled
    return client


def test_a_cached_answer_reads_the_generation_and_nothing_else(page, monkeypatch):
    checks = []
    wrapper = type(connections["default"])
    real = wrapper.is_usable
    monkeypatch.setattr(wrapper, "is_usable", lambda self: checks.append(1) or real(self))
    next_request()
    answer = page.get(PAGE)
    assert answer.status_code == 200
    assert checks == []  # no SELECT 1 before the generation read
    assert connection.health_check_done  # the read counted as the check for this request


def test_a_dead_connection_is_replaced_and_the_answer_served(page):
    next_request()
    before = connection.connection.get_backend_pid()
    other = psycopg2.connect(**connection.get_connection_params())
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [before])
    finally:
        other.close()
    answer = page.get(PAGE)
    assert answer.status_code == 200
    assert "居民身份证换领" in answer.content.decode()
    assert connection.connection.get_backend_pid() != before
    assert Generation.objects.numbers()  # the new connection works
