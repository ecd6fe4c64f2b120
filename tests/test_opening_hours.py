import datetime
import zoneinfo

import pytest

from services.models import CalendarDay, OpeningPeriod, Venue, VenueException
from tests import factories

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(y, m, d, hh, mm=0):
    return datetime.datetime(y, m, d, hh, mm, tzinfo=SHANGHAI)


@pytest.fixture
def centre():
    venue = factories.venue()
    for day in range(5):
        OpeningPeriod.objects.create(
            venue=venue, weekday=day, opens=datetime.time(9), closes=datetime.time(12)
        )
        OpeningPeriod.objects.create(
            venue=venue, weekday=day, opens=datetime.time(13), closes=datetime.time(17)
        )
    return venue


def test_a_venue_is_open_in_its_weekly_periods_and_closed_at_lunch(centre):
    # 2026-11-25 is a Wednesday.
    assert centre.is_open_at(at(2026, 11, 25, 10))
    assert not centre.is_open_at(at(2026, 11, 25, 12, 30))
    assert centre.is_open_at(at(2026, 11, 25, 16, 59))
    assert not centre.is_open_at(at(2026, 11, 25, 17))


def test_a_venue_is_closed_at_the_weekend(centre):
    assert not centre.is_open_at(at(2026, 11, 28, 10))  # Saturday


def test_a_public_holiday_closes_a_weekday(centre):
    CalendarDay.objects.create(date=datetime.date(2026, 10, 1), kind="holiday", name="国庆节")
    assert not centre.is_open_at(at(2026, 10, 1, 10))  # Thursday
    assert centre.periods_on(datetime.date(2026, 10, 1)) == []


def test_a_make_up_working_day_opens_a_weekend(centre):
    CalendarDay.objects.create(
        date=datetime.date(2026, 10, 10), kind="workday", name="国庆节调休", as_weekday=4
    )
    assert centre.is_open_at(at(2026, 10, 10, 10))  # Saturday worked as a Friday


def test_a_venue_exception_overrides_the_calendar(centre):
    VenueException.objects.create(venue=centre, date=datetime.date(2026, 11, 25), reason="停电检修")
    assert not centre.is_open_at(at(2026, 11, 25, 10))
    VenueException.objects.create(
        venue=centre,
        date=datetime.date(2026, 11, 28),
        closed=False,
        opens=datetime.time(9),
        closes=datetime.time(11, 30),
        reason="周六延时服务",
    )
    assert centre.is_open_at(at(2026, 11, 28, 10))
    assert not centre.is_open_at(at(2026, 11, 28, 12))


def test_a_kiosk_is_always_open_even_on_holidays():
    kiosk = factories.venue(Venue.Level.SELF_SERVICE_KIOSK)
    CalendarDay.objects.create(date=datetime.date(2027, 2, 6), kind="holiday", name="春节")
    assert kiosk.is_open_at(at(2027, 2, 6, 3))


def test_a_period_must_close_after_it_opens():
    from django.core.exceptions import ValidationError

    period = OpeningPeriod(
        venue=factories.venue(), weekday=0, opens=datetime.time(17), closes=datetime.time(9)
    )
    with pytest.raises(ValidationError) as caught:
        period.full_clean()
    assert "结束时间必须晚于开始时间。" in str(caught.value)
