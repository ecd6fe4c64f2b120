"""Filing, finishing and rating a help request move the pages generation in the write's own
transaction, after its writes: a failure after the bump undoes the write and the bump together."""

import pytest

from services.actions import base as bumping
from services.help import actions
from services.help.models import HelpEvent, HelpRequest, Rating, Rectification
from services.models import Generation
from tests import help_factories as hf

pytestmark = pytest.mark.django_db


class Boom(Exception):
    pass


def filing():
    return hf.help_request


def finishing():
    volunteer = hf.helper()
    request = hf.in_progress(hf.help_request(), volunteer)
    return lambda: actions.request_finish(request=request, by=volunteer.user, result="已办好")


def rating(value):
    def setup():
        request = hf.done(hf.help_request(), hf.helper())
        return lambda: actions.request_rate(request=request, rating=value, comment="评价")

    return setup


# Each makes what the action needs and returns the action, not yet done.
ACTIONS = pytest.mark.parametrize(
    "setup",
    [filing, finishing, rating(Rating.SATISFIED), rating(Rating.DISSATISFIED)],
    ids=["file", "finish", "rate_satisfied", "rate_dissatisfied"],
)


def written():
    """What the actions write: the requests' figures fields, their events, the 整改 opened."""
    return (
        list(HelpRequest.objects.order_by("pk").values_list("state", "finished_at", "rating")),
        HelpEvent.objects.count(),
        Rectification.objects.count(),
    )


def numbers():
    return Generation.objects.numbers()


def moved(before):
    after = numbers()
    return {kind for kind in after if after[kind] != before[kind]}


def bump_instead(monkeypatch, bump):
    """The actions bump through services/actions/base.py's `bumps`: patch it where it looks."""
    monkeypatch.setattr(bumping, "generation_bump", bump)


@ACTIONS
def test_the_action_writes_and_moves_the_pages_generation(setup):
    act = setup()
    rows, before = written(), numbers()
    act()
    assert written() != rows
    assert moved(before) == {"pages"}


@ACTIONS
def test_the_bump_comes_after_the_writes(setup, monkeypatch):
    act = setup()
    real, seen = bumping.generation_bump, []

    def bump_and_look(**kwargs):
        seen.append(written())
        real(**kwargs)

    bump_instead(monkeypatch, bump_and_look)
    act()
    assert seen == [written()]


@ACTIONS
def test_the_write_is_undone_with_its_bump(setup, monkeypatch):
    act = setup()
    real = bumping.generation_bump

    def bump_then_fail(**kwargs):
        real(**kwargs)
        raise Boom

    bump_instead(monkeypatch, bump_then_fail)
    rows, before = written(), numbers()
    with pytest.raises(Boom):
        act()
    assert written() == rows
    assert moved(before) == set()
