"""Public pages and API answers, cached under the data generation.

Every write bumps a generation number in its own transaction (`actions.generation_bump`), so an
answer rendered at generation N is stored under a key that contains N: after a staff edit the
number moves, and the next request in every worker misses and renders afresh. Nothing has to
be deleted; entries simply stop being asked for and expire.

A view opts in with `@cached()` (or a class attribute `cache_policy = Policy(...)` on an API
view). The key holds, besides the generation: the release of the code (`release()`), the
scheme, host, path and query (only the parameters the view reads, when its policy lists them:
`params`); the 大字版 cookie (it changes the page); today's date; and, for views that say
whether a venue is open now (`clock=True`), which stretch of the day between two opening or
closing times it is.

Where: the "pages" cache (settings.CACHES), apart from the limiters' counts in "default", so
that invented addresses never push a count out; with Redis, also a near copy in each process.
An answer larger than PAGE_CACHE_MAX_BYTES is not kept.

What the browser gets: an `ETag` derived from the key (so from the generation) and a 304 for a
matching `If-None-Match`; `Cache-Control: public, max-age=60` — except on searches
(`browser=False`, and any request with a `q`: `no-cache`, so that every search reaches the server and can be counted; a
search view's log must count cache hits too, through `on_hit`). Never cached: anything but a
GET, a visitor with a session or messages cookie (staff), an answer that is not a 200 or that
sets a cookie (a form with a CSRF token does), the admin and every view that did not opt in.
"""

import contextlib
import functools
import hashlib
import threading
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from whitenoise.middleware import WhiteNoiseMiddleware

from .faults.database import last_good_entry
from .memorycache import BoundedMemoryCache

ENTRY_SECONDS = 3600  # a generation's entries are not needed once it moves; this bounds memory
BROWSER_SECONDS = 60
STATIC_SECONDS = 365 * 24 * 3600


@dataclass(frozen=True)
class Policy:
    browser: bool = True  # Cache-Control public for browsers and proxies (never for searches)
    clock: bool = False  # the answer says whether venues are open now
    page: bool = True  # HTML that reads the 大字版 cookie (Vary: Cookie)
    on_hit: object = None  # called as on_hit(request, cached_response) when not re-rendered
    # The query parameters the answer depends on: the key holds only these (others cannot
    # make new entries); None: the whole query, for views that do not say.
    params: tuple | None = None


def cached(*, browser=True, clock=False, page=True, on_hit=None):
    """Mark a view function as cacheable: the middleware does the work."""

    def mark(view):
        view.cache_policy = Policy(browser=browser, clock=clock, page=page, on_hit=on_hit)
        return view

    return mark


# The generation ----------------------------------------------------------------------------

_request_tokens = threading.local()


def tokens(using="default"):
    """{"search": n, "pages": n}: one query, or none when the middleware read it already in
    this request (the search index asks again on a cache miss)."""
    held = getattr(_request_tokens, "value", None)
    if held is not None and held[0] == using:
        return held[1]
    return _read(using)


def _read(using):
    """The generation, read with one round trip: on a connection kept from an earlier request
    this read is also the connection's health check. Django's own (CONN_HEALTH_CHECKS) would
    send a `SELECT 1` before it, doubling the round trips of every cached answer; instead a
    connection found dead (the database restarted meanwhile) is closed and the read made once
    more on a new one, as Django's check would have done."""
    from .models import Generation

    read = Generation.objects.using(using).numbers
    connection = connections[using]
    if (
        connection.connection is None
        or not connection.health_check_enabled
        or connection.health_check_done
        or connection.in_atomic_block
    ):
        return read()
    connection.health_check_done = True
    try:
        return read()
    except (OperationalError, InterfaceError):
        with contextlib.suppress(DatabaseError):
            connection.close()
    return read()


_memos = []


class _Kept:
    """One (generation, value) pair, replaced whole: a thread reads the old pair or the new,
    never a half-made one (the gthread worker answers on several threads)."""

    value = None

    def at(self, generation, make):
        """The value kept for `generation`, made (and kept instead) if it is another's."""
        kept = self.value
        if kept is None or kept[0] != generation:
            kept = self.value = (generation, make())
        return kept[1]

    def clear(self):
        self.value = None


