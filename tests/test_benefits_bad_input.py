"""Bad input to the check is a 400 with a Chinese `detail`, never a 500; the page says why."""

import json

import pytest

from services.models import Venue
from tests import benefit_factories, factories

pytestmark = pytest.mark.django_db

URL = "/api/v1/benefits/check/"
GOOD = {"birth": "1941-05", "hukou_street": None, "veteran": False, "retired": False}


@pytest.fixture(autouse=True)
def rules():
    factories.venue(Venue.Level.STREET_CENTRE, code="S-known")
    benefit_factories.old_age_allowance()


@pytest.mark.parametrize(
    "change, says",
    [
        ({"hukou_street": "S-unknown"}, "hukou_street"),
        ({"hukou_street": 12}, "hukou_street"),
        ({"birth": "2999-01"}, "不能晚于本月"),
        ({"birth": "1941-13"}, "1 到 12"),
        ({"birth": "1941/05"}, "年-月"),
        ({"birth": 194105}, "年-月"),
        ({"birth": "1800-01"}, "不能早于"),
        ({"disability_grade": 7}, "1 到 4"),
        ({"disability_grade": "二级"}, "1 到 4"),
        ({"disability_grade": True}, "1 到 4"),
        ({"disability_grade": 2.5}, "1 到 4"),
        ({"disability_category": "肢体"}, "同时填写"),
        ({"disability_grade": 1, "disability_category": "<script>"}, "disability_category"),
        ({"assistance": "五保"}, "assistance"),
        ({"assistance": {}}, "assistance"),
        ({"assistance": ["低保"]}, "assistance"),
        ({"disability_grade": 1, "disability_category": {}}, "disability_category"),
        ({"birth": "١٩٤١-٠٥"}, "年-月"),
        ({"veteran": "yes"}, "veteran"),
        ({"hukou": "S-known"}, "不认识的字段"),
    ],
)
def test_bad_fields_are_a_400_naming_the_problem(client, change, says):
    response = client.post(URL, json.dumps({**GOOD, **change}), content_type="application/json")
    assert response.status_code == 400
    assert says in response.json()["detail"]


@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", '"1941-05"', "null", ""])
def test_a_body_that_is_not_a_json_object_is_a_400(client, raw):
    response = client.post(URL, raw, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_a_missing_birth_is_a_400(client):
    response = client.post(URL, "{}", content_type="application/json")
    assert response.status_code == 400
    assert "birth" in response.json()["detail"]


def test_the_page_explains_a_birth_in_the_future_and_keeps_the_form(client):
    response = client.post(
        "/benefits/", {"birth_year": "2999", "birth_month": "1", "hukou_street": "S-known"}
    )
    assert response.status_code == 200
    assert "出生年月不能晚于本月" in response.content.decode()
    assert 'value="2999"' in response.content.decode()


@pytest.mark.parametrize(
    "data, says",
    [
        ({"birth_year": "一九四一", "birth_month": "5", "hukou_street": "S-known"}, "请填数字"),
        ({"birth_year": "1941", "birth_month": "13", "hukou_street": "S-known"}, "1 到 12 月"),
        ({"birth_year": "1941", "birth_month": "5", "hukou_street": "S-nope"}, "请从列表中选择"),
        ({"birth_year": "1941", "birth_month": "5"}, "请选择户籍所在地"),
        (
            {
                "birth_year": "1941",
                "birth_month": "5",
                "hukou_street": "none",
                "disability_grade": "7",
            },
            "请从列表中选择残疾等级",
        ),
    ],
)
def test_the_page_says_what_is_wrong_in_chinese(client, data, says):
    response = client.post("/benefits/", data)
    assert response.status_code == 200
    assert says in response.content.decode()
    assert 'id="result"' not in response.content.decode()
