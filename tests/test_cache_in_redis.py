"""`make test-postgres` runs the suite with REDIS_URL (a Redis db of its own): the page cache,
the login limiter and the rate limits are then Redis's, in this process as in the servers the
tests start. In CI (.ci/run starts Redis) the PostgreSQL pass must have it."""

import os
import uuid

import pytest
import redis
from django.core.cache import cache
from django.db import connection

pytestmark = pytest.mark.django_db


def test_in_ci_the_postgresql_pass_runs_with_redis(settings):
    if os.environ.get("CI") != "true" or connection.vendor != "postgresql":
        pytest.skip("only the CI run on PostgreSQL must have Redis")
    assert settings.REDIS_URL, "make test-postgres sets REDIS_URL"


def test_with_redis_url_the_cache_is_in_redis(settings, client):
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL not set (make test-postgres sets it)")
    marker = f"redis-check-{uuid.uuid4().hex}"
    cache.set(marker, 1, 60)
    keys = redis.Redis.from_url(settings.REDIS_URL).keys(f"*{marker}*")
    assert len(keys) == 1
    cache.delete(marker)
    client.get("/api/v1/stats/")
    prefix = settings.CACHES["pages"]["KEY_PREFIX"]  # this test's own (tests/conftest.py)
    assert redis.Redis.from_url(settings.REDIS_URL).keys(f"{prefix}:*page:*")
