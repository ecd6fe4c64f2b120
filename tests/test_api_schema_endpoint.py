"""The OpenAPI description's endpoint answers errors in JSON and never refuses a format."""

import json

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_to_the_schema_is_a_405_in_json(client, method):
    response = getattr(client, method)("/api/v1/schema/")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": f"方法 “{method.upper()}” 不被允许。"}


@pytest.mark.parametrize(
    ("params", "headers"),
    [
        ({}, {"HTTP_ACCEPT": "text/html"}),
        ({}, {"HTTP_ACCEPT": "a/b"}),
        ({"format": "xml"}, {}),
        ({"lang": "../../x"}, {}),
    ],
)
def test_a_format_it_cannot_give_gets_the_yaml_description(client, params, headers):
    response = client.get("/api/v1/schema/", params, **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    assert response.content.startswith(b"openapi: 3.")


def test_json_is_given_when_asked_for(client):
    for params, headers in [({"format": "json"}, {}), ({}, {"HTTP_ACCEPT": "application/json"})]:
        response = client.get("/api/v1/schema/", params, **headers)
        assert json.loads(response.content)["openapi"].startswith("3.")


def test_the_docs_page_answers_errors_in_json_and_html_whatever_accept_says(client):
    response = client.post("/api/v1/docs/")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    page = client.get("/api/v1/docs/", HTTP_ACCEPT="application/json")
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
