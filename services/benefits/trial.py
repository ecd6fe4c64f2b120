"""试算: a benefit's rules applied to a few example persons, shown in the admin.

The examples sit on the edges that matter: the month before, of and after each age band's first
birthday (and after its last year), a person outside the 户籍 area, a person matching none of
the qualifiers. Each otherwise meets the benefit's other conditions, so the edge shows.
"""

import datetime
from dataclasses import replace

from services.models import Venue

from .models import Benefit
from .rules import APPLY, AUTOMATIC, MAYBE, Person, evaluate, today

GROUP_LABELS = {AUTOMATIC: "自动享受", APPLY: "需要申请", MAYBE: "可能符合", None: "不符合"}


def months_before(day, years, months=0):
    """The first day of the month `years` years and `months` months before `day`'s month."""
    index = day.year * 12 + day.month - 1 - years * 12 - months
    return datetime.date(index // 12, index % 12 + 1, 1)


def base_person(benefit, day):
    bands = list(benefit.bands.all())
    age = bands[0].min_age + 5 if bands else 45
    streets = [s.code for s in benefit.streets.all()]
    if benefit.hukou == Benefit.Hukou.STREETS:
        street = streets[0] if streets else None
    elif benefit.hukou == Benefit.Hukou.ERQI:
        # Any street will do; the rule only asks for an Erqi 户籍.
        codes = Venue.objects.streets().order_by("code").values_list("code", flat=True)
        street = codes.first() or "erqi"
    else:
        street = None
    qualifier = next(iter(benefit.qualifiers.all()), None)
    return Person(
        birth=months_before(day, age),
        hukou_street=street,
        disability_grade=qualifier.grade_from if qualifier else None,
        disability_category=(qualifier.category_list or [None])[0] if qualifier else None,
        assistance=(qualifier.assistance or None) if qualifier else None,
        veteran=benefit.veteran == Benefit.Status.REQUIRED,
        retired=benefit.retired == Benefit.Status.REQUIRED,
    )


def examples(benefit, day=None):
    """[(description, person)] for the benefit's 试算 table."""
    day = day or today()
    base = base_person(benefit, day)
    rows = [("符合其余条件的典型人员", base)]
    for band in benefit.bands.all():
        age = band.min_age
        rows += [
            (f"下个月满 {age} 周岁", replace(base, birth=months_before(day, age - 1, 11))),
            (f"本月满 {age} 周岁", replace(base, birth=months_before(day, age))),
            (f"上个月满 {age} 周岁", replace(base, birth=months_before(day, age, 1))),
        ]
        if band.max_age is not None:
            rows.append(
                (
                    f"本月满 {band.max_age + 1} 周岁",
                    replace(base, birth=months_before(day, band.max_age + 1)),
                )
            )
    if benefit.hukou != Benefit.Hukou.ANY:
        rows.append(("非二七区户籍", replace(base, hukou_street=None)))
    if list(benefit.qualifiers.all()):
        rows.append(
            (
                "无救助身份、无残疾人证",
                replace(base, assistance=None, disability_grade=None, disability_category=None),
            )
        )
    return rows


def trial(benefit, day=None):
    """[(description, person, outcome or None)] for each example."""
    day = day or today()
    return [
        (text, person, evaluate(benefit, person, day)) for text, person in examples(benefit, day)
    ]
