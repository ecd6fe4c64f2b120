"""What the actions share: the Report they return and the one-transaction, generation-bumping
wrapper."""

import functools
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from .generation import generation_bump


@dataclass
class Report:
    changed: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def bumps(kind):
    """Run the action in one transaction that ends by bumping the data generation, when it
    changed anything (see generation_bump)."""

    def wrap(action):
        @functools.wraps(action)
        def run(*args, **kwargs):
            with transaction.atomic():
                report = action(*args, **kwargs)
                if not isinstance(report, Report) or report.changed:
                    generation_bump(kind=kind)
            return report

        return run

    return wrap


def _save_checked(obj, *, by, report, label):
    """full_clean() then save; a row that fails is reported, left as it was, and skipped."""
    try:
        obj.full_clean()
    except ValidationError as error:
        report.problems.append(f"{label}未修改：{'；'.join(error.messages)}")
        return False
    obj._history_user = by
    obj.save()
    report.changed += 1
    return True
