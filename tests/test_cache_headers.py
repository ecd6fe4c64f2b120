"""What browsers and proxies are told: an ETag from the data generation and a 304 when it
matches; Cache-Control public for a minute on public pages and API answers, but never on
searches (each must reach the server), staff pages or the admin."""

import pytest
from django.urls import reverse

from services.actions import generation_bump
from services.models import Generation
from services.roles import DATA_OFFICE
from tests import factories

pytestmark = pytest.mark.django_db

PUBLIC = ["/", "/venues/", "/api/v1/stats/", "/api/v1/venues/", "/api/v1/matters/"]


@pytest.fixture
def world():
    centre = factories.venue(code="ZX")
    matter = factories.matter(code="GA-1", name="居民身份证换领")
    factories.handling(matter, centre)
    return {"matter": matter, "centre": centre}


@pytest.mark.parametrize("url", [*PUBLIC, "/matters/GA-1/", "/venues/ZX/", "/api/v1/matters/GA-1/"])
def test_public_answers_may_be_kept_a_minute_and_carry_an_etag(client, world, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["ETag"].startswith('"')


@pytest.mark.parametrize(
    "url", ["/search/?q=身份证", "/api/v1/matters/?q=身份证", "/venues/ZX/?q=身份证", "/search/"]
)
def test_searches_must_reach_the_server_every_time(client, world, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-cache"
    assert "public" not in response["Cache-Control"]


def test_a_matching_etag_gets_a_304_without_a_body(client, world):
    etag = client.get("/").headers["ETag"]
    response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_after_an_edit_the_old_etag_gets_the_new_page(client, world):
    etag = client.get("/").headers["ETag"]
    generation_bump(kind=Generation.Kind.PAGES)
    response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_html_pages_vary_with_the_cookie_that_turns_on_large_text(client, world):
    assert "Cookie" in client.get("/")["Vary"]
    assert "Cookie" not in client.get("/api/v1/stats/").get("Vary", "")


def test_staff_with_a_session_get_pages_that_no_one_else_keeps(client, world):
    client.force_login(factories.staff_user(DATA_OFFICE))
    response = client.get("/")
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")
    assert not response.has_header("ETag")


def test_the_admin_is_never_cached(client, world):
    client.force_login(factories.staff_user(DATA_OFFICE))
    response = client.get(reverse("admin:index"))
    assert "public" not in response.get("Cache-Control", "")
    assert not response.has_header("ETag")


def test_a_not_found_answer_is_not_cached(client, world):
    response = client.get("/matters/NO-SUCH/")
    assert response.status_code == 404
    assert not response.has_header("ETag")
    assert "public" not in response.get("Cache-Control", "")


def test_a_bad_request_in_the_api_is_not_cached(client, world):
    response = client.get("/api/v1/matters/", {"page": "x"})
    assert response.status_code == 400
    assert not response.has_header("ETag")


@pytest.mark.parametrize("url", ["/", "/api/v1/stats/", "/search/?q=身份证"])
def test_an_answer_from_the_cache_carries_the_security_and_csp_headers(client, world, url):
    stored, cached = client.get(url), client.get(url)
    for header in ["Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"]:
        assert cached[header] == stored[header], header


def test_plain_http_is_redirected_even_when_the_https_answer_is_cached(client, world, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/", secure=True).status_code == 200
    assert client.get("/", secure=True).status_code == 200  # from the cache
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
