"""The fault tests' own PostgreSQL cluster (migrated, with a small catalogue) and redis-server,
once per run; each test that stops one gets it back running afterwards."""

import pytest

from tests.faultservers import PostgresCluster, RedisServer, manage


@pytest.fixture(scope="session")
def cluster():
    cluster = PostgresCluster()
    try:
        cluster.start()
        cluster.psql("CREATE DATABASE erqi", name="postgres")
        manage(cluster.url(), "migrate", "--noinput")
        code = "from tests.faults.faults_data import build; build()"
        manage(cluster.url(), "shell", "-c", code)
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture
def database(cluster):
    """The running cluster, started again after the test if the test stopped it."""
    yield cluster
    if not cluster.running():
        cluster.start()


@pytest.fixture
def redis_server():
    server = RedisServer()
    server.start()
    yield server
    server.kill()
