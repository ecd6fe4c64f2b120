"""The public question form: a few questions per address per hour, counted in Django's cache.

Use a cache shared by all server processes in production (see the README). The address is
hashed in the key: the cache holds no readable personal data.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(ip):
    return "outreach-ask:" + hashlib.sha256(ip.encode()).hexdigest()


def limit():
    return getattr(settings, "QUESTION_RATE_LIMIT", 5)


def window():
    return getattr(settings, "QUESTION_RATE_WINDOW", 3600)


def is_limited(ip):
    return cache.get(_key(ip), 0) >= limit()


def count(ip):
    key = _key(ip)
    if not cache.add(key, 1, window()):  # add() starts the window; incr() keeps its expiry
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, window())
