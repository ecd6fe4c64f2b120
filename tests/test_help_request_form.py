"""A resident asks for help on /help/: a tracking number on success, clear refusals otherwise."""

import re

import pytest
from django.core.cache import cache

from services.help.models import HelpRequest
from services.help.states import State
from tests import factories
from tests import help_factories as hf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    """Rate limits are counted in the cache: each test starts with none used."""
    cache.clear()


@pytest.fixture
def place():
    street = hf.street(code="S01", street_name="长江路街道")
    station = hf.station(street, code="C0101", name="长江路社区便民服务站")
    return street, station


def post(client, **changes):
    data = {
        "name": "演示张三",
        "phone": "13800001234",
        "street": "S01",
        "community": "C0101",
        "address": "长江路 1 号院",
        "category": "elderly",
        "need": "父亲 86 岁，想办高龄津贴，来不了窗口",
        "door_to_door": "on",
        "matter": "",
        "consent": "on",
    }
    data.update(changes)
    return client.post("/help/", {k: v for k, v in data.items() if v is not None})


def test_the_form_page_names_its_fields_as_agreed(client, place):
    html = client.get("/help/").content.decode()

    for name in ("name", "phone", "street", "community", "address", "category", "need"):
        assert f'name="{name}"' in html
    assert 'name="door_to_door"' in html and 'name="matter"' in html
    assert re.search(r'<input type="checkbox" name="consent"(?![^>]*checked)', html)


def test_a_filed_request_answers_with_its_tracking_number(client, place):
    response = post(client)

    request = HelpRequest.objects.get()
    assert response.status_code == 200
    assert f'data-tracking-number="{request.number}"' in response.content.decode()
    assert (request.state, request.channel, request.street, request.community) == (
        State.PENDING,
        "online",
        place[0],
        place[1],
    )
    assert request.door_to_door and request.consent


def test_the_matter_can_be_given_by_name(client, place):
    matter = factories.matter(name="高龄津贴申领")

    post(client, matter="高龄津贴申领")

    assert HelpRequest.objects.get().matter == matter


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"consent": None}, "请勾选同意使用个人信息"),
        ({"phone": "1234"}, "11 位手机号码"),
        ({"phone": "<script>"}, "11 位手机号码"),
        ({"street": "NOPE"}, "请从列表中选择所在街道"),
        ({"category": "vip"}, "请从列表中选择服务类别"),
        ({"need": ""}, "请填写需要帮您办什么"),
        ({"name": "\x01\x02"}, "请填写姓名"),
        ({"address": "", "door_to_door": "on"}, "请填写详细地址"),
        ({"matter": "不存在的事项"}, "没有找到这个事项"),
        ({"need": "x" * 1001}, "1000"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_stored(client, place, changes, message):
    response = post(client, **changes)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not HelpRequest.objects.exists()


def test_a_community_of_another_street_is_refused(client, place):
    other = hf.street(code="S02")
    hf.station(other, code="C0201")

    response = post(client, community="C0201")

    assert response.status_code == 400
    assert "所选社区不属于所选街道" in response.content.decode()
    assert not HelpRequest.objects.exists()


def test_a_robot_filling_the_honeypot_stores_nothing(client, place):
    response = post(client, website="http://spam.example")

    assert response.status_code == 400
    assert not HelpRequest.objects.exists()
