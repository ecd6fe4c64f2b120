"""Deadlines in working days (workdays.py), per category, as the data office set them."""

from .models import DeadlineRule
from .workdays import add_working_days


def rule_for(category):
    """The category's rule, or an unsaved one carrying the model's defaults."""
    return DeadlineRule.objects.filter(category=category).first() or DeadlineRule(category=category)


def filing_deadlines(*, category, matter, day):
    """(due_accept, due_finish) for a request received on `day`. To finish: the category's
    days, or the matter's promised days when the matter itself takes longer."""
    rule = rule_for(category)
    finish = max(rule.finish_days, matter.promised_days if matter else 0)
    return add_working_days(day, rule.accept_days), add_working_days(day, finish)


def follow_up_deadline(*, category, day):
    return add_working_days(day, rule_for(category).follow_up_days)


def rectify_deadline(*, category, day):
    return add_working_days(day, rule_for(category).rectify_days)
