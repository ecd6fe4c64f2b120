"""Bad input gets a 400 (or 404) with a Chinese JSON message, never a 500."""

import re

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u4e00-\u9fff]")


def bad_request(client, url, params, param):
    """The response is a 400 whose Chinese message names `param`."""
    response = client.get(url, params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400, response.content
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert list(body["errors"]) == [param]
    assert f"参数 {param} 有误" in body["detail"]
    assert HAN.search(body["errors"][param][0])
    return body["errors"][param][0]


@pytest.fixture
def catalogue():
    department = f.department(code="GA")
    for n in range(3):
        f.matter(code=f"M{n}", name=f"居民身份证换领{n}", department=department)


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "1e3", "\x00", "٣", "", " 1", "+1"])
def test_a_page_that_is_not_a_whole_number_from_1_is_a_400(client, catalogue, page):
    assert bad_request(client, "/api/v1/matters/", {"page": page}, "page") == (
        "页码必须是从 1 开始的整数。"
    )


@pytest.mark.parametrize("page", ["2", str(10**9), "9" * 30, "9" * 5000])
def test_a_page_past_the_last_is_a_404_saying_how_many_pages_there_are(client, catalogue, page):
    # The page does not exist: 404, as the description declares (a 400 is for malformed input).
    response = client.get("/api/v1/matters/", {"page": page})
    assert response.status_code == 404
    assert response.json() == {"detail": "页码超出范围：共 1 页。"}


@pytest.mark.parametrize("size", ["0", "-5", "101", "abc", "1000000", "0" * 50 + "5", "", " 5"])
def test_page_size_outside_1_to_100_is_a_400(client, catalogue, size):
    message = bad_request(client, "/api/v1/matters/", {"page_size": size}, "page_size")
    assert message == "每页条数必须是 1 到 100 之间的整数。"


def test_the_venue_list_checks_its_page_too(client):
    f.venue()
    bad_request(client, "/api/v1/venues/", {"page": "0"}, "page")
    bad_request(client, "/api/v1/venues/", {"page_size": "500"}, "page_size")


def test_a_2000_character_q_is_a_400(client, catalogue):
    message = bad_request(client, "/api/v1/matters/", {"q": "身" * 2000}, "q")
    assert message == "搜索词太长：最多 100 个字，现在是 2000 个字。"


def test_control_characters_in_q_are_removed(client, catalogue):
    response = client.get("/api/v1/matters/", {"q": "\x00\x07身份证换领1\x1f"})
    assert response.status_code == 200
    assert [r["code"] for r in response.json()["results"]] == ["M1"]


def test_a_q_of_only_control_characters_or_spaces_filters_nothing(client, catalogue):
    for q in ["\x00\x01\x02", "   ", ""]:
        response = client.get("/api/v1/matters/", {"q": q})
        assert response.status_code == 200
        assert response.json()["count"] == 3


def test_html_in_a_matter_name_is_returned_as_text_not_markup(client):
    f.matter(code="X", name="<b>证</b>")
    response = client.get("/api/v1/matters/", {"q": "<b>"})
    assert response["Content-Type"] == "application/json"
    assert response.json()["results"][0]["name"] == "<b>证</b>"


@pytest.mark.parametrize(
    ("param", "value", "message"),
    [
        ("department", "NOPE", "没有这个部门编码：“NOPE”。"),
        ("department", "\x00", None),
        ("theme", "nope", "没有这个主题：“nope”。"),
        ("audience", "alien", "没有这个服务对象：“alien”。"),
        ("level", "moon", "没有这个场所层级：“moon”。"),
        ("street", "火星街道", "没有这个街道：“火星街道”。"),
        ("venue", "NOPE", "没有这个场所编码：“NOPE”。"),
        ("instant", "maybe", "只能填 1（是）或 0（否）。"),
        ("online", "2", "只能填 1（是）或 0（否）。"),
        ("visits", "7", "没有这个跑动次数：“7”。"),
    ],
)
def test_an_unknown_facet_value_is_a_400_naming_the_parameter(client, param, value, message):
    got = bad_request(client, "/api/v1/matters/", {param: value}, param)
    if message:
        assert got == message


def test_every_bad_parameter_is_named_at_once(client):
    response = client.get("/api/v1/matters/", {"level": "moon", "instant": "maybe"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"level", "instant"}


@pytest.mark.parametrize(
    ("near", "message"),
    [
        ("abc", "位置格式应为“纬度,经度”，例如 34.72,113.64。"),
        ("34.7", "位置格式应为“纬度,经度”，例如 34.72,113.64。"),
        ("north,east", "纬度和经度必须是数字，例如 34.72,113.64。"),
        ("nan,113", "纬度和经度必须是有限的数字。"),
        ("91,113", "纬度必须在 -90 到 90 之间。"),
        ("34,181", "经度必须在 -180 到 180 之间。"),
    ],
)
def test_a_malformed_near_is_a_400_with_the_reason(client, near, message):
    f.venue()
    assert bad_request(client, "/api/v1/venues/", {"near": near}, "near") == message


def test_unknown_venue_filter_values_are_400s(client):
    bad_request(client, "/api/v1/venues/", {"level": "moon"}, "level")
    bad_request(client, "/api/v1/venues/", {"street": "火星街道"}, "street")
    bad_request(client, "/api/v1/venues/", {"q": "址" * 101}, "q")


@pytest.mark.parametrize("code", ["%00", "a%00b", "x" * 300, "'; drop table x; --"])
def test_odd_codes_are_a_404_not_a_500(client, code):
    for url in (f"/api/v1/matters/{code}/", f"/api/v1/venues/{code}/"):
        response = client.get(url)
        assert response.status_code == 404
        assert HAN.search(response.json()["detail"])


def test_writing_is_not_allowed_and_says_so_in_chinese(client):
    response = client.post("/api/v1/matters/", {}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 405
    assert HAN.search(response.json()["detail"])


@pytest.mark.parametrize(
    ("params", "headers"),
    [({"format": "xml"}, {}), ({}, {"HTTP_ACCEPT": "text/html"}), ({}, {"HTTP_ACCEPT": "a/b"})],
)
def test_the_answer_is_json_whatever_format_or_accept_asks_for(client, catalogue, params, headers):
    response = client.get("/api/v1/matters/", params, **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["count"] == 3
