"""GET /api/v1/life-events/ and /api/v1/life-events/<code>/: the shapes, the audience filter,
and query counts that do not grow with the data."""

import pytest

from services.models import LifeEvent, Material
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_list_is_paginated_with_persons_first(client):
    factories.newborn()
    factories.life_event(code="restaurant", audience=LifeEvent.Audience.ENTERPRISE)
    factories.life_event(code="draft", published=False)
    body = client.get("/api/v1/life-events/").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 2
    first = body["results"][0]
    assert first == {
        "code": "newborn",
        "name": "新生儿出生一件事",
        "audience": "个人",
        "matters_count": 3,
        "url": "http://testserver/life-events/newborn/",
    }
    assert body["results"][1]["audience"] == "企业"


def test_the_list_filters_by_audience(client):
    factories.newborn()
    factories.life_event(code="restaurant", audience=LifeEvent.Audience.ENTERPRISE)
    for audience, codes in (
        ("个人", ["newborn"]),
        ("企业", ["restaurant"]),
        ("", ["newborn", "restaurant"]),
    ):
        body = client.get("/api/v1/life-events/", {"audience": audience}).json()
        assert [r["code"] for r in body["results"]] == codes


def test_the_detail_gives_steps_merged_materials_and_venues(client):
    event = factories.newborn(venues=1)
    certificate, registration, allowance = (s.matter for s in event.bundled.all())
    body = client.get("/api/v1/life-events/newborn/").json()
    assert list(body) == [
        "code", "name", "audience", "summary", "promised_days", "matters", "materials", "venues", "url",
    ]  # fmt: skip
    assert body["promised_days"] == 7
    assert body["matters"] == [
        {
            "code": certificate.code,
            "name": "出生医学证明首次签发",
            "required": True,
            "condition": "",
        },
        {"code": registration.code, "name": "出生登记", "required": True, "condition": ""},
        {
            "code": allowance.code,
            "name": "生育津贴申领",
            "required": False,
            "condition": "仅母亲在职参保时",
        },
    ]
    card = body["materials"][0]
    assert card == {
        "name": "父母居民身份证",
        "required": True,
        "form": Material.Form.ORIGINAL,
        "copies": 1,
        "for_matters": sorted([certificate.code, registration.code]),
    }
    assert [m["name"] for m in body["materials"]] == ["父母居民身份证", "出生医学证明", "结婚证"]
    assert body["materials"][2]["required"] is False  # only the optional step needs it
    assert [v["level"] for v in body["venues"]] == ["district_centre", "street_centre"]
    assert set(body["venues"][0]) == {"code", "name", "level"}
    assert body["url"] == "http://testserver/life-events/newborn/"


def test_the_one_window_venue_is_the_only_venue_when_set(client):
    event = factories.newborn(venues=2)
    street = (
        event.bundled.first().matter.handlings.filter(venue__level="street_centre").first().venue
    )
    LifeEvent.objects.filter(pk=event.pk).update(venue=street)
    venues = client.get("/api/v1/life-events/newborn/").json()["venues"]
    assert venues == [{"code": street.code, "name": street.name, "level": "street_centre"}]


def test_a_deleted_matter_is_left_out_of_the_answer(client):
    event = factories.newborn()
    event.bundled.last().matter.delete()
    body = client.get("/api/v1/life-events/newborn/").json()
    assert len(body["matters"]) == 2
    assert client.get("/api/v1/life-events/").json()["results"][0]["matters_count"] == 2


@pytest.mark.parametrize("events", [1, 8])
def test_the_list_needs_the_same_queries_for_1_or_8_events(
    client, django_assert_num_queries, events
):
    for _ in range(events):
        event = factories.life_event()
        for _ in range(3):
            factories.bundle(event, factories.matter())
    # the data generation (cache key), the count, the page with matter counts
    with django_assert_num_queries(3):
        assert client.get("/api/v1/life-events/").status_code == 200


@pytest.mark.parametrize("venues", [1, 12])
def test_the_detail_needs_the_same_queries_for_1_or_12_venues(
    client, django_assert_num_queries, venues
):
    factories.newborn(venues=venues)
    # the data generation (cache key), the event, steps+matters, materials, their matters, the
    # required matters, the venues
    with django_assert_num_queries(7):
        body = client.get("/api/v1/life-events/newborn/").json()
    assert len(body["venues"]) == venues + 1
