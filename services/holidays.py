"""The official public holidays and 调休 make-up working days of a year, from chinese-calendar.

chinese-calendar carries the State Council's annual notices (国务院办公厅关于某年部分节假日安排的
通知) that were published before its release; a year it does not know raises UnknownYear, and the
directory leaves that year empty rather than guessing (the data-quality page flags it).
"""

import datetime

import chinese_calendar

NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


class UnknownYear(LookupError):
    """chinese-calendar has no notice for this year."""


def official_days(year):
    """[(date, kind, name)] for `year`, kind "holiday" or "workday", in date order."""
    try:
        chinese_calendar.is_holiday(datetime.date(year, 6, 1))
    except NotImplementedError:
        raise UnknownYear(year) from None
    rows = [
        (day, "holiday", NAMES.get(str(name), str(name)))
        for day, name in chinese_calendar.holidays.items()
        if day.year == year
    ]
    # The package lists every weekday that is worked; only weekend days worked are 调休.
    rows += [
        (day, "workday", f"{NAMES.get(str(name), str(name))}调休上班")
        for day, name in chinese_calendar.workdays.items()
        if day.year == year and day.weekday() >= 5
    ]
    return sorted(rows)
