"""Real server processes, for the tests about what several processes share: gunicorn as
`make serve` runs it (debug off, WhiteNoise, erqi/gunicorn.conf.py), on a free loopback port,
against the test database. The test must commit its data (`transactional_db`)."""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

GUNICORN = Path(sys.executable).with_name("gunicorn")


def database_url():
    """DATABASE_URL of the test database, for another process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(db["NAME"])
        assert Path(name).is_absolute(), "the SQLite test database must be a file (conftest.py)"
        return f"sqlite:///{name}"
    user = quote(db["USER"] or "")
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"  # fmt: skip


def redis_env():
    """Settings for processes that share Redis: REDIS_URL, or the local server that .ci/run
    starts, and a key prefix of their own (the Redis may be shared with others)."""
    return {
        "REDIS_URL": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
        "DJANGO_CACHE_KEY_PREFIX": f"{settings.CACHE_KEY_PREFIX}-test-{uuid.uuid4().hex}",
    }


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(static_root, **extra):
    """The environment of a production process (debug off) on this machine's loopback."""
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "tests-only-not-a-secret",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DATABASE_URL": database_url(),
    }
    env.pop("REDIS_URL", None)  # each test says which cache it wants
    env.update({k: str(v) for k, v in extra.items()})
    return env


def collectstatic(static_root):
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=production_env(static_root),
        check=True,
    )


class Server:
    def __init__(self, port, process):
        self.port, self.process = port, process

    def request(self, method, path, body=None, headers=None):
        """(status, headers as a dict of lists, body bytes)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, quote(path, safe="/?=&%"), body=body, headers=headers or {})
            response = conn.getresponse()
            found = {}
            for name, value in response.getheaders():
                found.setdefault(name.lower(), []).append(value)
            return response.status, found, response.read()
        finally:
            conn.close()

    def get(self, path, **headers):
        return self.request("GET", path, headers=headers)


@contextlib.contextmanager
def serve(static_root, *, workers=1, **env):
    """A running gunicorn; stopped (and waited for) when the block ends."""
    port = free_port()
    environment = production_env(
        static_root, WEB_CONCURRENCY=workers, GUNICORN_BIND=f"127.0.0.1:{port}", **env
    )
    process = subprocess.Popen(
        [str(GUNICORN), "-c", "erqi/gunicorn.conf.py", "erqi.wsgi"],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    server = Server(port, process)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped:\n{process.stderr.read()[-3000:]}")
            try:
                if server.get("/api/v1/stats/")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer within 60 s")
            time.sleep(0.2)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()
