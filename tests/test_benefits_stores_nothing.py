"""The self-check stores nothing and logs nothing: no row in any table, no log record, no cookie."""

import json
import logging

import pytest
from django.db import connection

from services.models import Venue
from tests import benefit_factories, factories

pytestmark = pytest.mark.django_db


def row_counts():
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def street():
    benefit_factories.old_age_allowance()
    benefit_factories.benefit(name="残疾人护理补贴", qualifiers=[("", (1, 2), "")])
    return factories.venue(Venue.Level.STREET_CENTRE, code="S-check")


@pytest.fixture
def everything_logged(caplog):
    caplog.set_level(logging.DEBUG)  # every logger, every level
    return caplog


PAGE_INPUTS = [
    {"birth_year": "1941", "birth_month": "5", "hukou_street": "S-check", "disability_grade": "1"},
    {"birth_year": "2999", "birth_month": "5", "hukou_street": "S-check"},  # bad: in the future
]
API_INPUTS = [
    {"birth": "1941-05", "hukou_street": "S-check", "disability_grade": 1, "veteran": True},
    {"birth": "1941-05", "hukou_street": "S-check", "disability_grade": 7},  # bad: a 400
]


@pytest.mark.parametrize("data", PAGE_INPUTS)
def test_the_page_check_writes_no_row_no_log_and_sets_no_cookie(
    client, street, everything_logged, data
):
    before = row_counts()
    everything_logged.clear()
    response = client.post("/benefits/", data)
    assert response.status_code == 200
    assert everything_logged.records == []
    assert row_counts() == before
    assert not response.cookies


@pytest.mark.parametrize("data", API_INPUTS)
def test_the_api_check_writes_no_row_and_no_log(client, street, everything_logged, data):
    before = row_counts()
    everything_logged.clear()
    response = client.post(
        "/api/v1/benefits/check/", json.dumps(data), content_type="application/json"
    )
    assert response.status_code in (200, 400)
    assert everything_logged.records == []
    assert row_counts() == before
    assert not response.cookies


def test_the_answers_are_in_the_page_not_in_its_address(client, street):
    response = client.post("/benefits/", PAGE_INPUTS[0])
    assert response.request["PATH_INFO"] == "/benefits/"
    assert response.request["QUERY_STRING"] == ""
    assert 'method="post"' in response.content.decode()
