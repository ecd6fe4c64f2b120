"""`kill -9` of a gunicorn worker under load (`make serve`, wrk for a few seconds): at most the
requests that worker had in flight are lost, the master forks a new worker, and new workers
search with the index the master built before forking (preload): it is built once, in the
master, and never again while the search data does not change."""

import os
import re
import signal
import subprocess
import time
from urllib.parse import quote

import pytest

from tests.faultservers import Gunicorn

pytestmark = pytest.mark.faults

CONNECTIONS = 4


@pytest.fixture
def server(database, static_root):
    server = Gunicorn(static_root, database.url(), workers=2, DJANGO_LOG_LEVEL="INFO")
    yield server
    server.stop()


def built(server):
    """The processes that built a search index, from the log."""
    return [int(pid) for pid in re.findall(r"search index built in [\d.]+ s, generation \d+, process (\d+)", server.log())]  # fmt: skip


def replaced(server, old):
    server.wait_until(
        lambda: len(server.workers()) == 2 and old not in server.workers(), "no new worker"
    )


def test_a_killed_worker_loses_only_its_requests_and_is_replaced_without_an_index_build(server):
    assert built(server) == [server.process.pid]  # the master, before forking
    url = f"http://127.0.0.1:{server.port}/search/?q={quote('测试')}"
    wrk = subprocess.Popen(
        ["wrk", "-t1", f"-c{CONNECTIONS}", "-d4s", "--timeout", "5s", url],
        stdout=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.5)
    victim = server.workers()[0]
    os.kill(victim, signal.SIGKILL)
    report = wrk.communicate(timeout=30)[0]
    print(report)  # with -s: the figures for docs/operations.md

    served = int(re.search(r"(\d+) requests in", report).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", report))
    assert served > 50, report
    assert "Non-2xx" not in report, report
    assert errors <= CONNECTIONS, report  # at most one request in flight per connection

    replaced(server, victim)
    other = next(pid for pid in server.workers() if pid != victim)
    os.kill(other, signal.SIGKILL)  # now no worker is one that served before
    replaced(server, other)
    found = {"测试事项": "M000001", "甲证明": "M000001", "乙登记": "M000002", "丙备案": "M000003"}
    for word, code in found.items():  # not cached: each one is searched
        status, _, body = server.get(f"/search/?q={word}")
        assert status == 200 and f"/search/open/{code}/" in body.decode(), word
    assert built(server) == [server.process.pid]
