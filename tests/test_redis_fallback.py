"""The Redis cache backend with Redis unreachable (nothing listens on its port): every cache
operation is answered from the process's memory, quickly, with one warning, not one per call."""

import logging

import pytest
from django.core.cache import caches

from tests.servers import free_port


@pytest.fixture
def dead_redis(settings):
    settings.REDIS_RETRY_SECONDS = 60
    settings.CACHES = {
        **settings.CACHES,
        "dead": {
            "BACKEND": "services.faults.rediscache.FallbackRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "KEY_PREFIX": "fallback-test",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        },
    }
    return caches["dead"]


def test_the_cache_works_from_memory_while_redis_is_down(dead_redis, caplog):
    with caplog.at_level(logging.WARNING, logger="services.faults.rediscache"):
        dead_redis.set("page", "rendered", 60)
        assert dead_redis.get("page") == "rendered"
        assert dead_redis.add("count", 1, 60)
        assert dead_redis.incr("count") == 2
        dead_redis.touch("count", 60)
        assert dead_redis.get_many(["page", "count"]) == {"page": "rendered", "count": 2}
        dead_redis.delete_many(["page"])
        assert not dead_redis.has_key("page")
    warnings = [r for r in caplog.records if "Redis does not answer" in r.getMessage()]
    assert len(warnings) == 1


def test_a_missing_counter_is_still_a_value_error(dead_redis):
    with pytest.raises(ValueError):
        dead_redis.incr("never-set")


def test_ping_says_redis_is_down(dead_redis):
    assert dead_redis.ping() is False


def test_entries_set_together_are_kept_in_memory_while_redis_is_down(dead_redis):
    dead_redis.set_each([("page", "rendered", 60), ("last-good", "rendered", 600)])
    assert dead_redis.get_many(["page", "last-good"]) == {
        "page": "rendered",
        "last-good": "rendered",
    }


def test_entries_set_together_reach_redis_each_with_its_timeout(settings):
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL not set (make test-postgres sets it)")
    live = caches["pages"]
    live.set_each([("page", {"n": 1}, 60), ("last-good", {"n": 1}, 600)])
    assert live.get_many(["page", "last-good"]) == {"page": {"n": 1}, "last-good": {"n": 1}}
    client = live._cache.get_client(write=True)
    assert 0 < client.ttl(live.make_key("page")) <= 60
    assert 60 < client.ttl(live.make_key("last-good")) <= 600


def test_one_redis_client_serves_every_command(settings):
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL not set (make test-postgres sets it)")
    client = caches["pages"]._cache
    assert client.get_client(write=True) is client.get_client(write=True)


def test_an_entry_set_together_with_no_time_to_live_is_gone_at_once(settings, caplog):
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL not set (make test-postgres sets it)")
    live = caches["pages"]
    live.set("last-good", "old", 60)
    with caplog.at_level(logging.WARNING, logger="services.faults.rediscache"):
        live.set_each([("page", "new", 60), ("last-good", "new", 0)])
    assert live.get("page") == "new" and live.get("last-good") is None
    assert "Redis does not answer" not in caplog.text  # Redis did not refuse it
