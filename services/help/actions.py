"""Every write to a help request: one function per state change, each through states.target().

Each function locks the request's row, checks the transition, writes the change and one
HelpEvent (who, when, why). Views check who may act; the helper's own actions check it again
here, so that no view can forget.
"""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from services.actions.base import bumps
from services.models import Generation

from . import deadlines, states
from .models import BAD_RATINGS, HelpEvent, HelpRequest, PhoneView, Rating, Rectification, Visit
from .states import State

RESIDENT = "群众本人"
ANONYMISED = "（已匿名）"


def _label(by):
    if by is None:
        return RESIDENT
    helper = getattr(by, "helper", None)  # None when the user is no helper
    return (helper.name if helper else by.get_full_name()) or by.get_username()


def _now(now):
    return timezone.localtime(now) if now else timezone.localtime()


@transaction.atomic
def _transition(request, action, *, by, reason="", public_note="", now=None, **changes):
    """Lock, check, change, record. Returns the fresh request."""
    locked = HelpRequest.objects.select_for_update().get(pk=request.pk)
    before = locked.state
    locked.state = states.target(action, before)
    for field, value in changes.items():
        setattr(locked, field, value)
    locked.save()
    HelpEvent.objects.create(
        request=locked,
        action=action,
        from_state=before,
        to_state=locked.state,
        at=_now(now),
        by=by,
        by_label=_label(by),
        reason=reason,
        public_note=public_note,
    )
    return locked


def _need(text, message):
    text = (text or "").strip()
    if not text:
        raise ValidationError(message)
    return text


def _require_assignee(request, by):
    helper = getattr(by, "helper", None)
    if helper is None or request.helper_id != helper.pk:
        raise PermissionDenied("只有被派单的帮办人可以办理这张工单。")
    return helper


def new_number(day):
    """BB + date + 6 random digits: not guessable in sequence (tracking also needs the phone)."""
    return f"BB{day:%Y%m%d}{secrets.randbelow(10**6):06d}"


@bumps(Generation.Kind.PAGES)  # the public figures (home, stats) change
def request_file(*, channel, by=None, now=None, **fields):
    """A new request, 待受理, with its deadlines. `fields` are HelpRequest's own (validated)."""
    now = _now(now)
    due_accept, due_finish = deadlines.filing_deadlines(
        category=fields["category"], matter=fields.get("matter"), day=now.date()
    )
    for _ in range(5):
        try:
            with transaction.atomic():  # a savepoint: a taken number undoes only this
                request = HelpRequest.objects.create(
                    number=new_number(now.date()),
                    channel=channel,
                    state=State.PENDING,
                    received_at=now,
                    due_accept=due_accept,
                    due_finish=due_finish,
                    created_by=by,
                    **fields,
                )
            break
        except IntegrityError:
            continue  # the random number was taken: draw again
    else:
        raise RuntimeError("could not draw a free tracking number")
    states.target("file", None)
    HelpEvent.objects.create(
        request=request,
        action="file",
        from_state="",
        to_state=State.PENDING,
        at=now,
        by=by,
        by_label=_label(by),
        public_note="已收到您的帮办申请，工作人员将尽快联系您。",
    )
    return request


def request_dispatch(*, request, helper, by, platform=None, reason="", now=None):
    platform = platform or helper.venue
    return _transition(
        request,
        "dispatch",
        by=by,
        reason=reason or f"派给 {helper.name}",
        public_note="已派单给帮办人员。",
        now=now,
        helper=helper,
        platform=platform,
    )


def request_accept(*, request, by, now=None):
    _require_assignee(request, by)
    return _transition(request, "accept", by=by, public_note="帮办人员已接单。", now=now)


def request_return(*, request, by, reason, now=None):
    """退单: back to the dispatchers with a reason; the helper is taken off."""
    _require_assignee(request, by)
    reason = _need(reason, "请写明退单原因。")
    return _transition(request, "return", by=by, reason=reason, now=now, helper=None)


def request_start(*, request, by, now=None):
    _require_assignee(request, by)
    return _transition(request, "start", by=by, public_note="正在办理。", now=now)


def request_record_visit(*, request, by, done, at=None, now=None):
    helper = _require_assignee(request, by)
    done = _need(done, "请写明这次上门办了什么。")
    now = _now(now)
    at = at or now
    if at > now:
        raise ValidationError("上门时间不能晚于现在。")
    with transaction.atomic():
        request = _transition(
            request, "visit", by=by, reason=done, public_note="已上门服务。", now=now
        )
        Visit.objects.create(request=request, helper=helper, at=at, done=done)
    return request


