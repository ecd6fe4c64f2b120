"""Real services of a fault test's own, which it stops, kills and starts again: a PostgreSQL
cluster (initdb + pg_ctl in a temporary directory, on a free port), a redis-server, and gunicorn
as `make serve` runs it. Run by `make test-faults` (pytest -m faults), once, not per database.

As root (CI) PostgreSQL runs as the `postgres` user, which initdb requires.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings

from tests.servers import GUNICORN, Server, free_port, production_env

# The newest PostgreSQL server installed (Debian's layout), unless PG_BIN says where.
_INSTALLED = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: float(p.parent.name))  # fmt: skip
PG_BIN = Path(os.environ.get("PG_BIN") or (_INSTALLED[-1] if _INSTALLED else "/usr/lib/postgresql/15/bin"))  # fmt: skip
MANAGE = [sys.executable, "manage.py"]


def _as_postgres(command):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PostgresCluster:
    """A cluster of the test's own; `stop()` and `start()` it at will."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="erqi-faults-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        self._run([PG_BIN / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"])  # fmt: skip

    def _run(self, command):
        subprocess.run(_as_postgres([str(c) for c in command]), check=True, capture_output=True)

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run([PG_BIN / "pg_ctl", "-D", self.data, "-o", options, "-l", self.dir / "log", "-w", "start"])  # fmt: skip

    def stop(self):
        self._run([PG_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"])

    def running(self):
        status = subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "status"]), capture_output=True)  # fmt: skip
        return status.returncode == 0

    def url(self, name="erqi"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def psql(self, sql, name="erqi"):
        return subprocess.run(
            [PG_BIN / "psql", "-X", "-q", "-A", "-t", self.url(name), "-c", sql],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def remove(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class RedisServer:
    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],  # fmt: skip
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            if subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True).stdout.strip() == b"PONG":  # fmt: skip
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"


def manage(database_url, *args, **env):
    """A management command against the given database (a process of its own)."""
    return subprocess.run(
        [*MANAGE, *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": database_url, **env},
        check=True,
        capture_output=True,
        text=True,
    )


class Gunicorn(Server):
    """gunicorn as `make serve` runs it; its log (stderr) goes to a file, read with `log()`."""

    def __init__(self, static_root, database_url, *, workers=2, **env):
        super().__init__(free_port(), None)
        self.log_path = Path(tempfile.mkstemp(prefix="erqi-faults-gunicorn-", suffix=".log")[1])
        environment = production_env(
            static_root,
            DATABASE_URL=database_url,
            WEB_CONCURRENCY=workers,
            GUNICORN_BIND=f"127.0.0.1:{self.port}",
            **env,
        )
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(
                [str(GUNICORN), "-c", "erqi/gunicorn.conf.py", "erqi.wsgi"],
                cwd=settings.BASE_DIR,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        self.wait_until(lambda: self.get("/healthz")[0] == 200, "gunicorn did not answer")

    def wait_until(self, condition, message, seconds=60):
        deadline = time.monotonic() + seconds
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped:\n{self.log()[-3000:]}")
            with contextlib.suppress(OSError):
                if condition():
                    return
            if time.monotonic() > deadline:
                raise RuntimeError(message)
            time.sleep(0.1)

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return sorted(int(pid) for pid in children.read_text().split())

    def log(self):
        return self.log_path.read_text(errors="replace")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log_path.unlink(missing_ok=True)
