"""Failed staff logins are limited per username and IP address, counted in the cache.

After LOGIN_FAILURE_LIMIT failures within LOGIN_FAILURE_WINDOW seconds, further attempts for
that username from that address are refused (even with the right password) until the window
passes. Use a cache shared by all server processes in production (database or Redis cache).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _limit():
    return getattr(settings, "LOGIN_FAILURE_LIMIT", 5)


def _window():
    return getattr(settings, "LOGIN_FAILURE_WINDOW", 15 * 60)


def client_ip(request):
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a trusted proxy rewrites it.
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def _key(username, ip):
    digest = hashlib.sha256(f"{username.strip().lower()}|{ip}".encode()).hexdigest()
    return f"login-failures:{digest}"


def is_blocked(username, ip):
    return cache.get(_key(username, ip), 0) >= _limit()


def record_failure(username, ip):
    key = _key(username, ip)
    # add() starts the window on the first failure; incr() keeps its expiry.
    if not cache.add(key, 1, _window()):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, _window())


def reset(username, ip):
    cache.delete(_key(username, ip))


def blocked_message():
    minutes = _window() // 60
    return f"登录失败次数过多，请 {minutes} 分钟后再试。如忘记密码，请联系区数据管理员。"
