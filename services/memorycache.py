"""Django's memory cache, bounded in bytes as well as in entries.

Cached answers differ in size a hundredfold (a search page 20 KB, the map page 160 KB, the HSDS
zip 1–10 MB) and anyone can invent addresses to fill a cache with, so a count of entries bounds
nothing. `OPTIONS: {"MAX_BYTES": n}` keeps the pickled values under n bytes: past it, the least
recently used entries go (Django's memory cache keeps the most recently used first) until a
tenth of the room is free again. The newest entry always stays.
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

_held = {}  # cache name → [bytes held, as counted]: shared like Django's own storage


class BoundedMemoryCache(LocMemCache):
    def __init__(self, name, params):
        super().__init__(name, params)
        self._max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES") or 0)
        self._bytes = _held.setdefault(name, [0])

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):  # called with the lock held
        super()._set(key, value, timeout)
        if self._max_bytes:
            self._bytes[0] += len(value)  # an overestimate (replaced and expired entries)
            if self._bytes[0] > self._max_bytes:
                self._shrink()

    def _shrink(self):
        held = sum(len(value) for value in self._cache.values())
        while held > self._max_bytes * 0.9 and len(self._cache) > 1:
            key, value = self._cache.popitem()  # the least recently used
            self._expire_info.pop(key, None)
            held -= len(value)
        self._bytes[0] = held

    def clear(self):
        super().clear()
        self._bytes[0] = 0
