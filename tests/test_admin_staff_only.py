"""Every admin page needs a logged-in, active staff user; the quality page needs the data office."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from services.roles import DATA_OFFICE, DEPARTMENT_MANAGER
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    # Real logins: a fast hasher keeps these tests quick (the production hasher is unchanged).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


PAGES = [
    "/admin/",
    "/admin/quality/",
    "/admin/services/matter/",
    "/admin/services/venue/",
    "/admin/services/handling/",
    "/admin/auth/user/",
]


@pytest.mark.parametrize("path", PAGES)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("path", PAGES)
def test_a_user_who_is_not_staff_is_sent_to_the_login_page(client, path):
    client.force_login(User.objects.create_user("resident", password="x"))
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_resident_account_cannot_log_in_to_the_admin(client):
    User.objects.create_user("resident", password="Erqi-resident-2026")
    data = {"username": "resident", "password": "Erqi-resident-2026", "next": "/admin/"}
    response = client.post(reverse("admin:login"), data)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_staff_without_a_role_see_no_data(client):
    client.force_login(factories.staff_user())
    assert client.get("/admin/").context["app_list"] == []
    assert client.get("/admin/services/matter/").status_code == 403


def test_the_admin_is_in_chinese(client):
    client.force_login(factories.staff_user(DATA_OFFICE))
    text = client.get("/admin/", headers={"accept-language": "en-US,en"}).content.decode()
    assert "二七区政务服务目录 · 工作人员后台" in text
    assert "政务服务事项" in text and "数据质量" in text
    assert "最近动作" in text  # Django's own admin strings too


def test_only_the_data_office_sees_the_quality_link(client):
    client.force_login(factories.staff_user(DEPARTMENT_MANAGER))
    assert "数据质量" not in client.get("/admin/").content.decode()
