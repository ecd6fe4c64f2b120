"""GET /api/v1/life-events/?q= uses the life-situation matching of the search page: only the
events the query is about, most relevant first; a one-matter query lists none."""

import pytest

from services.search import life_events
from tests.life_events_demo import life_events as demo_events

pytestmark = pytest.mark.django_db


def codes(client, **params):
    response = client.get("/api/v1/life-events/", params)
    assert response.status_code == 200, response.content
    return [r["code"] for r in response.json()["results"]]


def test_a_life_situation_lists_its_event(client):
    demo_events()
    assert codes(client, q="老人走了要办什么手续")[0] == "LE05"


def test_most_relevant_first(client):
    demo_events()
    query = "退休后老人去世了要办哪些手续"
    ranked = [event.code for event in life_events(query)]
    assert len(ranked) == 2
    assert codes(client, q=query) == ranked


def test_a_one_matter_query_lists_none(client):
    demo_events()
    assert codes(client, q="补办身份证") == []


def test_q_and_audience_together(client):
    demo_events()
    assert codes(client, q="公司要注销", audience="个人") == []
    assert codes(client, q="公司要注销", audience="企业") == ["LE10"]


def test_a_too_long_q_is_a_400_with_a_chinese_detail(client):
    response = client.get("/api/v1/life-events/", {"q": "退" * 101})
    assert response.status_code == 400
    assert "100" in response.json()["detail"]
