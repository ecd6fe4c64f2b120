"""HEAD is answered wherever GET is, and Accept: text/html never makes the API answer 406."""

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/matters/",
    "/api/v1/matters/A1/",
    "/api/v1/venues/",
    "/api/v1/venues/V1/",
    "/api/v1/stats/",
    "/api/v1/schema/",
    "/api/v1/docs/",
]


@pytest.fixture
def catalogue():
    f.handling(f.matter(code="A1"), f.venue(code="V1"))


@pytest.mark.parametrize("url", ENDPOINTS)
def test_head_answers_with_the_status_and_type_of_get(client, catalogue, url):
    # (The body is left out by the server: Django's test client drops it too, so not checked.)
    get, head = client.get(url), client.head(url)
    assert head.status_code == get.status_code == 200
    assert head["Content-Type"] == get["Content-Type"]


@pytest.mark.parametrize("url", ENDPOINTS[:5])
def test_allow_lists_head_with_get(client, catalogue, url):
    assert client.options(url)["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("url", ENDPOINTS[:5])
@pytest.mark.parametrize("accept", ["text/html", "text/html,application/xhtml+xml;q=0.9", "a/b"])
def test_a_browser_accept_header_still_gets_json(client, catalogue, url, accept):
    response = client.get(url, HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()
