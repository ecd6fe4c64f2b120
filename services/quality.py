"""Data-quality queries for the data office: incomplete guides, venues missing facts, stale records.

Each is a QuerySet (narrowing a given one, so the admin's list filters reuse them) so the page
can count it, list the first few and link to the filtered list; `figure_rows()` sets the live
network figures next to the published ones.
"""

import datetime

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from .models import (
    CalendarDay,
    Handling,
    LifeEvent,
    LifeEventMatter,
    Material,
    Matter,
    OpeningPeriod,
    Venue,
)
from .stats import network_figures

STALE_AFTER_DAYS = 180

# The district's published figures: "1+2+18+174", 1172 matters, 607 即来即办 (51.79%), 640 自助,
# 30 and more 下沉.
PUBLISHED = [
    ("区政务服务中心", ("venues", Venue.Level.DISTRICT_CENTRE), 1, "exact"),
    ("企业服务专厅", ("venues", Venue.Level.ENTERPRISE_HALL), 2, "exact"),
    ("街道便民服务中心", ("venues", Venue.Level.STREET_CENTRE), 18, "exact"),
    ("社区便民服务站", ("venues", Venue.Level.COMMUNITY_STATION), 174, "exact"),
    ("政务服务事项", ("matters",), 1172, "exact"),
    ("即来即办事项", ("instant",), 607, "exact"),
    ("即来即办占比（%）", ("instant_share",), 51.79, "exact"),
    ("7×24 自助事项", ("self_service",), 640, "exact"),
    ("下沉街道事项", ("delegated_to_street",), 30, "at_least"),
]


def matters_without_materials(matters=None):
    matters = Matter.objects.all() if matters is None else matters
    return matters.exclude(Exists(Material.objects.filter(matter=OuterRef("pk"))))


def matters_without_time_limit(matters=None):
    """承诺件 whose promised time is 0: a promise without a time limit."""
    matters = Matter.objects.all() if matters is None else matters
    return matters.filter(handling_type=Matter.HandlingType.PROMISED, promised_days=0)


def matters_without_venue(matters=None):
    matters = Matter.objects.all() if matters is None else matters
    return matters.exclude(Exists(Handling.objects.filter(matter=OuterRef("pk"))))


def venues_without_hours(venues=None):
    venues = Venue.objects.all() if venues is None else venues
    return venues.filter(always_open=False).exclude(
        Exists(OpeningPeriod.objects.filter(venue=OuterRef("pk")))
    )


def venues_without_phone(venues=None):
    venues = Venue.objects.all() if venues is None else venues
    return venues.filter(phone="")


# 一件事 whose bundled matters moved under them. Each bundled row keeps the matter's code, name
# and department as they were at the event's last 核实 (services.actions.life_event_verify), and
# a deleted matter leaves its row behind with no matter: both are compared here.
LOST_MATTERS = LifeEventMatter.objects.filter(matter__isnull=True)
CHANGED_MATTERS = (
    LifeEventMatter.objects.filter(matter__isnull=False)
    .exclude(verified_code="")
    .filter(
        ~Q(matter__code=F("verified_code"))
        | ~Q(matter__name=F("verified_name"))
        | Q(verified_department__isnull=True)
        | ~Q(matter__department=F("verified_department"))
    )
)


def life_events_with_lost_matters(events=None):
    """A bundled matter was deleted."""
    events = LifeEvent.objects.all() if events is None else events
    return events.filter(Exists(LOST_MATTERS.filter(event=OuterRef("pk"))))


def life_events_with_changed_matters(events=None):
    """A bundled matter's department, name or code differs from what it was at the last 核实."""
    events = LifeEvent.objects.all() if events is None else events
    return events.filter(Exists(CHANGED_MATTERS.filter(event=OuterRef("pk"))))


def life_event_matter_problems():
    """[(life event, [what happened to its matters, in words])], by event code, in 2 queries."""
    links = (
        (LOST_MATTERS | CHANGED_MATTERS)
        .select_related("event", "matter__department", "verified_department")
        .order_by("event__code", "position", "id")
    )
    found = {}
    for link in links:
        found.setdefault(link.event, []).append(_what_happened(link))
    return list(found.items())


