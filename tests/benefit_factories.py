"""Factories for the benefits and outreach apps: each makes one valid object, overridable."""

import itertools

from services.benefits.models import AgeBand, Benefit, Qualifier
from tests import factories

_seq = itertools.count(1)


def benefit(*, bands=(), qualifiers=(), streets=(), **kw):
    """A Benefit; `bands` are (min, max, amount) and `qualifiers` (assistance, grades, categories)."""
    n = next(_seq)
    mode = kw.setdefault("mode", Benefit.Mode.APPLY)
    if "matter" not in kw:
        kw["matter"] = factories.matter(
            name=f"测试补贴{n}发放", no_application=mode == Benefit.Mode.AUTOMATIC
        )
    kw.setdefault("name", f"测试补贴{n}")
    kw.setdefault("starts", Benefit.Starts.AFTER_APPROVAL)
    kw.setdefault("legal_basis", "《测试条例》")
    obj = Benefit.objects.create(**kw)
    obj.streets.set(streets)
    for low, high, amount in bands:
        AgeBand.objects.create(benefit=obj, min_age=low, max_age=high, amount_per_month=amount)
    for assistance, grades, categories in qualifiers:
        low, high = grades or (None, None)
        Qualifier.objects.create(
            benefit=obj, assistance=assistance, grade_from=low, grade_to=high, categories=categories
        )
    return obj


def old_age_allowance(**kw):
    """高龄津贴 as the demo has it: Erqi 户籍, 80–89 and 90–99, from the month after the birthday."""
    kw.setdefault("name", "高龄津贴")
    kw.setdefault("mode", Benefit.Mode.AUTOMATIC)
    kw.setdefault("hukou", Benefit.Hukou.ERQI)
    kw.setdefault("starts", Benefit.Starts.AFTER_AGE)
    kw.setdefault("payment_method", "按月发放至本人社会保障卡")
    return benefit(bands=[(80, 89, "100.00"), (90, 99, "200.00")], **kw)


def centenarian_allowance(**kw):
    kw.setdefault("name", "百岁老人长寿补贴")
    kw.setdefault("mode", Benefit.Mode.AUTOMATIC)
    kw.setdefault("hukou", Benefit.Hukou.ERQI)
    kw.setdefault("starts", Benefit.Starts.AFTER_AGE)
    return benefit(bands=[(100, None, "300.00")], **kw)


def policy(*, matters=(), **kw):
    import datetime

    from services.outreach.models import Policy

    n = next(_seq)
    kw.setdefault("title", f"测试政策解读{n}")
    kw.setdefault("published_on", datetime.date(2026, 5, n % 28 + 1))
    if "department" not in kw:
        kw["department"] = factories.department()
    kw.setdefault("summary", "一句话摘要。")
    kw.setdefault("body", "正文第一段。")
    kw.setdefault("published", True)
    obj = Policy.objects.create(**kw)
    obj.matters.set(matters)
    return obj


def question(matter, *, answer="", public=False, **kw):
    from django.utils import timezone

    from services.outreach.models import Question

    kw.setdefault("text", "这个事项在哪里办？")
    kw.setdefault("asker", Question.Asker.PERSON)
    return Question.objects.create(
        matter=matter,
        answer=answer,
        public=public,
        answered_at=timezone.now() if answer else None,
        **kw,
    )
