"""Age bands at the reference date: the birth month before, of and after the 80th and the 100th
birthday, and the month payment starts (a birthday counts from the first of the birth month)."""

import datetime
from decimal import Decimal

import pytest

from services.benefits.rules import AUTOMATIC, Person, check, evaluate
from tests import benefit_factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)  # the reference date of these tests
ERQI = "V-street"  # any street code: the rule asks for an Erqi 户籍, not a given street


def born(year, month):
    return Person(birth=datetime.date(year, month, 1), hukou_street=ERQI)


@pytest.fixture
def allowances():
    return benefit_factories.old_age_allowance(), benefit_factories.centenarian_allowance()


def test_one_month_short_of_80_gets_no_old_age_allowance(allowances):
    old_age, _ = allowances
    assert evaluate(old_age, born(1946, 7), TODAY) is None


def test_in_the_month_of_the_80th_birthday_the_allowance_applies_from_next_month(allowances):
    old_age, _ = allowances
    outcome = evaluate(old_age, born(1946, 6), TODAY)
    assert outcome.group == AUTOMATIC
    assert outcome.amount_per_month == Decimal("100.00")
    assert outcome.starts == datetime.date(2026, 7, 1)


def test_a_month_after_the_80th_birthday_payment_started_this_month(allowances):
    old_age, _ = allowances
    outcome = evaluate(old_age, born(1946, 5), TODAY)
    assert outcome.starts == datetime.date(2026, 6, 1)
    assert outcome.band.min_age == 80


def test_a_birthday_in_december_starts_payment_in_january(allowances):
    old_age, _ = allowances
    outcome = evaluate(old_age, born(1945, 12), datetime.date(2025, 12, 31))
    assert outcome.starts == datetime.date(2026, 1, 1)


def test_at_90_the_higher_band_applies_from_the_month_after(allowances):
    old_age, _ = allowances
    outcome = evaluate(old_age, born(1936, 6), TODAY)
    assert outcome.amount_per_month == Decimal("200.00")
    assert outcome.starts == datetime.date(2026, 7, 1)


def test_one_month_short_of_100_still_gets_the_old_age_allowance_and_not_the_centenarians(
    allowances,
):
    old_age, centenarian = allowances
    person = born(1926, 7)
    assert evaluate(old_age, person, TODAY).amount_per_month == Decimal("200.00")
    assert evaluate(centenarian, person, TODAY) is None


def test_in_the_month_of_the_100th_birthday_the_centenarian_allowance_replaces_the_other(
    allowances,
):
    old_age, centenarian = allowances
    person = born(1926, 6)
    assert evaluate(old_age, person, TODAY) is None
    outcome = evaluate(centenarian, person, TODAY)
    assert outcome.amount_per_month == Decimal("300.00")
    assert outcome.starts == datetime.date(2026, 7, 1)


def test_a_month_after_the_100th_birthday_only_the_centenarian_allowance_applies(allowances):
    groups = check(allowances, born(1926, 5), TODAY)
    assert [o.benefit.name for o in groups[AUTOMATIC]] == ["百岁老人长寿补贴"]
    assert groups[AUTOMATIC][0].starts == datetime.date(2026, 6, 1)


def test_the_reference_date_decides_not_the_day_of_the_month(allowances):
    old_age, _ = allowances
    person = born(1946, 6)
    assert evaluate(old_age, person, datetime.date(2026, 6, 1)) is not None
    assert evaluate(old_age, person, datetime.date(2026, 5, 31)) is None