@bumps(Generation.Kind.PAGES)  # the public figures (home, stats) change
def request_finish(*, request, by, result, now=None):
    _require_assignee(request, by)
    result = _need(result, "请写明办理结果。")
    now = _now(now)
    due = deadlines.follow_up_deadline(category=request.category, day=now.date())
    return _transition(
        request,
        "finish",
        by=by,
        reason=result,
        public_note=f"已办结：{result[:150]}",
        now=now,
        result=result,
        finished_at=now,
        finished_on=now.date(),
        due_follow_up=due,
    )


@bumps(Generation.Kind.PAGES)  # the public figures (home, stats) change
def request_rate(*, request, rating, comment="", by=None, now=None):
    """回访: the resident's 好差评 (on the tracking page, by=None, or by phone via a dispatcher).
    A 差评 opens 整改 with its own deadline."""
    rating = Rating(int(rating))
    comment = (comment or "").strip()[:500]
    now = _now(now)
    if rating in BAD_RATINGS:
        due = deadlines.rectify_deadline(category=request.category, day=now.date())
        request = _transition(
            request,
            "rate_dissatisfied",
            by=by,
            reason=comment,
            public_note=f"您的评价：{rating.label}。我们将核实、整改并答复您。",
            now=now,
            rating=rating,
            rating_comment=comment,
            due_follow_up=due,
        )
        Rectification.objects.create(request=request, rating=rating, comment=comment, opened_at=now)
    else:
        request = _transition(
            request,
            "rate_satisfied",
            by=by,
            reason=comment,
            public_note=f"您的评价：{rating.label}。感谢您的评价。",
            now=now,
            rating=rating,
            rating_comment=comment,
        )
    return request


def _open_rectification(request):
    rectification = request.rectifications.filter(answered_at__isnull=True).last()
    if rectification is None:
        raise ValidationError("这张工单没有未完成的整改。")
    return rectification


def rectification_verify(*, request, by, note, now=None):
    note, now = _need(note, "请写明核实情况。"), _now(now)
    with transaction.atomic():
        rectification = _open_rectification(request)
        request = _transition(request, "verify", by=by, reason=note, now=now)
        Rectification.objects.filter(pk=rectification.pk).update(
            verified_note=note, verified_at=now
        )
    return request


def rectification_rectify(*, request, by, note, now=None):
    note, now = _need(note, "请写明整改措施。"), _now(now)
    with transaction.atomic():
        rectification = _open_rectification(request)
        if rectification.verified_at is None:
            raise ValidationError("请先核实情况，再整改。")
        request = _transition(request, "rectify", by=by, reason=note, now=now)
        Rectification.objects.filter(pk=rectification.pk).update(
            rectified_note=note, rectified_at=now
        )
    return request


def rectification_answer(*, request, by, note, now=None):
    """The answer to the resident closes 整改; the request waits for a new 回访."""
    note, now = _need(note, "请写明给群众的答复。"), _now(now)
    with transaction.atomic():
        rectification = _open_rectification(request)
        if rectification.rectified_at is None:
            raise ValidationError("请先完成整改，再答复群众。")
        due = deadlines.follow_up_deadline(category=request.category, day=now.date())
        request = _transition(
            request,
            "answer",
            by=by,
            reason=note,
            public_note=f"整改答复：{note[:150]}",
            now=now,
            due_follow_up=due,
        )
        Rectification.objects.filter(pk=rectification.pk).update(
            answered_note=note, answered_at=now
        )
    return request


def request_archive(*, request, by, now=None):
    now = _now(now)
    return _transition(request, "archive", by=by, now=now, archived_at=now)


def request_escalate(*, request, by, reason, now=None):
    reason = _need(reason, "请写明督办原因。")
    return _transition(request, "escalate", by=by, reason=reason, now=now, escalated=True)


def request_withdraw(*, request, by=None, reason="", now=None):
    now = _now(now)
    return _transition(
        request,
        "withdraw",
        by=by,
        reason=(reason or "").strip()[:500],
        public_note="申请已撤回。",
        now=now,
        closed_at=now,
    )


def phone_view_record(*, request, by, now=None):
    """Someone is about to see the full phone number: keep a record of it."""
    return PhoneView.objects.create(request=request, user=by, at=_now(now))


@transaction.atomic
def request_anonymise(*, request, now=None):
    """Clear the personal data of a closed request; figures (category, dates, rating) stay."""
    now = _now(now)
    HelpRequest.objects.filter(pk=request.pk).update(
        name=ANONYMISED,
        phone="",
        address="",
        need=ANONYMISED,
        preferred_time="",
        rating_comment="",
        result=ANONYMISED,
        anonymised_at=now,
    )
    Visit.objects.filter(request=request).update(done=ANONYMISED)
    Rectification.objects.filter(request=request).update(comment="")
    events = HelpEvent.objects.filter(request=request)
    events.update(reason="")
    events.filter(action="finish").update(public_note="已办结。")
    events.filter(action="answer").update(public_note="整改已答复。")
