"""A runaway statement in a web process is cancelled after DB_STATEMENT_TIMEOUT seconds and
the request answered 503 (the worker is free again); management commands are not limited."""

import subprocess
import sys

import pytest
from django.conf import settings

from tests.faultservers import Gunicorn, manage

pytestmark = pytest.mark.faults

SLEEP = "from django.db import connection; connection.cursor().execute('SELECT pg_sleep(2)')"


def test_a_web_process_cancels_a_statement_after_the_timeout(database):
    code = f"import erqi.wsgi; {SLEEP}"
    env = {"DATABASE_URL": database.url(), "DB_STATEMENT_TIMEOUT": "0.5"}
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert run.returncode != 0
    assert "canceling statement due to statement timeout" in run.stderr


def test_a_management_command_is_not_limited(database):
    manage(database.url(), "shell", "-c", SLEEP, DB_STATEMENT_TIMEOUT="0.5")  # check=True


def test_a_request_blocked_past_the_timeout_is_a_503_and_the_worker_serves_the_next(
    database, static_root
):
    server = Gunicorn(static_root, database.url(), workers=1, DB_STATEMENT_TIMEOUT=1)
    try:
        # Another session holds the table every request reads first, for longer than the timeout.
        hold = "BEGIN; LOCK TABLE services_generation; SELECT pg_sleep(4); COMMIT;"
        lock = subprocess.Popen(
            ["psql", "-X", "-q", database.url(), "-c", hold], stdout=subprocess.DEVNULL
        )
        server.wait_until(lambda: database.psql(LOCKED).strip() == "1", "no lock")
        status, headers, _ = server.get("/venues/?page=1")
        assert status == 503 and headers["retry-after"] == ["30"]
        assert server.get("/healthz")[0] == 200  # the worker is not hung
        lock.wait(timeout=30)
        assert server.get("/venues/?page=1")[0] == 200
    finally:
        server.stop()


LOCKED = "SELECT count(*) FROM pg_locks WHERE relation = 'services_generation'::regclass AND granted AND mode = 'AccessExclusiveLock'"  # fmt: skip
