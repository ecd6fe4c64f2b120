"""人民帮办's figures, counted live from the requests.

`help_figures()` is what /api/v1/stats/ and the home page show under "help_requests"; it is
reached through settings.STATS_EXTRA_FIGURES, so the catalogue never imports this app.
Rates are percentages with two decimals, like the catalogue's instant_share: on time = done
by the finish deadline, of all done; satisfied = the first 回访 was 基本满意 or better, of all
rated (a 差评 stays counted after its 整改 and a better second rating).
"""

import datetime

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from .models import Rating
from .states import State


def _rate(part, whole):
    return round(100 * part / whole, 2) if whole else 0.0


def _measures(today):
    return dict(
        total=Count("id"),
        done=Count("id", filter=Q(finished_at__isnull=False)),
        this_year=Count("id", filter=Q(received_at__year=today.year)),
        on_time=Count("id", filter=Q(finished_on__lte=F("due_finish"))),
        rated=Count("id", filter=Q(rating__isnull=False)),
        satisfied=Count("id", filter=Q(rating__gte=Rating.FAIR, had_bad=False)),
        bad_open=Count("id", filter=Q(state=State.RECTIFYING)),
        open=Count("id", filter=~Q(state__in=[State.ARCHIVED, State.WITHDRAWN])),
    )


def _with_first_rating(queryset):
    from .models import Rectification

    return queryset.annotate(had_bad=Exists(Rectification.objects.filter(request=OuterRef("pk"))))


def _counts(queryset, today):
    return _with_first_rating(queryset).aggregate(**_measures(today))


def _figures(counts):
    return {
        "total": counts["total"],
        "done": counts["done"],
        "this_year": counts["this_year"],
        "on_time_rate": _rate(counts["on_time"], counts["done"]),
        "satisfaction_rate": _rate(counts["satisfied"], counts["rated"]),
    }


def help_figures():
    from .models import HelpRequest

    return _figures(_counts(HelpRequest.objects.all(), timezone.localdate()))


def breakdown(queryset, field, labels):
    """One row per value of `field` (street or category), in one query: figures, open 差评."""
    grouped = (
        _with_first_rating(queryset)
        .values(field)
        .annotate(**_measures(timezone.localdate()))
        .order_by()
    )
    by_value = {row[field]: row for row in grouped}
    return [
        {"label": label, **_figures(counts), "bad_open": counts["bad_open"], "open": counts["open"]}
        for value, label in labels
        if (counts := by_value.get(value))
    ]


def weekly(queryset, *, weeks=12, today=None):
    """Requests received per week (Monday first), the last `weeks` weeks, empty weeks as 0."""
    today = today or timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    first = monday - datetime.timedelta(weeks=weeks - 1)
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    counted = (
        queryset.filter(received_at__gte=start)
        .annotate(week=TruncWeek("received_at"))
        .values("week")
        .annotate(n=Count("id"))
    )
    by_week = {}
    for row in counted:
        week = row["week"]
        week = timezone.localtime(week).date() if isinstance(week, datetime.datetime) else week
        by_week[week] = by_week.get(week, 0) + row["n"]
    return [
        (first + datetime.timedelta(weeks=i), by_week.get(first + datetime.timedelta(weeks=i), 0))
        for i in range(weeks)
    ]


def bar_chart(series, *, width=640, height=220, pad=28):
    """An SVG bar chart drawn here, as numbers for the template: nothing loaded from outside."""
    top = max([n for _, n in series] + [1])
    slot = (width - 2 * pad) / len(series)
    bars = []
    for i, (week, n) in enumerate(series):
        h = (height - 2 * pad) * n / top
        bars.append(
            {
                "x": round(pad + i * slot + slot * 0.15, 1),
                "y": round(height - pad - h, 1),
                "w": round(slot * 0.7, 1),
                "h": round(h, 1),
                "n": n,
                "label": f"{week:%m-%d}",
                "cx": round(pad + i * slot + slot / 2, 1),
                "ty": round(height - pad - h - 4, 1),
            }
        )
    return {
        "width": width,
        "height": height,
        "base": height - pad,
        "pad": pad,
        "label_y": height - 8,
        "bars": bars,
    }
