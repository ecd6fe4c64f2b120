"""The database down (or a statement cancelled by its timeout): never a 500.

A public page or API answer is served from the cache when it has ever been cached for that
address (scheme, host, path and query, and the 大字版 cookie): services/caching.py calls
`last_good_entry` as it stores an answer, and keeps a copy under a key without the
generation or the time, since neither can be read while the database is down. Such an answer
says so: `X-Served-From: cache` and `Warning: 110 - "Response is Stale"`. Anything else gets a
503 with `Retry-After`: JSON `{"detail": …}` under /api/, a short Chinese page elsewhere, which
tells staff and residents who submitted a form that nothing was saved.

It runs as handler500 (erqi/urls.py): the only place where an exception raised in any
middleware, the cache's included, arrives. With DJANGO_DEBUG=1 Django shows its traceback
page instead.
"""

import logging
import sys

from django.conf import settings
from django.core.cache import caches
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.template import loader

logger = logging.getLogger(__name__)

READING = ("GET", "HEAD")


def last_good_entry(request, response, address):
    """(key, response, seconds): how to keep `response` as the last good answer for this
    request's address: searches for a day (there are as many as residents type), the rest for
    a week (bounded by the data). services/caching.py stores it with the answer itself."""
    search = request.GET.get("q", "").strip()
    seconds = settings.STALE_SEARCH_SECONDS if search else settings.STALE_SECONDS
    return f"last-good:{address}", response, seconds


def server_error(request):
    """handler500: a database fault answered as above; anything else as before."""
    if not is_database_fault(sys.exc_info()[1]):
        from ..api import server_error as other_error

        return other_error(request)
    try:
        return last_good(request) or unavailable(request)
    except Exception:  # the handler of last resort must not raise
        logger.exception("the database-down answer failed")
        return _with_retry(
            HttpResponse(
                "服务暂时不可用，请稍后再试。", status=503, content_type="text/plain; charset=utf-8"
            )
        )


def is_database_fault(exc):
    """The database unreachable, the connection lost, or a statement cancelled (timeout)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def last_good(request):
    """The last answer cached for this address, marked stale, or None."""
    if request.method not in READING:
        return None
    try:
        response = caches["pages"].get(_key(request))
    except Exception:  # a host outside ALLOWED_HOSTS, for one
        return None
    if response is None:
        return None
    if response.get("ETag") and response["ETag"] in request.headers.get("If-None-Match", ""):
        response = _copy_headers(response, HttpResponseNotModified())
    response["X-Served-From"] = "cache"
    response["Warning"] = '110 - "Response is Stale"'
    response["Cache-Control"] = "no-cache"  # kept, but asked again next time
    return response


def unavailable(request):
    """503: JSON under /api/, a short page elsewhere."""
    if request.path_info.startswith("/api/"):
        response = JsonResponse(
            {"detail": "数据库暂时无法访问，请稍后再试。"},
            status=503,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        saving = request.method not in READING
        staff = request.path_info.startswith(("/admin/", "/help/"))
        html = loader.render_to_string(
            "503.html", {"saving": saving, "staff": staff, "phone": settings.CONSULT_PHONE}
        )
        response = HttpResponse(html, status=503)
    return _with_retry(response)


def _with_retry(response):
    response["Retry-After"] = str(settings.RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def _key(request):
    from ..caching import address, view_policy

    return f"last-good:{address(request, view_policy(request))}"


def _copy_headers(source, target):
    for name in ("ETag", "Vary"):
        if source.has_header(name):
            target[name] = source[name]
    return target
