"""/healthz and /readyz, for a load balancer or an orchestrator.

Answered by the first middleware, before SecurityMiddleware and CommonMiddleware: a probe
addresses the instance by its own address (not a name in DJANGO_ALLOWED_HOSTS) over plain HTTP
(no redirect to HTTPS), and neither answer names the host, a version or a setting, so
nothing is gained by checking them. Never cached.

- /healthz: the process answers (200), nothing else is touched.
- /readyz: the database answers `SELECT 1` within READY_TIMEOUT seconds and, with REDIS_URL,
  Redis answers PING: 200 with each check, or 503 naming what failed. Redis can be left out
  of the verdict (READY_NEEDS_REDIS=0) since the site serves without it, from memory.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponseNotAllowed, JsonResponse

logger = logging.getLogger(__name__)


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.probes = {"/healthz": healthz, "/readyz": readyz}

    def __call__(self, request):
        probe = self.probes.get(request.path_info.rstrip("/"))
        if probe is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        response = probe()
        response["Cache-Control"] = "no-store"
        return response


def healthz():
    return JsonResponse({"status": "ok"})


def readyz():
    checks = {"database": _database()}
    if settings.REDIS_URL:
        checks["redis"] = _redis()
    needed = [name for name in checks if name != "redis" or settings.READY_NEEDS_REDIS]
    ready = all(checks[name] == "ok" for name in needed)
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )


def _database():
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    timeout = int(settings.READY_TIMEOUT * 1000)
                    cursor.execute("SET LOCAL statement_timeout = %s", [timeout])
                cursor.execute("SELECT 1")
                cursor.fetchone()
        return "ok"
    except DatabaseError:
        logger.warning("readyz: the database does not answer", exc_info=True)
        return "unavailable"


def _redis():
    ping = getattr(cache, "ping", None)
    try:
        return "ok" if ping and ping() else "unavailable"
    except Exception:
        logger.warning("readyz: Redis does not answer", exc_info=True)
        return "unavailable"