def per_generation(read):
    """Keep what `read()` returns until the pages generation moves: for the small lists of
    public data that every request would otherwise query again (the streets of a filter)."""
    held = _Kept()
    _memos.append(held)

    @functools.wraps(read)
    def remembered():
        return held.at(tokens()["pages"], read)

    return remembered


class RowsByGeneration:
    """Rows by primary key, kept until the pages generation moves: `rows(pks)` fetches only the
    ones this process has not read at this generation (`fetch(missing)` returns rows whose first
    value is the key). Searches list the same matters again and again (a search API answer
    costs one query less once its rows were read); at most `most` rows are held."""

    def __init__(self, fetch, most=20_000):
        self.fetch = fetch
        self.most = most
        self.held = _Kept()
        _memos.append(self.held)

    def __call__(self, pks):
        generation = tokens()["pages"]
        rows = self.held.at(generation, dict)
        if len(rows) > self.most:  # replaced whole: other threads keep the one they read
            rows = {}
            self.held.value = (generation, rows)
        missing = [pk for pk in pks if pk not in rows]
        if missing:
            rows.update((row[0], row) for row in self.fetch(missing))
        return [rows[pk] for pk in pks if pk in rows]


# The middleware ----------------------------------------------------------------------------


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        policy = _policy(request)
        if policy is None:
            return self.get_response(request)
        numbers = tokens()
        _request_tokens.value = ("default", numbers)
        try:
            return self._answer(request, policy, numbers)
        finally:
            _request_tokens.value = None

    def _answer(self, request, policy, numbers):
        key = _key(request, policy, numbers)
        etag = f'"{hashlib.sha256(key.encode()).hexdigest()[:24]}"'  # generation, time, page
        not_modified = etag in _etags(request)
        response = _fetch(key) if (policy.on_hit or not not_modified) else None
        if response is not None or (not_modified and not policy.on_hit):
            if policy.on_hit:
                policy.on_hit(request, response)
            if not_modified:
                response = HttpResponseNotModified()
                _headers(request, response, policy, etag)
            return response
        response = self.get_response(request)
        if _storable(response):
            _headers(request, response, policy, etag)
            # With the last good copy, served while the database is down.
            last_good = last_good_entry(request, response, address(request, policy))
            _store((key, response, ENTRY_SECONDS), last_good)
        return response


# Where answers are kept: the configured cache, and with Redis also a near copy in this
# process's memory. An entry's key holds the generation, so an entry never changes once
# stored: a copy of it cannot go stale, and a worker's repeated answers cost no Redis round
# trip, while Redis still shares each rendering among the workers (and the rate limits).
_near = []


def _near_cache():
    """This process's copy, or None when the configured cache is this process's memory."""
    if isinstance(caches["pages"], LocMemCache):
        return None
    if not _near:
        room = {"MAX_ENTRIES": settings.NEAR_CACHE_ENTRIES, "MAX_BYTES": settings.NEAR_CACHE_BYTES}
        _near.append(BoundedMemoryCache("erqi-near", {"OPTIONS": room}))
    return _near[0]


def _fetch(key):
    near = _near_cache()
    response = near.get(key) if near else None
    if response is None:
        response = caches["pages"].get(key)
        if response is not None and near:
            near.set(key, response, ENTRY_SECONDS)
    return response


def _store(*entries):
    """Keep each (key, response, seconds): in Redis in one round trip."""
    pages = caches["pages"]
    if hasattr(pages, "set_each"):
        pages.set_each(entries)
    else:
        for entry in entries:
            pages.set(*entry)
    if near := _near_cache():
        key, response, seconds = entries[0]
        near.set(key, response, seconds)


def _policy(request):
    if request.method != "GET":
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None  # staff, or someone with a message waiting: answers for them alone
    return view_policy(request)


