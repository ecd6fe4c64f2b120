"""人民帮办's figures in /api/v1/stats/ and on the home page, counted live."""

import datetime

import pytest
from django.utils import timezone

from services.help import actions
from tests import help_factories as hf

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests_made():
    """4 requests: 2 done on time (rated 5, and 2 then 5 after 整改), 1 done late (rated 4), 1
    pending last year."""
    volunteer = hf.helper()
    now = timezone.now()
    on_time = [hf.done(hf.help_request(now=now), volunteer) for _ in range(2)]
    late = hf.in_progress(hf.help_request(now=now), volunteer)
    late = actions.request_finish(
        request=late, by=volunteer.user, result="办好了", now=now + datetime.timedelta(days=30)
    )
    actions.request_rate(request=on_time[0], rating=5)
    boss = hf.dispatcher()
    bad = actions.request_rate(request=on_time[1], rating=2)
    # 整改, then a better second rating: the 差评 still counts against satisfaction.
    bad = actions.rectification_verify(request=bad, by=boss, note="属实")
    bad = actions.rectification_rectify(request=bad, by=boss, note="整改")
    bad = actions.rectification_answer(request=bad, by=boss, note="答复")
    actions.request_rate(request=bad, rating=5, by=boss)
    actions.request_rate(request=late, rating=4)
    hf.help_request(now=now.replace(year=now.year - 1))


def test_the_stats_api_counts_help_requests_live(client, requests_made):
    figures = client.get("/api/v1/stats/").json()["help_requests"]

    assert figures == {
        "total": 4,
        "done": 3,
        "this_year": 3,
        "on_time_rate": 66.67,
        "satisfaction_rate": 66.67,
    }
    hf.help_request()  # a new request moves the cached answer on at once
    assert client.get("/api/v1/stats/").json()["help_requests"]["total"] == 5


def test_the_home_page_shows_the_figures(client, requests_made):
    html = client.get("/").content.decode()

    assert "人民帮办" in html
    assert "<strong>4</strong> 件帮办代办（今年 3 件）" in html
    assert "<strong>66.67%</strong> 按期办结" in html
    assert 'href="/help/"' in html


def test_with_no_requests_the_rates_are_zero_not_an_error(client):
    figures = client.get("/api/v1/stats/").json()["help_requests"]

    assert figures == {
        "total": 0,
        "done": 0,
        "this_year": 0,
        "on_time_rate": 0.0,
        "satisfaction_rate": 0.0,
    }
