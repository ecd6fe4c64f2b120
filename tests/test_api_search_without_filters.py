"""A search API call with only q (and page, page_size) skips the FilterSet (services/api.py,
MatterList.search): it must answer exactly what the FilterSet's path answers."""

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db

# An empty filter goes through the FilterSet without narrowing anything.
THROUGH_FILTERSET = {"instant": ""}


def both(client, params):
    direct = client.get("/api/v1/matters/", params)
    filtered = client.get("/api/v1/matters/", {**params, **THROUGH_FILTERSET})
    assert direct.status_code == filtered.status_code
    filtered = filtered.json()
    for link in ["next", "previous"]:  # they repeat the request's parameters
        if filtered.get(link):
            filtered[link] = filtered[link].replace("instant=&", "")
    return direct.json(), filtered


@pytest.fixture
def matters():
    department = f.department(name="公安局")
    # Same relevance and same name length: the codes decide, whatever order the rows were made in.
    for code in ["C3", "A1", "B2"]:
        f.matter(code=code, name="身份证换领", department=department, instant=code == "A1")
    f.matter(code="Z9", name="居民身份证丢失补领", department=department)
    f.matter(code="X 1", name="身份证办理", department=department)


def test_it_answers_what_the_filterset_answers(client, matters):
    for params in [
        {"q": "身份证"},
        {"q": "身份证", "page_size": "2"},
        {"q": "身份证", "page_size": "2", "page": "2"},
        {"q": "补领"},
        {"q": "没有这种事项"},
    ]:
        direct, filtered = both(client, params)
        assert direct == filtered, params


def test_ties_are_in_code_order_and_rows_have_the_list_shape(client, matters):
    direct, _ = both(client, {"q": "身份证换领"})
    assert [r["code"] for r in direct["results"][:3]] == ["A1", "B2", "C3"]
    first = direct["results"][0]
    assert first["department"] == "公安局" and first["instant"] is True
    assert first["url"] == "http://testserver/matters/A1/"


def test_a_code_is_quoted_in_its_url_as_reverse_quotes_it(client, matters):
    direct, _ = both(client, {"q": "身份证办理"})
    assert {r["code"]: r["url"] for r in direct["results"]}["X 1"].endswith("/matters/X%201/")


def test_bad_paging_and_long_q_are_the_same_400s_and_404s(client, matters):
    for params in [{"q": "身份证", "page": "0"}, {"q": "身份证", "page": "9"}, {"q": "字" * 101}]:
        direct, filtered = both(client, params)
        assert direct == filtered, params