def view_policy(request):
    """The cache policy of the view at this request's path, or None."""
    key = (settings.ROOT_URLCONF, request.path_info)
    try:
        return _policies[key]
    except KeyError:
        pass
    if len(_policies) >= POLICIES_HELD:  # paths are the client's to invent: bound them
        _policies.clear()
    policy = _policies[key] = _policy_of_view(request.path_info)
    return policy


_policies = {}  # (urlconf, path) → Policy or None: resolve() costs more than a whole hit
POLICIES_HELD = 10_000


def _policy_of_view(path):
    try:
        view = resolve(path).func
    except Resolver404:
        return None
    policy = getattr(view, "cache_policy", None)
    if policy is None:  # class-based views (the API's) carry it on the class
        policy = getattr(getattr(view, "cls", None) or getattr(view, "view_class", None), "cache_policy", None)  # fmt: skip
    return policy


def _key(request, policy, numbers):
    now = timezone.localtime()
    moment = f"{now:%Y%m%d}"
    if policy.clock:
        moment += f".{_stretch_of_day(now, numbers['pages'])}"
    return f"page:{release()}:{numbers['pages']}:{moment}:{address(request, policy)}"


def address(request, policy):
    """What names an answer, hashed: scheme, host, path and query (only the parameters the
    view reads, when its policy lists them) and the 大字版 cookie. Also the key of the answer's
    last good copy (services/faults/database.py)."""
    large = request.COOKIES.get("large_text") == "1" if (policy and policy.page) else False
    if policy is None or policy.params is None:
        path = request.get_full_path()
    else:
        query = request.GET
        path = f"{request.path}?{sorted((p, query.getlist(p)) for p in policy.params if p in query)}"  # fmt: skip
    # get_host() also refuses a host not in ALLOWED_HOSTS before anything is served.
    raw = f"{request.scheme}://{request.get_host()}{path}|{int(large)}"
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:32]


@functools.cache
def release():
    """This code's fingerprint (its Python, templates, static files and search data): answers
    rendered by another release are never served by this one, even from a Redis shared with
    servers not yet updated, or kept from before a deploy."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for top in RELEASE_DIRS:
        for path in sorted((base / top).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(base)).encode("utf-8", "surrogateescape"))
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


RELEASE_DIRS = ("erqi", "services", "templates")


def _etags(request):
    header = request.META.get("HTTP_IF_NONE_MATCH", "")
    return {tag.strip().removeprefix("W/") for tag in header.split(",")} if header else set()


def _storable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")  # the view decided for itself
        and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
    )


def _headers(request, response, policy, etag):
    response["ETag"] = etag
    if policy.browser and not request.GET.get("q", "").strip():  # any ?q= is a search
        response["Cache-Control"] = f"public, max-age={BROWSER_SECONDS}"
    else:
        response["Cache-Control"] = "no-cache"
    if policy.page:
        patch_vary_headers(response, ["Cookie"])


# Open now --------------------------------------------------------------------------------

_times = _Kept()  # (pages generation, every opening and closing time of day in the data, sorted)


def _stretch_of_day(now, generation):
    """Which stretch of the day `now` is in, cut at every time a venue opens or closes: the
    key of a page that says "open now" changes exactly when some answer may."""
    times = _times.at(generation, _opening_and_closing_times)
    return bisect_right(times, now.time().replace(tzinfo=None))


def _opening_and_closing_times():
    from .models import OpeningPeriod, VenueException

    periods = OpeningPeriod.objects.order_by().values_list("opens", "closes")
    exceptions = VenueException.objects.order_by().values_list("opens", "closes")
    pairs = periods.union(exceptions)  # one query; UNION drops the repeats
    return sorted({t for pair in pairs for t in pair if t is not None})


def forget():
    """Drop what this process derived from the data: for tests, whose databases go back to an
    earlier generation."""
    _times.clear()
    _policies.clear()
    if _near:
        _near[0].clear()
    for held in _memos:
        held.clear()


# Static files ----------------------------------------------------------------------------


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, with a year (not its ten) for files whose hashed names never change."""

    FOREVER = STATIC_SECONDS
