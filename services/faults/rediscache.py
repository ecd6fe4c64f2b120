"""Django's Redis cache, falling back to this process's memory while Redis is down.

The cache holds rendered pages and the rate limits; neither is worth failing a request for.
When a Redis command fails (refused, reset, or no answer within REDIS_TIMEOUT seconds: the
socket timeouts are short so that a dead Redis does not hold requests), the process uses a
local memory cache for REDIS_RETRY_SECONDS, then tries Redis again, and uses it again as soon
as it answers. A warning is logged at most once a minute per process. What was counted in
memory meanwhile (rate limits) stays in memory: each process limits on its own until Redis
returns, as it does without REDIS_URL.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

from ..memorycache import BoundedMemoryCache

logger = logging.getLogger(__name__)

WARN_EVERY = 60


class Breaker:
    """Per process and Redis address (Django builds a cache object per thread)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.warned_at = -WARN_EVERY
        self.down = False

    def closed(self):
        return time.monotonic() >= self.down_until

    def trip(self, exc):
        now = time.monotonic()
        with self.lock:
            self.down = True
            self.down_until = now + settings.REDIS_RETRY_SECONDS
            warn = now - self.warned_at >= WARN_EVERY
            if warn:
                self.warned_at = now
        if warn:
            logger.warning(
                "Redis does not answer (%s): the cache and the rate limits use this process's "
                "memory; Redis is tried again every %s s",
                exc.__class__.__name__,
                settings.REDIS_RETRY_SECONDS,
            )

    def reset(self):
        if self.down:
            with self.lock:
                self.down, self.down_until = False, 0.0
            logger.warning("Redis answers again: the cache and the rate limits use it again")


_breakers = {}
_breakers_lock = threading.Lock()


def _breaker(location):
    with _breakers_lock:
        return _breakers.setdefault(location, Breaker())


def _guarded(name):
    def method(self, *args, **kwargs):
        if self._breaker.closed():
            try:
                result = getattr(RedisCache, name)(self, *args, **kwargs)
            except RedisError as exc:
                self._breaker.trip(exc)
            else:
                self._breaker.reset()
                return result
        return getattr(self._fallback, name)(*args, **kwargs)

    method.__name__ = name
    return method


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client makes a new redis.Redis for every command, and each builds its table of
    reply handlers (about 170 entries: 0.15 ms, more than the round trip to Redis). A redis.Redis
    is safe to share between threads; one per connection pool is enough."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # id of a connection pool → its redis.Redis

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if id(pool) not in self._clients:
            self._clients[id(pool)] = self._client(connection_pool=pool)
        return self._clients[id(pool)]


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._breaker = _breaker(server if isinstance(server, str) else ",".join(server))
        local = {k: v for k, v in params.items() if k in ("TIMEOUT", "KEY_PREFIX", "VERSION", "KEY_FUNCTION")}  # fmt: skip
        local["OPTIONS"] = {
            "MAX_ENTRIES": settings.REDIS_FALLBACK_ENTRIES,
            "MAX_BYTES": settings.LOCAL_CACHE_BYTES,
        }
        # Memory of its own per key prefix: pages never push a limiter's count out.
        name = f"erqi-redis-fallback-{local.get('KEY_PREFIX', '')}"
        self._fallback = BoundedMemoryCache(name, local)

    def ping(self):
        """For /readyz: asks Redis itself, whatever the breaker says; an answer closes it."""
        try:
            answered = self._cache.get_client(write=True).ping()
        except RedisError as exc:
            self._breaker.trip(exc)
            return False
        self._breaker.reset()
        return answered

    def set_each(self, entries):
        """set() of each (key, value, timeout), in one round trip (a pipeline)."""
        if self._breaker.closed():
            try:
                client = self._cache.get_client(write=True)
                pipe = client.pipeline(transaction=False)
                dumped = {}  # an answer and its last good copy are one object: pickled once
                for key, value, timeout in entries:
                    key = self.make_and_validate_key(key)
                    seconds = self.get_backend_timeout(timeout)
                    if seconds == 0:  # as Django's set(): gone at once (Redis refuses EX 0)
                        pipe.delete(key)
                        continue
                    if id(value) not in dumped:
                        dumped[id(value)] = self._cache._serializer.dumps(value)
                    pipe.set(key, dumped[id(value)], ex=seconds)
                pipe.execute()
            except RedisError as exc:
                self._breaker.trip(exc)
            else:
                self._breaker.reset()
                return
        for entry in entries:
            self._fallback.set(*entry)

    add = _guarded("add")
    get = _guarded("get")
    set = _guarded("set")
    touch = _guarded("touch")
    delete = _guarded("delete")
    get_many = _guarded("get_many")
    has_key = _guarded("has_key")
    incr = _guarded("incr")
    set_many = _guarded("set_many")
    delete_many = _guarded("delete_many")
    clear = _guarded("clear")
