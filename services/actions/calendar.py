"""The holiday calendar."""

from django.db import transaction

from ..holidays import official_days
from ..models import CalendarDay, Generation
from .base import Report
from .generation import generation_bump


def calendar_sync_year(*, year: int) -> Report:
    """Replace `year`'s holidays and 调休 days with the official ones chinese-calendar knows.

    A year the package does not know raises holidays.UnknownYear and leaves the rows as they
    are: an unknown year stays empty (and is flagged on the data-quality page), never guessed.
    """
    days = official_days(year)
    report = Report()
    with transaction.atomic():
        old = {(c.date, c.kind, c.name) for c in CalendarDay.objects.filter(date__year=year)}
        CalendarDay.objects.filter(date__year=year).delete()
        CalendarDay.objects.bulk_create(
            CalendarDay(date=day, kind=kind, name=name) for day, kind, name in days
        )
        generation_bump(kind=Generation.Kind.PAGES)  # opening hours shown change with holidays
    new = set(days)
    report.changed = len(new - old) + len(old - new)
    report.unchanged = len(new & old)
    return report
