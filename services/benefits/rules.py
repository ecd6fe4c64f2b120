"""Apply a benefit's rules to a person: pure functions over prefetched rows, no writes, no logs.

Only the birth year and month are known, so a person counts as having reached an age on the
first day of their birth month; a benefit that starts "the month after" (Starts.AFTER_AGE)
starts on the first day of the following month. The reference date is today in Asia/Shanghai
unless a test passes another.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from .models import Benefit

AUTOMATIC, APPLY, MAYBE = "automatic", "apply", "maybe"


@dataclass(frozen=True)
class Person:
    birth: datetime.date  # the first day of the birth month
    hukou_street: str | None = None  # street centre code; None: not an Erqi 户籍
    disability_grade: int | None = None
    disability_category: str | None = None
    assistance: str | None = None  # 低保, 特困, 低收入
    veteran: bool = False
    retired: bool = False


@dataclass
class Outcome:
    benefit: Benefit
    group: str  # AUTOMATIC, APPLY or MAYBE
    amount_per_month: Decimal | None = None
    starts: datetime.date | None = None  # first day of the month the current amount starts
    band: object = None
    reasons: list = field(default_factory=list)


def today():
    return timezone.localdate()


def age_on(birth, day):
    """Whole years reached on `day`, counting the birthday as the first of the birth month."""
    return day.year - birth.year - (1 if day.month < birth.month else 0)


def first_of_next_month(day):
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def reached(birth, age):
    """The first day of the month in which a person born in `birth`'s month reaches `age`."""
    return datetime.date(birth.year + age, birth.month, 1)


def evaluate(benefit, person, day=None):
    """The Outcome of `benefit` for `person` on `day`, or None if the person does not qualify.

    Reads benefit.bands, .qualifiers and .streets with .all(): prefetch them for a list.
    """
    day = day or today()
    if benefit.audience != Benefit.Audience.PERSON:
        return None
    age = age_on(person.birth, day)
    bands = list(benefit.bands.all())
    band = next((b for b in bands if b.contains(age)), None)
    if bands and band is None:
        return None
    if not _hukou_holds(benefit, person):
        return None
    if not _status_holds(benefit.veteran, person.veteran):
        return None
    if not _status_holds(benefit.retired, person.retired):
        return None
    if benefit.excludes_assisted and person.assistance in ("低保", "特困"):
        return None
    qualified, reasons = _qualifiers_hold(list(benefit.qualifiers.all()), person)
    if not qualified:
        return None
    if benefit.check_reason:
        reasons.append(benefit.check_reason)
    group = MAYBE if reasons else AUTOMATIC if benefit.mode == Benefit.Mode.AUTOMATIC else APPLY
    starts = None
    if band is not None and benefit.starts == Benefit.Starts.AFTER_AGE:
        starts = first_of_next_month(reached(person.birth, band.min_age))
    amount = (
        band.amount_per_month if band is not None and band.amount_per_month is not None else None
    )
    return Outcome(
        benefit=benefit,
        group=group,
        amount_per_month=amount if amount is not None else benefit.amount_per_month,
        starts=starts,
        band=band,
        reasons=reasons,
    )


def check(benefits, person, day=None):
    """{AUTOMATIC: [Outcome], APPLY: [...], MAYBE: [...]} for a person, in the benefits' order."""
    groups = {AUTOMATIC: [], APPLY: [], MAYBE: []}
    for benefit in benefits:
        outcome = evaluate(benefit, person, day)
        if outcome is not None:
            groups[outcome.group].append(outcome)
    return groups


def _hukou_holds(benefit, person):
    if benefit.hukou == Benefit.Hukou.ANY:
        return True
    if person.hukou_street is None:
        return False
    if benefit.hukou == Benefit.Hukou.ERQI:
        return True
    return person.hukou_street in {street.code for street in benefit.streets.all()}


def _status_holds(rule, value):
    if rule == Benefit.Status.REQUIRED:
        return value
    if rule == Benefit.Status.EXCLUDED:
        return not value
    return True


def _qualifiers_hold(qualifiers, person):
    """(qualified, reasons): any qualifier holding qualifies; one that may hold gives a reason."""
    if not qualifiers:
        return True, []
    maybe = []
    for qualifier in qualifiers:
        holds, reason = _qualifier_holds(qualifier, person)
        if holds and not reason:
            return True, []
        if holds:
            maybe.append(reason)
    if maybe:
        return True, maybe[:1]
    return False, []


def _qualifier_holds(qualifier, person):
    if qualifier.assistance and person.assistance != qualifier.assistance:
        return False, ""
    if qualifier.grade_from is None:
        return True, ""
    grade = person.disability_grade
    if grade is None or not qualifier.grade_from <= grade <= qualifier.grade_to:
        return False, ""
    categories = qualifier.category_list
    if not categories:
        return True, ""
    if person.disability_category is None:
        return True, f"需核对残疾类别：{qualifier.describe()}才符合"
    return person.disability_category in categories, ""


def conditions(benefit):
    """The benefit's conditions in words, for residents and the admin."""
    lines = []
    bands = list(benefit.bands.all())
    if bands:
        lines.append("年龄：" + "、".join(b.label for b in bands))
    if benefit.hukou == Benefit.Hukou.ERQI:
        lines.append("二七区户籍")
    elif benefit.hukou == Benefit.Hukou.STREETS:
        names = "、".join(s.street_name or s.name for s in benefit.streets.all())
        lines.append(f"户籍在{names or '（未选择街道）'}")
    for label, rule in (("退役军人或优抚对象", benefit.veteran), ("已退休", benefit.retired)):
        if rule == Benefit.Status.REQUIRED:
            lines.append(label)
        elif rule == Benefit.Status.EXCLUDED:
            lines.append(f"不是{label}")
    if benefit.excludes_assisted:
        lines.append("不是低保对象或特困人员")
    qualifiers = list(benefit.qualifiers.all())
    if qualifiers:
        lines.append("符合其一：" + "；".join(q.describe() for q in qualifiers))
    if benefit.check_reason:
        lines.append(f"另须核实：{benefit.check_reason}")
    return lines


def overlapping_bands(bands):
    """Pairs of (min_age, max_age) ranges that overlap, for validation across a benefit's bands."""
    ordered = sorted(bands, key=lambda b: b[0])
    return [
        (a, b) for a, b in zip(ordered, ordered[1:], strict=False) if a[1] is None or b[0] <= a[1]
    ]
