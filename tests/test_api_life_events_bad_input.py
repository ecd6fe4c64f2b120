"""一件事 API: bad input is a 400 with a Chinese `detail`, an unknown code a JSON 404, never a 500."""

import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"audience": "person"}, "audience"),
        ({"audience": "个"}, "audience"),
        ({"audience": "\x00"}, "audience"),
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page_size": "101"}, "page_size"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, params, param):
    factories.life_event()
    response = client.get("/api/v1/life-events/", params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == [param]
    assert f"参数 {param} 有误" in body["detail"] and HAN.search(body["errors"][param][0])


def test_a_page_past_the_end_is_a_json_404(client):
    factories.life_event()
    response = client.get("/api/v1/life-events/", {"page": "2"})
    assert response.status_code == 404
    assert response.json() == {"detail": "页码超出范围：共 1 页。"}


@pytest.mark.parametrize("code", ["nope", "a%00b", "%E5%87%BA%E7%94%9F", "x" * 300, "draft"])
def test_an_unknown_or_unpublished_code_is_a_json_404(client, code):
    factories.life_event(code="draft", published=False)
    response = client.get(f"/api/v1/life-events/{code}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert HAN.search(response.json()["detail"])
