"""GET /api/v1/matters/ and /api/v1/matters/<code>/: the contract and the filters."""

import pytest

from services.models import Material, Venue
from tests import factories as f

pytestmark = pytest.mark.django_db

LIST_KEYS = {"count", "next", "previous", "results"}
ROW_KEYS = {
    "code",
    "name",
    "department",
    "instant",
    "no_application",
    "self_service",
    "delegated_to_street",
    "cross_province",
    "url",
}
GUIDE_KEYS = {
    "code",
    "name",
    "department",
    "department_code",
    "kind",
    "kind_label",
    "audience",
    "audience_label",
    "themes",
    "conditions",
    "basis",
    "handling_type",
    "handling_type_label",
    "legal_days",
    "promised_days",
    "fee",
    "online_url",
    "visits",
    "scope",
    "scope_label",
    "consult_phone",
    "instant",
    "no_application",
    "self_service",
    "delegated_to_street",
    "cross_province",
    "materials",
    "steps",
    "venues",
    "verified_at",
    "url",
}
VENUE_KEYS = {
    "code",
    "name",
    "level",
    "level_label",
    "street",
    "address",
    "phone",
    "window",
    "mode",
    "mode_label",
    "url",
}


def codes(response):
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def test_the_list_has_exactly_the_documented_keys(client):
    police = f.department(name="郑州市公安局二七分局")
    f.matter(code="A1", name="居民身份证换领", department=police, instant=True, self_service=True)

    body = client.get("/api/v1/matters/").json()

    assert set(body) == LIST_KEYS
    assert body["count"] == 1
    assert body["next"] is None and body["previous"] is None
    [row] = body["results"]
    assert set(row) == ROW_KEYS
    assert row == {
        "code": "A1",
        "name": "居民身份证换领",
        "department": "郑州市公安局二七分局",
        "instant": True,
        "no_application": False,
        "self_service": True,
        "delegated_to_street": False,
        "cross_province": False,
        "url": "http://testserver/matters/A1/",
    }


def test_without_q_matters_are_ordered_by_department_then_code(client):
    first, second = f.department(position=1), f.department(position=2)
    f.matter(code="B", department=second)
    f.matter(code="C", department=first)
    f.matter(code="A", department=first)
    assert codes(client.get("/api/v1/matters/")) == ["A", "C", "B"]


def test_q_finds_a_matter_whose_name_contains_the_words(client):
    f.matter(code="ID", name="居民身份证换领")
    f.matter(code="MA", name="内地居民结婚登记")
    assert codes(client.get("/api/v1/matters/", {"q": "身份证"})) == ["ID"]


def test_with_q_the_list_keeps_the_order_the_search_gives_even_with_facets(client, monkeypatch):
    centre = f.venue()
    for code in ["A", "B", "C"]:
        f.handling(f.matter(code=code, name=f"证明{code}"), centre)

    def backwards(queryset, q):  # a stand-in ranking: the opposite of the default order
        return queryset.filter(name__contains=q).order_by("-code")

    def backwards_ranked(queryset, q):  # the same, for a search with no other filter
        return [(m.pk, 10 - i) for i, m in enumerate(backwards(queryset, q))]

    monkeypatch.setattr("services.filters.search", backwards)
    monkeypatch.setattr("services.search.ranked", backwards_ranked)
    assert codes(client.get("/api/v1/matters/")) == ["A", "B", "C"]
    assert codes(client.get("/api/v1/matters/", {"q": "证明"})) == ["C", "B", "A"]
    with_facet = {"q": "证明", "level": "district_centre"}
    assert codes(client.get("/api/v1/matters/", with_facet)) == ["C", "B", "A"]


def test_sql_and_html_in_q_are_just_text(client):
    f.matter(name="居民身份证换领")
    for q in ["' OR 1=1 --", "<script>alert(1)</script>", "%_\\"]:
        response = client.get("/api/v1/matters/", {"q": q})
        assert response.status_code == 200
        assert response.json()["count"] == 0


