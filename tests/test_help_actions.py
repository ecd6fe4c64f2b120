"""Each action writes its state change and one record of who, when and why; nothing else."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from services.help import actions
from services.help.models import HelpEvent, Rating, Rectification, Visit
from services.help.states import State, TransitionNotAllowed
from tests import help_factories as hf

pytestmark = pytest.mark.django_db


@pytest.fixture
def volunteer():
    return hf.helper()


def test_filing_gives_a_tracking_number_a_pending_state_and_a_record(volunteer):
    request = hf.help_request()

    assert request.number.startswith("BB20260311") and len(request.number) == 16
    assert request.state == State.PENDING
    event = request.events.get()
    assert (event.action, event.to_state, event.by_label) == ("file", State.PENDING, "群众本人")


def test_dispatch_assigns_the_helper_and_their_platform(volunteer):
    boss = hf.dispatcher()
    station = hf.station(volunteer.street)
    volunteer.venue = station
    volunteer.save()

    request = actions.request_dispatch(request=hf.help_request(), helper=volunteer, by=boss)

    assert (request.state, request.helper, request.platform) == (
        State.DISPATCHED,
        volunteer,
        station,
    )
    assert request.events.last().by == boss


def test_only_the_assigned_helper_may_accept(volunteer):
    request = hf.dispatched(hf.help_request(), volunteer)
    other = hf.helper()

    with pytest.raises(PermissionDenied):
        actions.request_accept(request=request, by=other.user)
    request = actions.request_accept(request=request, by=volunteer.user)

    assert request.state == State.ACCEPTED


def test_a_return_needs_a_reason_and_gives_the_request_back_to_dispatch(volunteer):
    request = hf.dispatched(hf.help_request(), volunteer)

    with pytest.raises(ValidationError):
        actions.request_return(request=request, by=volunteer.user, reason="  ")
    request = actions.request_return(request=request, by=volunteer.user, reason="那天不在郑州")

    assert (request.state, request.helper) == (State.RETURNED, None)
    assert request.events.last().reason == "那天不在郑州"


def test_a_visit_is_recorded_with_when_who_and_what(volunteer):
    request = hf.dispatched(hf.help_request(), volunteer)
    request = actions.request_accept(request=request, by=volunteer.user)
    at = hf.WEDNESDAY + datetime.timedelta(hours=2)

    request = actions.request_record_visit(
        request=request, by=volunteer.user, done="上门采集认证照片", at=at, now=at
    )

    assert request.state == State.IN_PROGRESS
    visit = Visit.objects.get()
    assert (visit.helper, visit.at, visit.done) == (volunteer, at, "上门采集认证照片")


def test_a_visit_in_the_future_is_refused(volunteer):
    request = hf.in_progress(hf.help_request(), volunteer)

    with pytest.raises(ValidationError):
        actions.request_record_visit(
            request=request,
            by=volunteer.user,
            done="x",
            at=hf.WEDNESDAY + datetime.timedelta(days=1),
            now=hf.WEDNESDAY,
        )
    assert not Visit.objects.exists()


def test_finishing_records_the_result_and_sets_the_follow_up_deadline(volunteer):
    request = hf.in_progress(hf.help_request(), volunteer)

    request = actions.request_finish(
        request=request, by=volunteer.user, result="认证完成", now=hf.WEDNESDAY
    )

    assert (request.state, request.result) == (State.DONE, "认证完成")
    assert request.finished_on == datetime.date(2026, 3, 11)
    assert request.due_follow_up == datetime.date(2026, 3, 16)  # 3 working days: Mon


def test_a_good_rating_is_followed_up_then_archived(volunteer):
    request = hf.done(hf.help_request(), volunteer)

    request = actions.request_rate(request=request, rating=Rating.SATISFIED, comment="很好")
    assert (request.state, request.rating) == (State.FOLLOWED_UP, Rating.SATISFIED)
    request = actions.request_archive(request=request, by=hf.dispatcher())

    assert request.state == State.ARCHIVED and request.archived_at is not None
    assert not Rectification.objects.exists()


def test_a_bad_rating_opens_rectification_that_goes_in_order(volunteer):
    boss = hf.dispatcher()
    request = hf.done(hf.help_request(), volunteer)

    request = actions.request_rate(request=request, rating=Rating.DISSATISFIED, comment="太慢")
    assert request.state == State.RECTIFYING
    with pytest.raises(ValidationError):
        actions.rectification_answer(request=request, by=boss, note="已答复")
    request = actions.rectification_verify(request=request, by=boss, note="确实超时两天")
    request = actions.rectification_rectify(request=request, by=boss, note="调整派单")
    request = actions.rectification_answer(request=request, by=boss, note="已电话致歉")

    assert request.state == State.DONE
    rectification = Rectification.objects.get()
    assert rectification.rating == Rating.DISSATISFIED and rectification.answered_at
    # Followed up again: a second, good rating closes the loop.
    request = actions.request_rate(request=request, rating=Rating.FAIR, by=boss)
    assert request.state == State.FOLLOWED_UP


def test_escalation_keeps_the_state_and_marks_the_request(volunteer):
    request = hf.dispatched(hf.help_request(), volunteer)

    request = actions.request_escalate(request=request, by=hf.dispatcher(), reason="群众来电催办")

    assert (request.state, request.escalated) == (State.DISPATCHED, True)


def test_the_requester_can_withdraw_before_it_is_done(volunteer):
    request = actions.request_withdraw(request=hf.help_request(), reason="已自己办好")

    assert request.state == State.WITHDRAWN
    assert request.events.last().by_label == "群众本人"


def test_a_refused_action_changes_nothing_and_records_nothing(volunteer):
    request = hf.help_request()

    with pytest.raises(TransitionNotAllowed):
        actions.request_archive(request=request, by=hf.dispatcher())

    request.refresh_from_db()
    assert request.state == State.PENDING
    assert HelpEvent.objects.filter(request=request).count() == 1
