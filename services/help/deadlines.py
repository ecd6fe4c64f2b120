"""Deadlines in working days (workdays.py), per category, as the data office set them."""

from .models import DeadlineRule
from .workdays import add_working_days


def rule_for(category):
    """The category's rule, or an unsaved one carrying the model's defaults."""
    return DeadlineRule.objects.filter(category=category).first() or DeadlineRule(category=category)


def filing_deadlines(*, category, matter, day):
    """(due_accept, due_finish) for a request received on `day`. The finish deadline is the
    matter's promised time when it is a 承诺件 (days > 0), else the category's default."""
    rule = rule_for(category)
    finish = matter.promised_days if matter and matter.promised_days else rule.finish_days
    return add_working_days(day, rule.accept_days), add_working_days(day, finish)


def follow_up_deadline(*, category, day):
    return add_working_days(day, rule_for(category).follow_up_days)


def rectify_deadline(*, category, day):
    return add_working_days(day, rule_for(category).rectify_days)
