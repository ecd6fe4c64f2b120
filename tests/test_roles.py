"""The three staff groups exist after migrate, with the permissions of their role."""

import pytest
from django.contrib.auth.models import Group

from services.roles import DATA_OFFICE, DEPARTMENT_MANAGER, VENUE_MANAGER, ensure_groups
from tests import factories

pytestmark = pytest.mark.django_db


def codenames(role):
    return set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))


def test_the_three_groups_exist_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))
    assert {DATA_OFFICE, DEPARTMENT_MANAGER, VENUE_MANAGER} <= names


def test_the_data_office_holds_every_permission_of_the_directory_and_of_staff_accounts():
    perms = codenames(DATA_OFFICE)
    assert {"delete_venue", "change_department", "add_matter", "change_staffprofile"} <= perms
    assert {"add_user", "change_user", "change_group"} <= perms


def test_a_department_manager_edits_matters_and_their_parts_but_not_venues():
    perms = codenames(DEPARTMENT_MANAGER)
    assert {"change_matter", "add_material", "delete_step", "add_handling"} <= perms
    assert "view_venue" in perms
    assert not perms & {"change_venue", "change_department", "change_staffprofile", "add_user"}


def test_a_venue_manager_edits_venue_hours_and_links_but_not_the_catalogue():
    perms = codenames(VENUE_MANAGER)
    assert {"change_venue", "add_openingperiod", "change_venueexception", "add_handling"} <= perms
    assert "view_matter" in perms
    assert not perms & {"add_venue", "delete_venue", "change_matter", "change_material"}


def test_setting_up_the_groups_again_changes_nothing():
    before = {role: codenames(role) for role in (DATA_OFFICE, DEPARTMENT_MANAGER, VENUE_MANAGER)}
    ensure_groups()
    ensure_groups()
    after = {role: codenames(role) for role in before}
    assert after == before
    assert Group.objects.filter(name__in=before).count() == 3


def test_a_member_of_the_group_gets_its_permissions():
    user = factories.staff_user(VENUE_MANAGER)
    assert user.has_perm("services.change_openingperiod")
    assert not user.has_perm("services.change_matter")
