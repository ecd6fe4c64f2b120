"""With Redis, each process keeps a near copy of the answers it served (services/caching.py):
a repeated answer costs no Redis round trip, an answer another process stored in Redis is
served without rendering, and a staff edit is still seen on the next request (the copies are
keyed on the generation, like the Redis entries)."""

import pytest
import redis

from services import actions, caching
from services.roles import DATA_OFFICE
from tests import factories as f

pytestmark = pytest.mark.django_db

PAGE = "/matters/M1/"


@pytest.fixture
def in_redis(settings):
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL not set (make test-postgres sets it)")
    assert caching._near_cache() is not None
    return redis.Redis.from_url(settings.REDIS_URL)


@pytest.fixture
def matter():
    return f.matter(code="M1", name="居民身份证换领")


def page_keys(server, settings):
    return server.keys(f"{settings.CACHES['pages']['KEY_PREFIX']}:*page:*")


def test_a_repeated_answer_does_not_ask_redis(in_redis, matter, client, monkeypatch):
    first = client.get(PAGE)
    assert first.status_code == 200
    asked = []
    shared = caching.caches["pages"]
    monkeypatch.setattr(shared, "get", lambda *a, **k: asked.append(a) or None)
    again = client.get(PAGE)
    assert again.status_code == 200 and again.content == first.content
    assert asked == []  # served from this process's copy


def test_an_answer_stored_by_another_process_is_not_rendered_again(
    in_redis, matter, client, settings, django_assert_num_queries
):
    assert client.get(PAGE).status_code == 200
    assert page_keys(in_redis, settings)  # the rendering went to Redis
    caching._near[0].clear()  # as in a process that never served it
    with django_assert_num_queries(1):  # the generation only: no rendering
        assert client.get(PAGE).status_code == 200


def test_a_staff_edit_is_seen_on_the_next_request(in_redis, matter, client):
    assert "即来即办" not in client.get(PAGE).content.decode()
    actions.matters_mark_instant(matters=[matter], by=f.staff_user(DATA_OFFICE))
    assert "即来即办" in client.get(PAGE).content.decode()
