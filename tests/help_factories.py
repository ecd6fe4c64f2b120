"""Small factories for the 人民帮办 tests: a street with a station, users in each role, requests."""

import datetime
import itertools

from django.contrib.auth.models import Group, User
from django.utils import timezone

from services.help import actions
from services.help.models import Category, Channel, Helper
from services.help.roles import DISPATCHER, HELPER, VOLUNTEER
from services.models import Venue
from tests import factories

_seq = itertools.count(1)

# A Wednesday with no holiday near it, at 10:00 in the district's time.
WEDNESDAY = timezone.make_aware(datetime.datetime(2026, 3, 11, 10, 0))


def street(**kw):
    return factories.venue(Venue.Level.STREET_CENTRE, **kw)


def station(street_centre, **kw):
    return factories.venue(Venue.Level.COMMUNITY_STATION, parent=street_centre, **kw)


def user(group=None, password=None, **kw):
    """A user in `group`; without `password` it cannot log in (tests use force_login: faster)."""
    n = next(_seq)
    kw.setdefault("username", f"user{n}")
    made = User.objects.create_user(password=password, **kw)
    if group:
        made.groups.add(Group.objects.get(name=group))
    return made


def dispatcher(**kw):
    return user(DISPATCHER, **kw)


def helper(kind=Helper.Kind.VOLUNTEER, *, venue=None, street_centre=None, password=None, **kw):
    n = next(_seq)
    group = VOLUNTEER if kind == Helper.Kind.VOLUNTEER else HELPER
    street_centre = street_centre or (venue.parent if venue else None) or street()
    kw.setdefault("name", f"测试志愿者{n}")
    kw.setdefault("phone", f"1380000{n:04d}")
    return Helper.objects.create(
        user=user(group, password=password), kind=kind, venue=venue, street=street_centre, **kw
    )


def help_request(*, now=WEDNESDAY, channel=Channel.ONLINE, **kw):
    n = next(_seq)
    if "street" not in kw:
        kw["street"] = Venue.objects.filter(level=Venue.Level.STREET_CENTRE).first() or street()
    kw.setdefault("name", f"测试群众{n}")
    kw.setdefault("phone", f"1390000{n:04d}")
    kw.setdefault("address", f"测试小区{n}号楼")
    kw.setdefault("category", Category.ELDERLY)
    kw.setdefault("need", "帮老人办理养老保险资格认证")
    kw.setdefault("consent", True)
    return actions.request_file(channel=channel, now=now, **kw)


def dispatched(request, helper_row, *, by=None):
    return actions.request_dispatch(request=request, helper=helper_row, by=by or dispatcher())


def in_progress(request, helper_row):
    request = dispatched(request, helper_row)
    request = actions.request_accept(request=request, by=helper_row.user)
    return actions.request_start(request=request, by=helper_row.user)


def done(request, helper_row):
    request = in_progress(request, helper_row)
    return actions.request_finish(request=request, by=helper_row.user, result="已帮助办结")
