"""Failed staff logins are limited, counted in Django's cache (shared by every server process
when the cache is: Redis or the database, not the per-process memory cache).

Two locks, both refusing even the right password while they hold:
- by username and address: LOGIN_FAILURE_LIMIT failures (each within LOGIN_FAILURE_WINDOW
  seconds of the last) lock that pair for LOGIN_FAILURE_WINDOW seconds;
- by username alone, from any address: LOGIN_USERNAME_FAILURE_LIMIT failures (more) lock the
  username for LOGIN_USERNAME_LOCK seconds (less), so that a stranger guessing from many
  addresses is slowed down without locking the real user out for long.

The address is the connecting one (REMOTE_ADDR), or, when that is one of LOGIN_TRUSTED_PROXIES,
the last address in X-Forwarded-For that is not itself a trusted proxy: a client can write any
X-Forwarded-For it likes, so it is believed only as far as our own proxies wrote it.
"""

import hashlib
import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError


def _setting(name, default):
    return getattr(settings, name, default)


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _is_trusted_proxy(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    networks = _networks(tuple(_setting("LOGIN_TRUSTED_PROXIES", ())))
    return any(ip in network for network in networks)


def client_ip(request):
    """The client's address: see the module's docstring for when X-Forwarded-For counts."""
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted_proxy(remote):
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed([a for a in forwarded if a]):
        if not _is_trusted_proxy(address):
            return address
    return remote


def _digest(*parts):
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _keys(username, ip):
    """(pair counter, pair lock, username counter, username lock) cache keys. Hashed: no
    username or address is stored in the cache in clear."""
    name = username.strip().lower()
    pair, alone = _digest(name, ip), _digest(name)
    return (
        f"login-failures:{pair}",
        f"login-lock:{pair}",
        f"login-failures-user:{alone}",
        f"login-lock-user:{alone}",
    )


def _pair_rule():
    limit = _setting("LOGIN_FAILURE_LIMIT", 5)
    window = _setting("LOGIN_FAILURE_WINDOW", 15 * 60)
    return limit, window, window


def _username_rule():
    window = _setting("LOGIN_FAILURE_WINDOW", 15 * 60)
    return (
        _setting("LOGIN_USERNAME_FAILURE_LIMIT", 20),
        window,
        _setting("LOGIN_USERNAME_LOCK", 5 * 60),
    )


def blocked_message(username, ip):
    """The refusal to show, or "" when this username may try from this address."""
    pair_lock, user_lock = _keys(username, ip)[1::2]
    if cache.get(pair_lock) is not None:
        minutes = max(1, _pair_rule()[2] // 60)
        return f"登录失败次数过多，请 {minutes} 分钟后再试。如忘记密码，请联系区数据管理员。"
    if cache.get(user_lock) is not None:
        minutes = max(1, _username_rule()[2] // 60)
        return (
            f"这个账号近来登录失败次数过多，已暂停登录，请 {minutes} 分钟后再试。"
            "如忘记密码，请联系区数据管理员。"
        )
    return ""


def is_blocked(username, ip):
    return bool(blocked_message(username, ip))


def _count(counter, lock, rule):
    limit, window, lock_for = rule
    # add() starts the count; incr() is atomic on Redis and the database cache, and touch()
    # keeps the window (some caches' incr() would otherwise reset it to their default).
    if cache.add(counter, 1, window):
        count = 1
    else:
        try:
            count = cache.incr(counter)
        except ValueError:  # expired between add() and incr()
            cache.set(counter, 1, window)
            count = 1
        cache.touch(counter, window)
    if count >= limit:
        cache.set(lock, 1, lock_for)
        cache.delete(counter)


def record_failure(username, ip):
    pair_counter, pair_lock, user_counter, user_lock = _keys(username, ip)
    _count(pair_counter, pair_lock, _pair_rule())
    _count(user_counter, user_lock, _username_rule())


def reset(username, ip):
    """After a successful login: forget this username's failures."""
    cache.delete_many(_keys(username, ip))


class LimitedLoginMixin:
    """For an AuthenticationForm (the admin's, the help workbench's): refuses a locked username,
    or username and address, and counts each failure."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request)
        refusal = blocked_message(username, ip)
        if refusal:
            raise ValidationError(refusal, code="too_many_attempts")
        try:
            cleaned = super().clean()
        except ValidationError:
            record_failure(username, ip)
            raise
        reset(username, ip)
        return cleaned
