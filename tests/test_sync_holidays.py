"""Holidays and 调休 days come from chinese-calendar; a year it does not know stays empty."""

import datetime

import chinese_calendar
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from services import quality
from services.holidays import UnknownYear, official_days
from services.models import CalendarDay
from services.roles import DATA_OFFICE
from tests import factories

# The statutory days off (全国年节及纪念日放假办法): 11 from 2008, 13 from 2025. Two years had
# days off once only: 2015, 3 September (the 70th anniversary of the victory in the War of
# Resistance); 2020, the Spring Festival extended to 2 February because of COVID-19 (one more
# weekday off, one make-up Sunday cancelled).
ONE_OFF = {2015: 1, 2020: 2}


def statutory_days(year):
    return 13 if year >= 2025 else 11


def known_years():
    return sorted({d.year for d in chinese_calendar.holidays} & set(range(2008, 2100)))


def days(start, end):
    first, last = datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    return {first + datetime.timedelta(n) for n in range((last - first).days + 1)}


def days_serving(year):
    """The year's rows by the holiday they serve: a December 元旦 day off or make-up day
    belongs to the next year's New Year (2018-12-31 and 2018-12-29 serve 2019)."""
    rows = official_days(year - 1) + official_days(year)
    return [
        (d, kind)
        for d, kind, name in rows
        if d.year + (d.month == 12 and name.startswith("元旦")) == year
    ]


@pytest.mark.parametrize("year", known_years())
def test_weekdays_off_minus_make_up_days_equal_the_statutory_days(year):
    rows = days_serving(year)
    weekdays_off = [d for d, kind in rows if kind == "holiday" and d.weekday() < 5]
    make_up = [d for d, kind in rows if kind == "workday"]

    assert all(d.weekday() >= 5 for d in make_up)
    assert len(weekdays_off) - len(make_up) == statutory_days(year) + ONE_OFF.get(year, 0)


def test_2026_is_the_state_councils_notice_exactly():
    notice_off = (
        days("2026-01-01", "2026-01-03")
        | days("2026-02-15", "2026-02-23")
        | days("2026-04-04", "2026-04-06")
        | days("2026-05-01", "2026-05-05")
        | days("2026-06-19", "2026-06-21")
        | days("2026-09-25", "2026-09-27")
        | days("2026-10-01", "2026-10-07")
    )
    notice_work = {
        datetime.date.fromisoformat(d)
        for d in (
            "2026-01-04",
            "2026-02-14",
            "2026-02-28",
            "2026-05-09",
            "2026-09-20",
            "2026-10-10",
        )
    }
    rows = official_days(2026)

    assert {d for d, kind, _ in rows if kind == "holiday"} == notice_off
    assert {d for d, kind, _ in rows if kind == "workday"} == notice_work
    assert ("春节", "春节调休上班") == (
        dict((d, n) for d, _, n in rows)[datetime.date(2026, 2, 16)],
        dict((d, n) for d, _, n in rows)[datetime.date(2026, 2, 14)],
    )


@pytest.mark.django_db
def test_the_command_replaces_the_years_rows_with_the_official_ones():
    CalendarDay.objects.create(date=datetime.date(2026, 3, 2), kind="holiday", name="手填错误")
    CalendarDay.objects.create(date=datetime.date(2025, 3, 3), kind="holiday", name="别的年份")

    call_command("sync_holidays", "2026")

    stored = {(c.date, c.kind, c.name) for c in CalendarDay.objects.filter(date__year=2026)}
    assert stored == set(official_days(2026))
    assert CalendarDay.objects.filter(name="别的年份").exists()


@pytest.mark.django_db
def test_a_year_the_package_does_not_know_is_left_as_it_is_and_said():
    year = max(known_years()) + 1
    kept = CalendarDay.objects.create(date=datetime.date(year, 1, 1), kind="holiday", name="元旦")

    with pytest.raises(UnknownYear):
        official_days(year)
    with pytest.raises(CommandError, match=f"还没有 {year} 年"):
        call_command("sync_holidays", str(year))

    assert list(CalendarDay.objects.filter(date__year=year)) == [kept]


@pytest.mark.django_db
def test_the_quality_page_flags_this_or_next_year_without_holidays(client):
    today = datetime.date(2026, 12, 1)
    CalendarDay.objects.create(date=datetime.date(2026, 10, 1), kind="holiday", name="国庆节")

    assert quality.years_without_holidays(today) == [2027]
    CalendarDay.objects.create(date=datetime.date(2027, 1, 1), kind="holiday", name="元旦")
    assert quality.years_without_holidays(today) == []

    CalendarDay.objects.all().delete()
    client.force_login(factories.staff_user(DATA_OFFICE))
    page = client.get(reverse("admin-quality")).content.decode()
    this_year = datetime.date.today().year
    assert f"{this_year} 年没有法定节假日记录" in page
    assert f"sync_holidays {this_year + 1}" in page
