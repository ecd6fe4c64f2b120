"""A query about one matter shows no life event, even when a step of an event is that matter."""

import pytest

from services.search import life_events
from tests.life_events_demo import life_events as demo_events

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        "补办身份证",
        "户口注销",
        "出生医学证明",
        "结婚证丢了补办",
        "营业执照丢了",
        "公积金提取",
        "医保报销",
        "sbk",
    ],  # fmt: skip
)
def test_a_one_matter_query_shows_no_life_event(query):
    demo_events()
    assert life_events(query) == []


def test_without_life_events_nothing_is_found():
    assert life_events("孩子出生了要办什么") == []
