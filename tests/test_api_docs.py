"""The OpenAPI description and its human-readable page are served by the app, with no CDN."""

import json
import re

import pytest
from django.contrib.staticfiles import finders

from services.stats import network_figures
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_openapi_description_lists_every_endpoint(client):
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/matters/",
        "/api/v1/matters/{code}/",
        "/api/v1/venues/",
        "/api/v1/venues/{code}/",
        "/api/v1/stats/",
        "/api/v1/benefits/",
        "/api/v1/benefits/check/",
        "/api/v1/suggest/",
        "/api/v1/venues.geojson",
        "/api/v1/policies/",
        "/api/v1/questions/",
        "/api/v1/hsds.zip",
        "/api/v1/life-events/",
        "/api/v1/life-events/{code}/",
    }
    matter_params = {p["name"] for p in schema["paths"]["/api/v1/matters/"]["get"]["parameters"]}
    assert {"q", "department", "theme", "level", "street", "instant", "visits"} <= matter_params
    assert {"page", "page_size"} <= matter_params
    venue_params = {p["name"] for p in schema["paths"]["/api/v1/venues/"]["get"]["parameters"]}
    assert {"near", "level", "street", "page", "page_size"} <= venue_params
    life = schema["paths"]["/api/v1/life-events/"]["get"]["parameters"]
    audience = next(p for p in life if p["name"] == "audience")
    assert audience["schema"]["enum"] == ["", "个人", "企业"]


def test_the_docs_page_loads_only_assets_served_by_the_app(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert assets, "the page loads Swagger UI's script and stylesheet"
    # Its start-up script comes from the app (not inline: the CSP forbids it), the rest is static.
    assert assets.pop() == "/api/v1/docs/?script="
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is not a static file"
    assert not re.search(r"https?://", html)
    script = client.get("/api/v1/docs/", {"script": ""})
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in script.content.decode()
    assert not re.search(r"https?://", script.content.decode())
    # Swagger UI would otherwise call validator.swagger.io.
    assert '"validatorUrl": null' in script.content.decode()


def test_stats_answer_the_same_bytes_as_network_figures(client):
    f.matter(instant=True)
    f.venue()
    response = client.get("/api/v1/stats/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    expected = json.dumps(network_figures(), ensure_ascii=False).encode()
    assert response.content == expected


def test_the_described_fields_are_the_fields_the_api_answers(client):
    schema = json.loads(client.get("/api/v1/schema/", {"format": "json"}).content)
    components = schema["components"]["schemas"]
    f.matter(code="A1")
    row = client.get("/api/v1/matters/").json()["results"][0]
    assert set(components["MatterList"]["properties"]) == set(row)
    guide = client.get("/api/v1/matters/A1/").json()
    assert set(components["MatterDetail"]["properties"]) == set(guide)
    f.venue(code="V1")
    venue_row = client.get("/api/v1/venues/").json()["results"][0]
    assert set(components["VenueList"]["properties"]) == set(venue_row)
    venue = client.get("/api/v1/venues/V1/").json()
    assert set(components["VenueDetail"]["properties"]) == set(venue)
