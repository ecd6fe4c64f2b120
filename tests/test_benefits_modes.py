"""Each mode lands in its group, and each kind of condition decides: 户籍, status, qualifiers."""

import datetime

import pytest

from services.benefits.models import Benefit
from services.benefits.rules import APPLY, AUTOMATIC, MAYBE, Person, check, evaluate
from services.models import Venue
from tests import benefit_factories, factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


def person(**kw):
    kw.setdefault("birth", datetime.date(1970, 1, 1))
    kw.setdefault("hukou_street", "S1")
    return Person(**kw)


def test_an_automatic_benefit_is_automatic_a_quick_or_applied_one_must_be_applied_for():
    auto = benefit_factories.benefit(name="免申", mode=Benefit.Mode.AUTOMATIC)
    quick = benefit_factories.benefit(name="快申", mode=Benefit.Mode.QUICK)
    apply = benefit_factories.benefit(name="依申请", mode=Benefit.Mode.APPLY)
    groups = check([auto, quick, apply], person(), TODAY)
    assert [o.benefit.name for o in groups[AUTOMATIC]] == ["免申"]
    assert [o.benefit.name for o in groups[APPLY]] == ["快申", "依申请"]
    assert groups[MAYBE] == []


def test_a_condition_the_check_cannot_know_makes_it_a_maybe_with_the_reason():
    dibao = benefit_factories.benefit(check_reason="需核对家庭人均收入", excludes_assisted=True)
    outcome = evaluate(dibao, person(), TODAY)
    assert outcome.group == MAYBE
    assert outcome.reasons == ["需核对家庭人均收入"]


def test_those_already_assisted_are_not_offered_what_excludes_them():
    dibao = benefit_factories.benefit(excludes_assisted=True)
    assert evaluate(dibao, person(assistance="低保"), TODAY) is None
    assert evaluate(dibao, person(assistance="特困"), TODAY) is None
    assert evaluate(dibao, person(assistance="低收入"), TODAY) is not None


def test_an_erqi_hukou_rule_excludes_a_person_from_elsewhere():
    local = benefit_factories.benefit(hukou=Benefit.Hukou.ERQI)
    assert evaluate(local, person(hukou_street=None), TODAY) is None
    assert evaluate(local, person(), TODAY) is not None


def test_a_street_rule_admits_only_its_streets():
    houzhai = factories.venue(Venue.Level.STREET_CENTRE, code="S-houzhai")
    other = factories.venue(Venue.Level.STREET_CENTRE, code="S-other")
    rural = benefit_factories.benefit(hukou=Benefit.Hukou.STREETS, streets=[houzhai])
    assert evaluate(rural, person(hukou_street=houzhai.code), TODAY) is not None
    assert evaluate(rural, person(hukou_street=other.code), TODAY) is None


def test_veteran_and_retirement_rules_require_or_exclude():
    veterans = benefit_factories.benefit(veteran=Benefit.Status.REQUIRED)
    not_retired = benefit_factories.benefit(retired=Benefit.Status.EXCLUDED)
    assert evaluate(veterans, person(veteran=True), TODAY) is not None
    assert evaluate(veterans, person(), TODAY) is None
    assert evaluate(not_retired, person(), TODAY) is not None
    assert evaluate(not_retired, person(retired=True), TODAY) is None


def test_any_one_qualifier_is_enough():
    care = benefit_factories.benefit(qualifiers=[("", (1, 2), ""), ("", (3, 3), "智力,精神")])
    assert evaluate(care, person(disability_grade=2, disability_category="肢体"), TODAY)
    assert evaluate(care, person(disability_grade=3, disability_category="精神"), TODAY)
    assert evaluate(care, person(disability_grade=3, disability_category="肢体"), TODAY) is None
    assert evaluate(care, person(disability_grade=4), TODAY) is None
    assert evaluate(care, person(), TODAY) is None


def test_an_unknown_disability_category_is_a_maybe_that_says_which_category_counts():
    care = benefit_factories.benefit(qualifiers=[("", (3, 3), "智力,精神")])
    outcome = evaluate(care, person(disability_grade=3), TODAY)
    assert outcome.group == MAYBE
    assert "智力、精神" in outcome.reasons[0]


def test_a_qualifier_with_assistance_and_disability_needs_both():
    living = benefit_factories.benefit(qualifiers=[("低保", (1, 4), "")])
    assert evaluate(living, person(assistance="低保", disability_grade=4), TODAY)
    assert evaluate(living, person(assistance="低保"), TODAY) is None
    assert evaluate(living, person(disability_grade=1), TODAY) is None


def test_enterprise_benefits_are_not_offered_to_residents():
    refund = benefit_factories.benefit(audience=Benefit.Audience.ENTERPRISE)
    assert evaluate(refund, person(), TODAY) is None