def _what_happened(link):
    if link.matter is None:
        if not link.verified_code:
            return f"第 {link.position} 项事项已被删除（该一件事从未核实，没有记下原来是哪个事项）"
        return f"第 {link.position} 项事项已被删除（核实时为：{link.verified_code} {link.verified_name}）"
    matter, changes = link.matter, []
    if matter.code != link.verified_code:
        changes.append(f"事项编码 {link.verified_code} → {matter.code}")
    if matter.name != link.verified_name:
        changes.append(f"事项名称 {link.verified_name} → {matter.name}")
    if matter.department_id != link.verified_department_id:
        was = link.verified_department.name if link.verified_department else "（已删除的部门）"
        changes.append(f"实施部门 {was} → {matter.department.name}")
    return f"第 {link.position} 项“{matter.name}”核实后有变化：{'；'.join(changes)}"


def _cutoff(now):
    return (now or timezone.now()) - datetime.timedelta(days=STALE_AFTER_DAYS)


def stale(queryset, now=None):
    """Not verified in the last STALE_AFTER_DAYS days, or never."""
    return queryset.filter(Q(verified_at__isnull=True) | Q(verified_at__lt=_cutoff(now)))


def recently_verified(queryset, now=None):
    return queryset.filter(verified_at__gte=_cutoff(now))


def never_verified(queryset):
    return queryset.filter(verified_at__isnull=True)


def stale_matters(now=None):
    return stale(Matter.objects.all(), now)


def stale_venues(now=None):
    return stale(Venue.objects.all(), now)


def figure_rows():
    """(label, live, published, matches) for each published figure."""
    live = network_figures()
    rows = []
    for label, path, published, rule in PUBLISHED:
        value = live
        for key in path:
            value = value[key]
        matches = value >= published if rule == "at_least" else value == published
        shown = f"{published}+" if rule == "at_least" else published
        rows.append({"label": label, "live": value, "published": shown, "matches": matches})
    return rows


def years_without_holidays(today=None):
    """This year and next, where no public holiday is recorded: the opening hours shown for
    them ignore holidays until `sync_holidays YEAR` (or the admin) fills them in."""
    year = (today or timezone.localdate()).year
    known = set(
        CalendarDay.objects.filter(
            kind=CalendarDay.Kind.HOLIDAY, date__year__in=[year, year + 1]
        ).values_list("date__year", flat=True)
    )
    return [y for y in (year, year + 1) if y not in known]


# The admin changelist filters (services/admin/quality.py) that list the same rows: parameter, value.
MATTER_PROBLEMS = {
    "no_materials": ("无申请材料", matters_without_materials),
    "no_time_limit": ("承诺件无承诺时限", matters_without_time_limit),
    "no_venue": ("无办理地点", matters_without_venue),
}
LIFE_EVENT_PROBLEMS = {
    "lost_matter": ("所含事项已被删除", life_events_with_lost_matters),
    "changed_matter": ("所含事项核实后改了部门或名称", life_events_with_changed_matters),
}
VENUE_PROBLEMS = {
    "no_hours": ("无办公时间", venues_without_hours),
    "no_phone": ("无电话", venues_without_phone),
}


def checks():
    """The lists on the page: (title, model admin name, queryset, changelist filter)."""
    return [
        ("没有申请材料的事项", "matter", matters_without_materials(), "problem=no_materials"),
        (
            "承诺件但没有承诺时限的事项",
            "matter",
            matters_without_time_limit(),
            "problem=no_time_limit",
        ),
        ("没有任何办理地点的事项", "matter", matters_without_venue(), "problem=no_venue"),
        ("没有办公时间的场所", "venue", venues_without_hours(), "problem=no_hours"),
        ("没有电话的场所", "venue", venues_without_phone(), "problem=no_phone"),
        (f"超过 {STALE_AFTER_DAYS} 天未核实的事项", "matter", stale_matters(), "verified=stale"),
        (f"超过 {STALE_AFTER_DAYS} 天未核实的场所", "venue", stale_venues(), "verified=stale"),
    ]
