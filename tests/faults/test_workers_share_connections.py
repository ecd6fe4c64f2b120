"""Keep-alive connections opened together (a reverse proxy's pool, a load test) are shared
out among the workers (erqi/workers.py): without that, one worker often took them all and
answered everything on one core while the other idled."""

import http.client
import os
from pathlib import Path

import pytest

from tests.faultservers import Gunicorn

pytestmark = pytest.mark.faults

CONNECTIONS = 8
ROUNDS = 5


@pytest.fixture
def server(database, static_root):
    server = Gunicorn(static_root, database.url(), workers=2)
    yield server
    server.stop()


def established_inodes(port):
    """Socket inodes of the server side of every established TCP connection to `port`."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            if local_port == port and fields[3] == "01":
                inodes.add(fields[9])
    return inodes


def held_by(pid, inodes):
    held = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue  # closed meanwhile
        if target.startswith("socket:[") and target[8:-1] in inodes:
            held += 1
    return held


def test_connections_opened_together_are_shared_among_the_workers(server):
    server.wait_until(lambda: len(server.workers()) == 2, "the second worker did not start")
    workers = server.workers()
    for _ in range(ROUNDS):
        clients = [http.client.HTTPConnection("127.0.0.1", server.port, timeout=10) for _ in range(CONNECTIONS)]  # fmt: skip
        for client in clients:
            client.connect()
        for client in clients:  # one request each; the connections stay open (keep-alive)
            client.request("GET", "/healthz")
            response = client.getresponse()
            response.read()
            assert response.status == 200
        inodes = established_inodes(server.port)
        counts = [held_by(pid, inodes) for pid in workers]
        for client in clients:
            client.close()
        assert sum(counts) == CONNECTIONS, counts
        assert min(counts) >= CONNECTIONS // 4, counts  # never all, or nearly all, on one worker
        server.wait_until(lambda: not established_inodes(server.port), "connections not closed")
