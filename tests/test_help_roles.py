"""The 人民帮办 groups exist after migrate, and each role sees only the requests it should."""

import pytest
from django.contrib.auth.models import Group

from services.help.models import HelpRequest
from services.help.roles import DISPATCHER, HELPER, VOLUNTEER, may_see_full, visible_requests
from services.roles import DATA_OFFICE
from tests import help_factories as hf

pytestmark = pytest.mark.django_db


def test_migrate_creates_the_three_groups_with_their_permissions():
    perms = {
        name: set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        for name in (DISPATCHER, HELPER, VOLUNTEER)
    }

    assert {"dispatch_helprequest", "view_full_phone"} <= perms[DISPATCHER]
    assert perms[HELPER] == perms[VOLUNTEER] == {"work_helprequest"}


def test_the_data_office_keeps_helpers_and_deadlines_but_cannot_dispatch():
    perms = set(Group.objects.get(name=DATA_OFFICE).permissions.values_list("codename", flat=True))

    assert {"change_helper", "change_deadlinerule"} <= perms
    assert "dispatch_helprequest" not in perms and "view_full_phone" not in perms


def test_a_volunteer_sees_only_their_own_tasks():
    mine, theirs = hf.helper(), hf.helper()
    own = hf.dispatched(hf.help_request(), mine)
    hf.dispatched(hf.help_request(), theirs)
    hf.help_request()

    seen = visible_requests(mine.user, HelpRequest.objects.all())

    assert list(seen) == [own]
    assert may_see_full(mine.user, own) and not may_see_full(theirs.user, own)


def test_a_dispatcher_sees_every_request_and_a_stranger_none():
    hf.help_request(), hf.help_request()

    assert visible_requests(hf.dispatcher(), HelpRequest.objects.all()).count() == 2
    assert not visible_requests(hf.user(), HelpRequest.objects.all()).exists()


def test_a_deactivated_helper_loses_their_tasks():
    volunteer = hf.helper()
    hf.dispatched(hf.help_request(), volunteer)
    volunteer.active = False
    volunteer.save()

    assert not visible_requests(volunteer.user, HelpRequest.objects.all()).exists()
