"""The dispatcher's queue: open requests, nearest deadline first, filtered by what they choose."""

import datetime

import pytest
from django.utils import timezone

from services.help.models import Category
from tests import help_factories as hf

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(client):
    client.force_login(hf.dispatcher())
    today = timezone.now()
    east, west = (
        hf.street(code="S-E", street_name="东街道"),
        hf.street(code="S-W", street_name="西街道"),
    )
    old = hf.help_request(street=east, now=today - datetime.timedelta(days=10))
    new = hf.help_request(street=west, category=Category.ENTERPRISE, now=today)
    return client, old, new


def numbers(client, query=""):
    html = client.get(f"/help/work/queue/{query}").content.decode()
    return [n for n in html.split('data-number="')[1:]], html


def test_the_overdue_request_comes_first_and_is_marked(queue):
    client, old, new = queue
    cards, html = numbers(client)

    assert [c[:16] for c in cards] == [old.number, new.number]
    assert "已超期" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?overdue=true", "old"),
        ("?overdue=false", "new"),
        ("?category=enterprise", "new"),
        ("?street=S-E", "old"),
        ("?state=pending&street=S-W", "new"),
    ],
)
def test_the_filters_narrow_the_queue(queue, query, expected):
    client, old, new = queue
    cards, _ = numbers(client, query)

    assert [c[:16] for c in cards] == [{"old": old, "new": new}[expected].number]


def test_a_bad_filter_is_said_in_chinese(queue):
    client, old, new = queue

    response = client.get("/help/work/queue/?state=nonsense")

    assert response.status_code == 400
    assert "筛选条件有误" in response.content.decode()
