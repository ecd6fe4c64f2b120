"""A query describing a life situation finds its life event (一件事) first: everyday words,
pinyin, a typo, an aspect particle inside a word; the queries here are this file's own."""

import pytest

from services.search import life_events
from tests import factories as f
from tests.life_events_demo import life_events as demo_events

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def events():
    f.matter(name="出生登记")
    return demo_events()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("媳妇刚生了个女儿要办哪些证", "新生儿出生一件事"),
        ("闺女满六岁了该报名读一年级了", "入学前一件事"),
        ("我妈今年到年龄退休了", "退休一件事"),
        ("父亲过世了后事怎么办", "身后一件事"),
        ("当了五年兵今年复员", "军人退役一件事"),
        ("想在小区门口开个早餐店", "开办餐饮店一件事"),
        ("公司要换法人和地址", "企业信息变更一件事"),
        ("公司亏了想注销", "企业注销一件事"),
        ("个体户能直接变成有限公司吗", "个体工商户转型为企业一件事"),
    ],
)
def test_a_life_situation_finds_its_event_first(query, expected):
    assert life_events(query)[0].name == expected


def test_full_pinyin_is_read_as_the_words_it_spells():
    assert life_events("tuixiu shouxu")[0].name == "退休一件事"


def test_a_homophone_typo_is_read_as_the_clue_it_sounds_like():
    assert life_events("家里老人去逝了")[0].name == "身后一件事"


def test_a_particle_inside_a_word_does_not_hide_it():
    assert life_events("刚结完婚想要个孩子")[0].name == "婚育一件事"


def test_a_negated_clue_does_not_count():
    assert life_events("公司想先停业一段时间，不注销") == []


def test_an_unpublished_event_is_not_found(events):
    event = events["退休一件事"]
    event.published = False
    event.save()
    assert life_events("办退休") == []


def test_each_event_carries_the_address_of_its_page():
    event = life_events("孩子出生了")[0]
    assert event.url == "/life-events/LE01/"
