"""/healthz and /readyz: answered for a load balancer's probe whatever its Host header and
over plain HTTP, never cached, and saying nothing about versions or settings."""

import json

import pytest


@pytest.mark.django_db
def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_says_each_check_passed(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/readyz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "checks": {"database": "ok"}}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_probes_need_no_allowed_host_nor_https(client, settings):
    settings.ALLOWED_HOSTS = ["directory.example.gov.cn"]
    settings.SECURE_SSL_REDIRECT = True
    for path in ["/healthz", "/readyz", "/readyz/"]:
        response = client.get(path, HTTP_HOST="10.0.0.7:8000")
        assert response.status_code == 200, path
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400  # the rest still checks


def test_probes_only_answer_reads(client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200
