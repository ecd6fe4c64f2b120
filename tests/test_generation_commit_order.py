"""Two writers that commit out of order on PostgreSQL leave no server process with a stale
search index: the second writer's bump waits for the first one's commit, so the numbers follow
the order of commits (the old guess from the largest id missed the first writer's row)."""

import json
import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from tests import factories
from tests.servers import database_url, serve

pytestmark = pytest.mark.django_db(transaction=True)

# A writer in its own process: adds a matter and bumps the generation in one transaction, says
# "bumped", then commits when told to ("commit" on its standard input).
WRITER = """
import sys
import django
django.setup()
from django.db import transaction
from services.actions import generation_bump
from services.models import Department, Generation
from tests import factories

with transaction.atomic():
    factories.matter(code=sys.argv[1], name=sys.argv[2], department=Department.objects.get())
    generation_bump(kind=Generation.Kind.SEARCH)
    print("bumped", flush=True)
    if sys.argv[3] == "wait":
        sys.stdin.readline()
print("committed", flush=True)
"""


def writer(code, name, then):
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, code, name, then],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "erqi.settings",
            "DATABASE_URL": database_url(),
        },
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def names(server, q):
    status, _, body = server.get(f"/api/v1/matters/?q={q}")
    assert status == 200
    return sorted(m["name"] for m in json.loads(body)["results"])


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite lets one writer at a time in anyway"
)
def test_a_writer_that_commits_first_cannot_hide_an_earlier_ones_rows(static_root):
    factories.department()
    with serve(static_root) as server:
        assert names(server, "证明") == []  # the index is built and held
        first = writer("A-1", "甲类证明", "wait")
        assert first.stdout.readline().strip() == "bumped"  # its transaction is still open
        second = writer("B-1", "乙类证明", "commit")
        time.sleep(1)
        assert second.poll() is None  # its bump waits for the first writer's commit
        assert names(server, "证明") == []  # nothing committed yet
        first.communicate("commit\n", timeout=30)
        assert second.communicate(timeout=30)[0].split() == ["bumped", "committed"]
        assert names(server, "证明") == ["乙类证明", "甲类证明"]
