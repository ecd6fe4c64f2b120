"""Data-quality queries for the data office: incomplete guides, venues missing facts, stale records.

Each is a QuerySet (narrowing a given one, so the admin's list filters reuse them) so the page
can count it, list the first few and link to the filtered list; `figure_rows()` sets the live
network figures next to the published ones.
"""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import CalendarDay, Handling, Material, Matter, OpeningPeriod, Venue
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
