"""The help request's state machine: every allowed transition is listed here, and only here.

It follows the 12345 hotline's closed loop (受理 → 派单 → 办理 → 回复 → 督办 → 办结 → 回访 → 评价)
and the 好差评 scheme: a 差评 opens 整改 (verify, rectify, answer), then the resident is asked
again. `actions.py` writes every transition through `target()`, so nothing can bypass it.
"""

from django.db import models


class State(models.TextChoices):
    PENDING = "pending", "待受理"
    DISPATCHED = "dispatched", "已派单"
    RETURNED = "returned", "已退单"
    ACCEPTED = "accepted", "已接单"
    IN_PROGRESS = "in_progress", "办理中"
    DONE = "done", "已办结"
    FOLLOWED_UP = "followed_up", "已回访"
    RECTIFYING = "rectifying", "整改中"
    ARCHIVED = "archived", "已归档"
    WITHDRAWN = "withdrawn", "已撤回"


S = State
# Before 已办结: the requester may still withdraw, and the work is someone's to do.
WORKING = frozenset({S.PENDING, S.DISPATCHED, S.RETURNED, S.ACCEPTED, S.IN_PROGRESS})
# Everything not closed: 督办 can be set at any of these stages.
OPEN = WORKING | {S.DONE, S.FOLLOWED_UP, S.RECTIFYING}
CLOSED = frozenset({S.ARCHIVED, S.WITHDRAWN})

# action: (states it may start from, state it leads to; None = the state does not change)
TRANSITIONS = {
    "file": (frozenset({None}), S.PENDING),
    "dispatch": (frozenset({S.PENDING, S.RETURNED, S.DISPATCHED}), S.DISPATCHED),
    "accept": (frozenset({S.DISPATCHED}), S.ACCEPTED),
    "return": (frozenset({S.DISPATCHED, S.ACCEPTED}), S.RETURNED),
    "start": (frozenset({S.ACCEPTED}), S.IN_PROGRESS),
    "visit": (frozenset({S.ACCEPTED, S.IN_PROGRESS}), S.IN_PROGRESS),
    "finish": (frozenset({S.IN_PROGRESS}), S.DONE),
    "rate_satisfied": (frozenset({S.DONE}), S.FOLLOWED_UP),
    "rate_dissatisfied": (frozenset({S.DONE}), S.RECTIFYING),
    "verify": (frozenset({S.RECTIFYING}), None),
    "rectify": (frozenset({S.RECTIFYING}), None),
    "answer": (frozenset({S.RECTIFYING}), S.DONE),
    "archive": (frozenset({S.FOLLOWED_UP}), S.ARCHIVED),
    "escalate": (OPEN, None),
    "withdraw": (WORKING, S.WITHDRAWN),
}

ACTION_LABELS = {
    "file": "提交申请",
    "dispatch": "派单",
    "accept": "接单",
    "return": "退单",
    "start": "开始办理",
    "visit": "上门服务",
    "finish": "办结",
    "rate_satisfied": "回访评价",
    "rate_dissatisfied": "回访评价（差评）",
    "verify": "整改：核实",
    "rectify": "整改：整改",
    "answer": "整改：答复群众",
    "archive": "归档",
    "escalate": "督办",
    "withdraw": "撤回",
}


class TransitionNotAllowed(Exception):
    """An action asked of a request in a state that does not allow it."""

    def __init__(self, action, state):
        self.action, self.state = action, state
        label = State(state).label if state else "（新）"
        super().__init__(f"当前状态为“{label}”，不能{ACTION_LABELS.get(action, action)}。")


def target(action, state):
    """The state `action` leads to from `state`; raises TransitionNotAllowed if it may not."""
    if action not in TRANSITIONS:
        raise TransitionNotAllowed(action, state)
    sources, to = TRANSITIONS[action]
    if state not in sources:
        raise TransitionNotAllowed(action, state)
    return state if to is None else to


def allowed_actions(state):
    return [action for action, (sources, _) in TRANSITIONS.items() if state in sources]
