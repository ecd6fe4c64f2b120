"""GET /api/v1/benefits/ gives the rules; POST /api/v1/benefits/check/ answers in the issue's shape."""

import json

import pytest
from django.utils import timezone

from services.models import Venue
from tests import benefit_factories, factories

pytestmark = pytest.mark.django_db

URL = "/api/v1/benefits/check/"


def months_ago(years, months=0):
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - years * 12 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def body(**kw):
    data = {
        "birth": months_ago(85),
        "hukou_street": None,
        "disability_grade": None,
        "disability_category": None,
        "assistance": None,
        "veteran": False,
        "retired": False,
    }
    return json.dumps({**data, **kw})


@pytest.fixture
def street():
    return factories.venue(Venue.Level.STREET_CENTRE, code="S-changjiang")


def test_an_85_year_old_with_erqi_hukou_gets_the_old_age_allowance_automatically(client, street):
    allowance = benefit_factories.old_age_allowance()
    care = benefit_factories.benefit(name="居家养老补贴", mode="apply", bands=[(60, None, None)])
    response = client.post(URL, body(hukou_street=street.code), content_type="application/json")
    assert response.status_code == 200
    assert response.json() == {
        "automatic": [
            {
                "code": allowance.matter.code,
                "name": "高龄津贴",
                "amount_per_month": "100.00",
                "from": months_ago(4, 11),  # the month after the 80th birthday
            }
        ],
        "apply": [
            {
                "code": care.matter.code,
                "name": "居家养老补贴",
                "url": f"http://testserver/matters/{care.matter.code}/",
            }
        ],
        "maybe": [],
    }


def test_a_maybe_says_why(client, street):
    dibao = benefit_factories.benefit(name="最低生活保障", check_reason="需核对家庭收入")
    answer = client.post(URL, body(hukou_street=street.code), content_type="application/json")
    assert answer.json()["maybe"] == [
        {"code": dibao.matter.code, "name": "最低生活保障", "reason": "需核对家庭收入"}
    ]


def test_the_list_gives_each_benefit_with_its_rules(client):
    allowance = benefit_factories.old_age_allowance(
        beneficiaries_count=19000,
        beneficiaries_label="80 岁以上老年人",
        beneficiaries_source="公开报道",
        position=1,
    )
    benefit_factories.benefit(name="护理补贴", position=2, qualifiers=[("", (3, 3), "智力,精神")])
    data = client.get("/api/v1/benefits/").json()
    assert data["count"] == 2
    first = data["results"][0]
    assert first["code"] == allowance.matter.code
    assert first["mode"] == "automatic"
    assert first["hukou"] == "erqi"
    assert first["bands"] == [
        {"min_age": 80, "max_age": 89, "amount_per_month": "100.00"},
        {"min_age": 90, "max_age": 99, "amount_per_month": "200.00"},
    ]
    assert first["starts"] == "after_age"
    assert first["beneficiaries"]["count"] == 19000
    second = data["results"][1]
    assert second["qualifiers"] == [
        {"assistance": None, "disability_grades": [3], "disability_categories": ["智力", "精神"]}
    ]


def test_the_schema_describes_the_fields_both_endpoints_answer(client, street):
    schema = json.loads(client.get("/api/v1/schema/?format=json").content)
    components = schema["components"]["schemas"]
    benefit_factories.old_age_allowance()
    row = client.get("/api/v1/benefits/").json()["results"][0]
    assert set(components["Benefit"]["properties"]) == set(row)
    answer = client.post(URL, body(hukou_street=street.code), content_type="application/json")
    assert set(components["CheckResponse"]["properties"]) == set(answer.json())
    assert set(components["AutomaticItem"]["properties"]) == set(answer.json()["automatic"][0])
    post = schema["paths"]["/api/v1/benefits/check/"]["post"]
    request = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert set(components[request.rsplit("/", 1)[1]]["properties"]) == set(json.loads(body()))
