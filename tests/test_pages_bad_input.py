"""Bad input on the pages gets a friendly Chinese message, never a 500."""

import pytest
from django.urls import reverse

from services.models import Venue
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def catalogue():
    centre = factories.venue()
    factories.handling(factories.matter(name="居民身份证换领"), centre)
    return centre


def get(client, name, params, *args):
    response = client.get(reverse(f"services:{name}", args=args), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_2000_character_query_is_cut_with_a_note(client):
    page = get(client, "search", {"q": "身份证" + "证" * 1997})
    assert "搜索词太长，只按前 100 个字搜索。" in page


def test_control_characters_are_dropped(client):
    page = get(client, "search", {"q": "身份\x00证\x07\x1b[31m"})
    assert "\x00" not in page and "\x07" not in page and "\x1b" not in page


@pytest.mark.parametrize(
    "q", ["' OR 1=1 --", "%'; DROP TABLE services_matter; --", "_%_", "\\", "😀" * 10]
)
def test_sql_like_or_odd_queries_are_just_words(client, q):
    get(client, "search", {"q": q})
    assert client.get(reverse("services:search"), {"q": "身份证"}).status_code == 200


@pytest.mark.parametrize(
    ("param", "value", "message"),
    [
        ("theme", "no-such-theme", "主题分类：没有这个主题：“no-such-theme”。已忽略这个条件。"),
        ("department", "NOPE", "实施部门：没有这个部门编码：“NOPE”。已忽略这个条件。"),
        ("level", "moon_base", "办理场所层级：没有这个场所层级：“moon_base”。已忽略这个条件。"),
        ("street", "火星街道", "街道：没有这个街道：“火星街道”。已忽略这个条件。"),
        ("audience", "alien", "服务对象：没有这个服务对象：“alien”。已忽略这个条件。"),
        ("instant", "maybe", "即来即办：只能填 1（是）或 0（否）。已忽略这个条件。"),
        ("visits", "7", "跑动次数：没有这个跑动次数：“7”。已忽略这个条件。"),
        ("department", "A\x00B", "实施部门："),
    ],
)
def test_unknown_facet_values_are_ignored_with_a_note(client, param, value, message):
    page = get(client, "search", {"q": "身份证", param: value})
    assert message in page
    assert "居民<mark>身份证</mark>换领" in page  # the other criteria still apply


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "页码“abc”不是有效的数字，已显示第 1 页。"),
        ("0", "页码必须从 1 开始，已显示第 1 页。"),
        ("-1", "页码必须从 1 开始，已显示第 1 页。"),
        ("1000000000", "一共只有 1 页，已显示最后一页。"),
        ("9" * 5000, "不是有效的数字，已显示第 1 页。"),
        ("1.5", "页码“1.5”不是有效的数字，已显示第 1 页。"),
    ],
)
@pytest.mark.parametrize("name", ["search", "venues"])
def test_a_bad_page_shows_a_page_with_a_note(client, name, value, message):
    assert message in get(client, name, {"page": value})


def test_a_bad_page_on_a_venue_page_shows_a_page_with_a_note(client, catalogue):
    page = get(client, "venue", {"page": "abc", "q": "x" * 3000}, catalogue.code)
    assert "页码“abc”不是有效的数字，已显示第 1 页。" in page
    assert "搜索词太长，只按前 100 个字搜索。" in page


@pytest.mark.parametrize(
    ("param", "value"),
    [("level", "moon_base"), ("street", "火星街道"), ("q", "\x00"), ("q", "路" * 2000)],
)
def test_the_venue_directory_ignores_unknown_filters_with_a_note(client, param, value):
    factories.venue(Venue.Level.STREET_CENTRE, street_name="长江路街道")
    page = get(client, "venues", {param: value})
    assert "共 2 个场所" in page
    if value != "\x00":
        assert "已忽略这个条件" in page


def test_an_empty_query_lists_the_whole_catalogue(client):
    assert "共有 1 项事项" in get(client, "search", {"q": "   "})
