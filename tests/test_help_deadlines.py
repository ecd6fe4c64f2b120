"""Deadlines count working days by the district's calendar: holidays skipped, 调休 days worked."""

import datetime

import pytest
from django.utils import timezone

from services.help.models import Category, DeadlineRule
from services.help.workdays import add_working_days
from services.models import CalendarDay
from tests import factories
from tests import help_factories as hf

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def labour_day():
    """1–5 May a holiday; Sunday 26 April and Saturday 9 May worked instead (调休)."""
    for day in range(1, 6):
        CalendarDay.objects.create(date=D(2026, 5, day), kind="holiday", name="劳动节")
    CalendarDay.objects.create(date=D(2026, 4, 26), kind="workday", name="劳动节调休")
    CalendarDay.objects.create(date=D(2026, 5, 9), kind="workday", name="劳动节调休")


def test_weekends_are_skipped():
    assert add_working_days(D(2026, 3, 13), 1) == D(2026, 3, 16)  # Friday → Monday


def test_a_request_filed_on_a_weekend_counts_from_the_next_working_day():
    assert add_working_days(D(2026, 3, 14), 0) == D(2026, 3, 16)
    assert add_working_days(D(2026, 3, 14), 1) == D(2026, 3, 17)


def test_a_holiday_is_skipped(labour_day):
    # Thursday 30 April + 1 working day: 1–5 May are a holiday, so Wednesday 6 May.
    assert add_working_days(D(2026, 4, 30), 1) == D(2026, 5, 6)


def test_a_make_up_day_on_a_weekend_counts(labour_day):
    # Friday 24 April + 1: Sunday 26 April is worked.
    assert add_working_days(D(2026, 4, 24), 1) == D(2026, 4, 26)
    # Friday 8 May + 1: Saturday 9 May is worked.
    assert add_working_days(D(2026, 5, 8), 1) == D(2026, 5, 9)


def test_a_request_across_the_holiday_gets_its_deadlines_in_working_days(labour_day):
    DeadlineRule.objects.create(category=Category.FAMILY, accept_days=1, finish_days=3)
    filed = timezone.make_aware(datetime.datetime(2026, 4, 30, 16, 0))

    request = hf.help_request(category=Category.FAMILY, now=filed)

    assert request.due_accept == D(2026, 5, 6)
    assert request.due_finish == D(2026, 5, 8)  # 6, 7, 8 May


def test_the_matter_promised_time_sets_the_finish_deadline():
    matter = factories.matter(promised_days=10)

    request = hf.help_request(matter=matter, now=hf.WEDNESDAY)

    assert request.due_finish == D(2026, 3, 25)


def test_a_matter_done_on_the_spot_keeps_the_category_time_for_the_help_itself():
    matter = factories.matter(instant=True)

    request = hf.help_request(matter=matter, now=hf.WEDNESDAY)

    assert request.due_finish == D(2026, 3, 18)  # the default 5 working days


def test_without_a_rule_the_defaults_apply():
    request = hf.help_request(now=hf.WEDNESDAY)

    assert (request.due_accept, request.due_finish) == (D(2026, 3, 12), D(2026, 3, 18))
