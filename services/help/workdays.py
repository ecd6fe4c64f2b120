"""Working days by the district's calendar: Monday–Friday, less public holidays, plus 调休 days.

The calendar is the catalogue's CalendarDay table (节假日与调休), kept by the data office.
"""

import datetime

from services.models import CalendarDay

# Past the last listed day the calendar is unknown; a year bounds the search for a working day.
HORIZON = 370


def calendar_between(start, end):
    return dict(
        CalendarDay.objects.filter(date__gte=start, date__lte=end).values_list("date", "kind")
    )


def is_working_day(day, calendar):
    kind = calendar.get(day)
    if kind == CalendarDay.Kind.HOLIDAY:
        return False
    if kind == CalendarDay.Kind.WORKDAY:
        return True
    return day.weekday() < 5


def add_working_days(start, days, *, calendar=None):
    """The date `days` working days after `start` (0: `start` itself if it is a working day,
    else the next working day). A request filed on a Saturday counts from Monday."""
    if calendar is None:
        calendar = calendar_between(start, start + datetime.timedelta(days=2 * days + HORIZON))
    day = start
    while not is_working_day(day, calendar):
        day += datetime.timedelta(days=1)
    left = days
    while left > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, calendar):
            left -= 1
    return day
