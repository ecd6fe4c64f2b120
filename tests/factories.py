"""Small explicit factories for tests: each makes one valid object, overridable by keyword."""

import datetime
import itertools
from decimal import Decimal

from services.models import (
    Department,
    Handling,
    Material,
    Matter,
    OpeningPeriod,
    Step,
    Theme,
    Venue,
)

_seq = itertools.count(1)


def department(**kw):
    n = next(_seq)
    kw.setdefault("code", f"D{n:03d}")
    kw.setdefault("name", f"测试部门{n}")
    kw.setdefault("short_name", f"部门{n}")
    kw.setdefault("kind", "民政")
    return Department.objects.create(**kw)


def theme(**kw):
    n = next(_seq)
    kw.setdefault("slug", f"theme-{n}")
    kw.setdefault("name", f"主题{n}")
    kw.setdefault("audience", Theme.Audience.PERSON)
    return Theme.objects.create(**kw)


def venue(level=Venue.Level.DISTRICT_CENTRE, **kw):
    n = next(_seq)
    kw.setdefault("code", f"V{n:04d}")
    kw.setdefault("name", f"测试场所{n}")
    kw.setdefault("address", f"郑州市二七区测试路{n}号")
    kw.setdefault("phone", "0371-66000000")
    kw.setdefault("latitude", Decimal("34.724000"))
    kw.setdefault("longitude", Decimal("113.625000"))
    if level == Venue.Level.SELF_SERVICE_KIOSK:
        kw.setdefault("host", Venue.Host.BANK)
        kw.setdefault("always_open", True)
    if level != Venue.Level.DISTRICT_CENTRE and "parent" not in kw:
        parent_level = Venue.PARENT_LEVEL[level]
        kw["parent"] = Venue.objects.filter(level=parent_level).first() or venue(parent_level)
    if level in (Venue.Level.COMMUNITY_STATION, Venue.Level.SELF_SERVICE_KIOSK):
        kw.setdefault("street_name", kw["parent"].street_name)
    if level == Venue.Level.STREET_CENTRE:
        kw.setdefault("street_name", f"测试{n}街道")
    return Venue.objects.create(level=level, **kw)


def weekday_hours(venue, opens=datetime.time(9), closes=datetime.time(17), days=range(5)):
    for day in days:
        OpeningPeriod.objects.create(venue=venue, weekday=day, opens=opens, closes=closes)


def matter(**kw):
    n = next(_seq)
    kw.setdefault("code", f"M{n:06d}")
    kw.setdefault("name", f"测试事项{n}")
    if "department" not in kw:
        kw["department"] = Department.objects.first() or department()
    kw.setdefault("kind", Matter.Kind.CONFIRMATION)
    kw.setdefault("audience", Matter.Audience.PERSON)
    if kw.get("instant"):
        kw.setdefault("handling_type", Matter.HandlingType.INSTANT)
        kw.setdefault("promised_days", 0)
    kw.setdefault("handling_type", Matter.HandlingType.PROMISED)
    kw.setdefault("legal_days", 20)
    kw.setdefault("promised_days", 5)
    if kw.get("no_application"):
        kw.setdefault("visits", 0)
    themes = kw.pop("themes", [])
    obj = Matter.objects.create(**kw)
    obj.themes.set(themes)
    return obj


def material(matter, **kw):
    kw.setdefault("name", "居民身份证")
    return Material.objects.create(matter=matter, **kw)


def step(matter, **kw):
    kw.setdefault("name", "受理")
    return Step.objects.create(matter=matter, **kw)


def handling(matter, venue, **kw):
    return Handling.objects.create(matter=matter, venue=venue, **kw)


def staff_user(role=None, *, department=None, venue=None, username=None, **kw):
    """An active staff user in `role` (a group name from services.roles), tied to a department or venue."""
    from django.contrib.auth.models import Group, User

    from services.models import StaffProfile

    n = next(_seq)
    user = User.objects.create_user(
        username or f"staff{n}", password="Erqi-staff-2026", is_staff=True, **kw
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    if department or venue:
        StaffProfile.objects.create(user=user, department=department, venue=venue)
    return user


def life_event(**kw):
    from services.models import LifeEvent

    n = next(_seq)
    kw.setdefault("code", f"LE{n:04d}")
    kw.setdefault("name", f"测试一件事{n}")
    kw.setdefault("audience", LifeEvent.Audience.PERSON)
    kw.setdefault("summary", "测试用的一件事。")
    if "lead_department" not in kw:
        kw["lead_department"] = Department.objects.first() or department()
    kw.setdefault("promised_days", 10)
    return LifeEvent.objects.create(**kw)


def bundle(event, matter, **kw):
    """Add `matter` to `event` as its next step."""
    from services.models import LifeEventMatter

    kw.setdefault("position", event.bundled.count() + 1)
    return LifeEventMatter.objects.create(event=event, matter=matter, **kw)


def newborn(venues=1):
    """A small 新生儿出生一件事: three matters of two departments, their materials merged, each
    handled at `venues` street centres with weekday hours (and at one district centre)."""
    from services import actions
    from services.models import LifeEvent, Material

    health = department(name="测试卫健委", short_name="卫健委")
    police = department(name="测试公安分局", short_name="公安")
    certificate = matter(name="出生医学证明首次签发", department=health)
    registration = matter(name="出生登记", department=police)
    allowance = matter(name="生育津贴申领", department=health)
    material(certificate, name="父母居民身份证", position=1)
    material(registration, name="父母居民身份证", position=1)
    material(registration, name="出生医学证明", position=2, form=Material.Form.ORIGINAL_AND_COPY)
    material(allowance, name="结婚证", position=1)
    centre = Venue.objects.filter(level=Venue.Level.DISTRICT_CENTRE).first() or venue()
    places = [centre] + [venue(Venue.Level.STREET_CENTRE, parent=centre) for _ in range(venues)]
    for place in places:
        weekday_hours(place)
        for each in (certificate, registration):
            handling(each, place)
    event = life_event(
        code="newborn",
        name="新生儿出生一件事",
        audience=LifeEvent.Audience.PERSON,
        summary="孩子出生后，父母一次办好出生医学证明和落户。",
        lead_department=health,
        promised_days=7,
    )
    bundle(event, certificate)
    bundle(event, registration)
    bundle(event, allowance, required=False, condition="仅母亲在职参保时")
    actions.life_event_set_materials(event=event, by=None)
    return event
