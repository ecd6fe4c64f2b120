"""Anyone can invent addresses, so what the page cache keeps is bounded (services/caching.py):
answers are kept apart from the limiters' counts, a view that says which parameters it reads
is keyed on those alone, an answer too large is not kept, and answers of another release of
the code are never served."""

import copy

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services import caching
from tests import factories

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def small_page_cache(settings):
    if "LocMemCache" not in settings.CACHES["pages"]["BACKEND"]:
        pytest.skip("the memory cache's culling (with REDIS_URL: Redis's own eviction policy)")
    configured = copy.deepcopy(settings.CACHES)
    configured["pages"]["OPTIONS"] = {"MAX_ENTRIES": 10}
    settings.CACHES = configured


def test_a_flood_of_invented_addresses_does_not_push_out_a_limiters_count(client, small_page_cache):
    caches["default"].set("failed-logins-probe", 4, 600)
    for n in range(60):
        client.get(f"/?invented={n}")
    assert caches["default"].get("failed-logins-probe") == 4


def test_parameters_a_view_does_not_read_make_no_new_entry(client):
    factories.venue(name="二七区政务服务中心")
    rendered = queries(client, "/api/v1/venues.geojson?level=district_centre")
    assert rendered > 1
    assert queries(client, "/api/v1/venues.geojson?level=district_centre&x=1") == 1
    assert queries(client, "/api/v1/venues.geojson?x=2&level=district_centre") == 1
    assert queries(client, "/api/v1/venues.geojson?level=street_centre") > 1  # it reads level


def test_an_answer_larger_than_the_limit_is_not_kept(client, settings):
    factories.matter(name="居民身份证换领")
    settings.PAGE_CACHE_MAX_BYTES = 100
    first = queries(client, "/")
    assert queries(client, "/") == first  # rendered again
    settings.PAGE_CACHE_MAX_BYTES = 10_000_000
    queries(client, "/")
    assert queries(client, "/") == 1


def test_another_release_does_not_serve_this_ones_answers(client, monkeypatch):
    factories.matter(name="居民身份证换领")
    queries(client, "/")
    assert queries(client, "/") == 1
    monkeypatch.setattr(caching, "release", lambda: "another")
    assert queries(client, "/") > 1


def test_the_release_is_a_fingerprint_of_the_code(settings, tmp_path):
    for top in caching.RELEASE_DIRS:
        (tmp_path / top).mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p>一</p>", encoding="utf-8")
    (tmp_path / "services" / "views.py").write_text("A = 1\n", encoding="utf-8")
    settings.BASE_DIR = tmp_path
    fingerprint = caching.release.__wrapped__
    first = fingerprint()
    assert fingerprint() == first
    (tmp_path / "templates" / "page.html").write_text("<p>二</p>", encoding="utf-8")
    assert fingerprint() != first