def test_facet_parameters_filter_the_list(client):
    police = f.department(code="GA")
    street = f.venue(Venue.Level.STREET_CENTRE, street_name="长江路街道")
    delegated = f.matter(code="D", department=police, delegated_to_street=True)
    f.handling(delegated, street)
    f.matter(code="I", department=police, instant=True)
    f.matter(code="O", department=f.department(), instant=True)

    assert codes(client.get("/api/v1/matters/", {"department": "GA"})) == ["D", "I"]
    assert codes(client.get("/api/v1/matters/", {"instant": "1"})) == ["I", "O"]
    assert codes(client.get("/api/v1/matters/", {"street": "长江路街道"})) == ["D"]
    assert codes(client.get("/api/v1/matters/", {"level": "street_centre"})) == ["D"]
    assert codes(client.get("/api/v1/matters/", {"venue": street.code})) == ["D"]
    both = {"department": "GA", "instant": "1"}
    assert codes(client.get("/api/v1/matters/", both)) == ["I"]


def test_twenty_a_page_by_default_with_links_to_the_next_and_previous_pages(client):
    department = f.department()
    for n in range(45):
        f.matter(code=f"M{n:03d}", department=department)

    first = client.get("/api/v1/matters/").json()
    assert first["count"] == 45
    assert len(first["results"]) == 20
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/matters/?page=2"

    last = client.get("/api/v1/matters/", {"page": 3}).json()
    assert [row["code"] for row in last["results"]] == [f"M{n:03d}" for n in range(40, 45)]
    assert last["next"] is None
    assert last["previous"] == "http://testserver/api/v1/matters/?page=2"


def test_page_size_chooses_up_to_100_a_page(client):
    department = f.department()
    for n in range(105):
        f.matter(code=f"M{n:03d}", department=department)
    assert len(client.get("/api/v1/matters/", {"page_size": 7}).json()["results"]) == 7
    assert len(client.get("/api/v1/matters/", {"page_size": 100}).json()["results"]) == 100


def test_an_empty_result_is_an_empty_first_page(client):
    body = client.get("/api/v1/matters/", {"q": "不存在的事项"}).json()
    assert body == {"count": 0, "next": None, "previous": None, "results": []}


def test_the_guide_has_every_field_and_the_venues_that_handle_it(client):
    department = f.department(code="GA", name="公安分局")
    birth = f.theme(slug="huji", name="户籍办理")
    matter = f.matter(
        code="ID1",
        name="居民身份证换领",
        department=department,
        themes=[birth],
        conditions="有效期满",
        instant=True,
        online_url="https://www.hnzwfw.gov.cn/",
    )
    f.material(matter, position=2, name="户口簿", form=Material.Form.COPY)
    f.material(matter, position=1, name="居民身份证")
    f.step(matter, position=1, name="受理", description="窗口核验")
    centre = f.venue(name="二七区政务服务中心", address="航海中路 1 号")
    street = f.venue(Venue.Level.STREET_CENTRE, street_name="长江路街道")
    f.handling(matter, street, window="3 号窗口")
    f.handling(matter, centre)

    response = client.get("/api/v1/matters/ID1/")

    assert response.status_code == 200
    guide = response.json()
    assert set(guide) == GUIDE_KEYS
    assert guide["department"] == "公安分局"
    assert guide["department_code"] == "GA"
    assert guide["themes"] == [{"slug": "huji", "name": "户籍办理"}]
    assert guide["conditions"] == "有效期满"
    assert (guide["handling_type"], guide["promised_days"]) == ("instant", 0)
    assert guide["instant"] is True
    assert guide["online_url"] == "https://www.hnzwfw.gov.cn/"
    assert [m["name"] for m in guide["materials"]] == ["居民身份证", "户口簿"]
    assert guide["materials"][1]["form"] == "copy"
    assert guide["materials"][1]["form_label"] == "复印件"
    assert guide["steps"] == [{"position": 1, "name": "受理", "description": "窗口核验"}]
    assert guide["url"] == "http://testserver/matters/ID1/"
    venues = guide["venues"]
    assert [v["code"] for v in venues] == [centre.code, street.code]
    assert all(set(v) == VENUE_KEYS for v in venues)
    assert venues[0]["address"] == "航海中路 1 号"
    assert venues[1]["street"] == "长江路街道"
    assert venues[1]["window"] == "3 号窗口"
    assert venues[1]["url"] == f"http://testserver/venues/{street.code}/"


def test_an_unknown_code_is_a_json_404_in_chinese(client):
    response = client.get("/api/v1/matters/NOPE/")
    assert response.status_code == 404
    assert response.json() == {"detail": "没有编码为“NOPE”的事项。"}
