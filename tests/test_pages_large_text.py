"""大字版: a toggle that works without JavaScript and is remembered in a cookie."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_offers_the_toggle(client):
    page = client.get(reverse("services:home")).content.decode()
    assert 'action="/large-text/"' in page
    assert '<input type="hidden" name="next" value="/">' in page
    assert ">大字版</button>" in page
    assert '<body class="">' in page


def test_turning_it_on_sets_a_lasting_cookie_and_goes_back(client):
    response = client.get(reverse("services:large_text"), {"on": "1", "next": "/venues/?level=x"})
    assert response.status_code == 302
    assert response["Location"] == "/venues/?level=x"
    cookie = response.cookies["large_text"]
    assert cookie.value == "1"
    assert int(cookie["max-age"]) >= 30 * 24 * 3600


def test_the_next_page_is_large_and_offers_to_turn_it_off(client):
    client.get(reverse("services:large_text"), {"on": "1", "next": "/"})
    page = client.get(reverse("services:home")).content.decode()
    assert '<body class="large-text">' in page
    assert ">标准字号</button>" in page


def test_turning_it_off_removes_the_cookie(client):
    client.get(reverse("services:large_text"), {"on": "1"})
    response = client.post(reverse("services:large_text"), {"on": "0", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["large_text"].value == ""
    page = client.get(reverse("services:home")).content.decode()
    assert '<body class="">' in page


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "javascript:alert(1)",
        "http:/evil.example/",
    ],
)
def test_it_never_redirects_off_site(client, target):
    response = client.get(reverse("services:large_text"), {"on": "1", "next": target})
    assert response["Location"] == "/"


@pytest.mark.parametrize("target", ["abc", "home", "services:home", "admin:index", "venues/"])
def test_a_next_that_is_not_a_path_goes_home_and_is_never_taken_for_a_url_name(client, target):
    response = client.get(reverse("services:large_text"), {"on": "1", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_next_with_a_line_break_cannot_add_a_header(client):
    response = client.get(reverse("services:large_text"), {"next": "/\r\nSet-Cookie: x=1"})
    assert response.status_code == 302
    assert response["Location"] == "/%0D%0ASet-Cookie:%20x=1"
    assert "x" not in response.cookies
