"""A 数据管理员 cannot raise anyone's rights above their own role: no superuser status, no raw
permissions, no data-office group, no changing a group's permissions, and no changing a
superuser's (or another data officer's) account. A superuser can do all of these."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from services.roles import DATA_OFFICE, DEPARTMENT_MANAGER
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = factories.staff_user(DATA_OFFICE, username="officer")
    client.force_login(user)
    return user


def change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def posted(user, **changes):
    """What the change form posts for `user`, with `changes` added (a crafted POST)."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "groups": [g.pk for g in user.groups.all()],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
        "staff_profile-TOTAL_FORMS": "0",
        "staff_profile-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_an_officer_cannot_make_themself_a_superuser(client, officer):
    response = client.post(change_url(officer), posted(officer, is_superuser="on"))
    assert response.status_code == 403
    officer.refresh_from_db()
    assert not officer.is_superuser


def test_an_officer_cannot_make_a_clerk_a_superuser(client, officer):
    clerk = factories.staff_user(DEPARTMENT_MANAGER)
    page = client.get(change_url(clerk)).content.decode()
    assert 'name="is_superuser"' not in page
    client.post(change_url(clerk), posted(clerk, is_superuser="on"))
    clerk.refresh_from_db()
    assert not clerk.is_superuser


def test_an_officer_cannot_grant_raw_permissions(client, officer):
    clerk = factories.staff_user(DEPARTMENT_MANAGER)
    delete_venues = Permission.objects.get(codename="delete_venue")
    assert 'name="user_permissions"' not in client.get(change_url(clerk)).content.decode()
    client.post(change_url(clerk), posted(clerk, user_permissions=[delete_venues.pk]))
    assert not clerk.user_permissions.exists()


def test_an_officer_cannot_put_a_clerk_in_the_data_office(client, officer):
    clerk = factories.staff_user(DEPARTMENT_MANAGER)
    office = Group.objects.get(name=DATA_OFFICE)
    response = client.post(change_url(clerk), posted(clerk, groups=[office.pk]))
    assert response.status_code == 200  # the form says the choice is not allowed
    assert not clerk.groups.filter(name=DATA_OFFICE).exists()


def test_an_officer_still_sets_a_clerks_role_and_staff_status(client, officer):
    clerk = factories.staff_user()
    role = Group.objects.get(name=DEPARTMENT_MANAGER)
    response = client.post(change_url(clerk), posted(clerk, groups=[role.pk]))
    assert response.status_code == 302
    assert list(clerk.groups.values_list("name", flat=True)) == [DEPARTMENT_MANAGER]


def test_an_officer_cannot_reset_a_superusers_password(client, officer):
    boss = User.objects.create_superuser("boss", password="Erqi-boss-2026")
    url = reverse("admin:auth_user_password_change", args=[boss.pk])
    data = {"password1": "Taken-over-2026", "password2": "Taken-over-2026"}
    assert client.post(url, data).status_code == 403
    boss.refresh_from_db()
    assert boss.check_password("Erqi-boss-2026")


def test_an_officer_cannot_change_or_delete_a_superusers_account(client, officer):
    boss = User.objects.create_superuser("boss", password="Erqi-boss-2026")
    assert client.post(change_url(boss), posted(boss, is_active="")).status_code == 403
    delete = reverse("admin:auth_user_delete", args=[boss.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [boss.pk], "post": "yes"}
    client.post(reverse("admin:auth_user_changelist"), bulk)
    assert User.objects.filter(pk=boss.pk, is_active=True).exists()


def test_an_officer_cannot_give_a_role_more_permissions(client, officer):
    role = Group.objects.get(name=DEPARTMENT_MANAGER)
    before = set(role.permissions.values_list("pk", flat=True))
    everything = list(Permission.objects.values_list("pk", flat=True))
    url = reverse("admin:auth_group_change", args=[role.pk])
    response = client.post(url, {"name": role.name, "permissions": everything})
    assert response.status_code == 403
    assert set(role.permissions.values_list("pk", flat=True)) == before


def test_a_superuser_can_grant_all_of_it(client):
    boss = User.objects.create_superuser("boss", password="Erqi-boss-2026")
    client.force_login(boss)
    clerk = factories.staff_user(DEPARTMENT_MANAGER)
    office = Group.objects.get(name=DATA_OFFICE)
    data = posted(clerk, is_superuser="on", groups=[office.pk])
    assert client.post(change_url(clerk), data).status_code == 302
    clerk.refresh_from_db()
    assert clerk.is_superuser and clerk.groups.filter(name=DATA_OFFICE).exists()
