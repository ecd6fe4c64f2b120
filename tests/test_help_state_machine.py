"""The state machine of a help request: every allowed transition, and every refused one."""

import pytest

from services.help.states import OPEN, TRANSITIONS, WORKING, State, TransitionNotAllowed, target

S = State
ALLOWED = {
    ("dispatch", S.PENDING): S.DISPATCHED,
    ("dispatch", S.RETURNED): S.DISPATCHED,
    ("dispatch", S.DISPATCHED): S.DISPATCHED,
    ("accept", S.DISPATCHED): S.ACCEPTED,
    ("return", S.DISPATCHED): S.RETURNED,
    ("return", S.ACCEPTED): S.RETURNED,
    ("start", S.ACCEPTED): S.IN_PROGRESS,
    ("visit", S.ACCEPTED): S.IN_PROGRESS,
    ("visit", S.IN_PROGRESS): S.IN_PROGRESS,
    ("finish", S.IN_PROGRESS): S.DONE,
    ("rate_satisfied", S.DONE): S.FOLLOWED_UP,
    ("rate_dissatisfied", S.DONE): S.RECTIFYING,
    ("verify", S.RECTIFYING): S.RECTIFYING,
    ("rectify", S.RECTIFYING): S.RECTIFYING,
    ("answer", S.RECTIFYING): S.DONE,
    ("archive", S.FOLLOWED_UP): S.ARCHIVED,
    **{("escalate", state): state for state in OPEN},
    **{("withdraw", state): S.WITHDRAWN for state in WORKING},
}
ACTIONS = [action for action in TRANSITIONS if action != "file"]
REFUSED = [
    (action, state) for action in ACTIONS for state in State if (action, state) not in ALLOWED
]


@pytest.mark.parametrize(("action", "state"), sorted(ALLOWED))
def test_an_allowed_transition_leads_to_its_state(action, state):
    assert target(action, state) == ALLOWED[(action, state)]


@pytest.mark.parametrize(("action", "state"), REFUSED)
def test_a_transition_not_listed_is_refused_with_a_chinese_message(action, state):
    with pytest.raises(TransitionNotAllowed, match="当前状态为"):
        target(action, state)


def test_a_new_request_can_only_be_filed():
    assert target("file", None) == S.PENDING
    with pytest.raises(TransitionNotAllowed):
        target("dispatch", None)


def test_an_unknown_action_is_refused():
    with pytest.raises(TransitionNotAllowed):
        target("delete", S.PENDING)


def test_closed_requests_allow_nothing():
    for state in (S.ARCHIVED, S.WITHDRAWN):
        assert not [a for a in ACTIONS if (a, state) in ALLOWED]
