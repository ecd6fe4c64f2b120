"""Limits on the public pages, counted in Django's cache (shared by all processes when
REDIS_URL is set, see erqi/settings.py). Keys hold a hash, never an address or a number.

- The request form: HELP_FORM_PER_IP submissions per hour from one address, and
  HELP_FORM_PER_PHONE requests per day for one phone.
- Tracking: four digits are only 10,000 guesses. After HELP_TRACK_SLOW_AFTER wrong pairs
  from one address within an hour, that address gets one try per HELP_TRACK_SLOW_SECONDS;
  after HELP_TRACK_BLOCK_AFTER it is refused until the hour has passed.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

HOUR, DAY = 3600, 86400


def _setting(name, default):
    return getattr(settings, name, default)


def _key(kind, value):
    return f"help:{kind}:{hashlib.sha256(f'{kind}|{value}'.encode()).hexdigest()[:32]}"


def _count(key):
    return cache.get(key, 0)


def _hit(key, window):
    """Count one more in `key`; add() starts the window, incr() keeps its expiry."""
    if not cache.add(key, 1, window):
        try:
            return cache.incr(key)
        except ValueError:
            cache.set(key, 1, window)
    return 1


def form_allowed(ip):
    """Counts this submission from `ip`; False once over the hourly limit."""
    return _hit(_key("form-ip", ip), HOUR) <= _setting("HELP_FORM_PER_IP", 5)


def phone_allowed(phone):
    return _count(_key("form-phone", phone)) < _setting("HELP_FORM_PER_PHONE", 3)


def phone_used(phone):
    _hit(_key("form-phone", phone), DAY)


def track_wait(ip):
    """None if `ip` may try a tracking pair now, else the refusal in Chinese."""
    failures = _count(_key("track-fail", ip))
    if failures >= _setting("HELP_TRACK_BLOCK_AFTER", 10):
        return "查询错误次数过多，已暂停查询，请一小时后再试，或拨打咨询电话。"
    if failures >= _setting("HELP_TRACK_SLOW_AFTER", 5):
        seconds = _setting("HELP_TRACK_SLOW_SECONDS", 30)
        if not cache.add(_key("track-slow", ip), 1, seconds):
            return f"查询错误次数较多，请 {seconds} 秒后再试。"
    return None


def track_failed(ip):
    _hit(_key("track-fail", ip), HOUR)
