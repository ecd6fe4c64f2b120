"""A staff edit is shown by the next request in every server process, whether each keeps its
own cache (no REDIS_URL) or they share Redis: the cache keys carry the data generation."""

import pytest
from django.urls import reverse

from services.roles import DATA_OFFICE
from tests import factories
from tests.admin_forms import form_data
from tests.servers import redis_env, serve

pytestmark = pytest.mark.django_db(transaction=True)


def caches():
    return {"local": {}, "redis": redis_env()}


@pytest.mark.parametrize("cache", ["local", "redis"])
def test_a_staff_edit_is_seen_by_the_next_request_in_two_other_processes(
    client, static_root, cache
):
    matter = factories.matter(name="居民身份证换领")
    centre = factories.venue()
    factories.handling(matter, centre)
    page = f"/matters/{matter.code}/"
    api = f"/api/v1/matters/{matter.code}/"
    env = caches()[cache]
    with serve(static_root, **env) as one, serve(static_root, **env) as two:
        for server in (one, two):  # each renders and caches the pages once
            for path in (page, api, "/api/v1/matters/?q=身份证", page, api):
                status, _, body = server.get(path)
                assert status == 200
                assert "居民身份证换领" in body.decode()
                assert "到期换证" not in body.decode()

        client.force_login(factories.staff_user(DATA_OFFICE))
        change = reverse("admin:services_matter_change", args=[matter.pk])
        data = {**form_data(client.get(change)), "name": "居民身份证换领（到期换证）"}
        assert client.post(change, data).status_code == 302

        for server in (one, two):
            for path in (page, api, "/api/v1/matters/?q=身份证"):
                status, _, body = server.get(path)
                assert status == 200
                assert "居民身份证换领（到期换证）" in body.decode(), (server.port, path)
