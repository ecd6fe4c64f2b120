"""Typeahead offers the life event first: {text, kind: "life_event", url} of its page."""

import pytest

from tests import factories as f
from tests.life_events_demo import life_events as demo_events

pytestmark = pytest.mark.django_db


def suggest(client, q):
    response = client.get("/api/v1/suggest/", {"q": q})
    assert response.status_code == 200
    return response.json()["results"]


def test_a_life_situation_suggests_its_event_first(client):
    demo_events()
    f.matter(name="企业职工基本养老保险正常退休申请")
    results = suggest(client, "退休")
    assert results[0] == {"text": "退休一件事", "kind": "life_event", "url": "/life-events/LE04/"}
    assert "企业职工基本养老保险正常退休申请" in [r["text"] for r in results]


def test_the_start_of_an_event_name_suggests_it(client):
    demo_events()
    assert {"text": "新生儿出生一件事", "kind": "life_event"}.items() <= suggest(client, "新生")[
        0
    ].items()


def test_at_most_ten_with_life_events(client):
    demo_events()
    for i in range(15):
        f.matter(name=f"退休事项{i:02d}")
    results = suggest(client, "退休")
    assert len(results) == 10
    assert all(set(r) == {"text", "kind", "url"} for r in results)
