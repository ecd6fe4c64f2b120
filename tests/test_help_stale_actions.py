"""Two dispatchers on one request: an action from a page opened before the other acted is
refused and said, instead of silently overriding what the other did."""

import re

import pytest

from services.help import actions
from services.help.states import State
from tests import help_factories as hf

pytestmark = pytest.mark.django_db


def seen_on(page):
    return re.search(r'name="seen" value="([^"]*)"', page).group(1)


@pytest.fixture
def setting():
    first, second = hf.helper(name="演示志愿者甲"), hf.helper(name="演示志愿者乙")
    return first, second, hf.help_request(street=first.street)


def test_the_second_assignment_from_an_old_queue_page_is_refused(client, setting):
    first, second, request = setting
    client.force_login(hf.dispatcher())
    seen = seen_on(client.get("/help/work/queue/").content.decode())
    hf.dispatched(request, first, by=hf.dispatcher())  # the other dispatcher, meanwhile

    response = client.post(
        f"/help/work/r/{request.number}/dispatch/",
        {"helper": second.pk, "seen": seen, "next": "queue"},
        follow=True,
    )

    request.refresh_from_db()
    assert request.helper == first and request.state == State.DISPATCHED
    page = response.content.decode()
    assert "已有变化" in page and "演示志愿者甲" in page and "本次操作未执行" in page


def test_an_assignment_from_a_current_page_goes_through(client, setting):
    first, second, request = setting
    client.force_login(hf.dispatcher())
    seen = seen_on(client.get(f"/help/work/r/{request.number}/").content.decode())

    client.post(f"/help/work/r/{request.number}/dispatch/", {"helper": second.pk, "seen": seen})

    request.refresh_from_db()
    assert request.helper == second


def test_a_helper_cannot_accept_from_a_page_older_than_an_escalation(client, setting):
    first, second, request = setting
    boss = hf.dispatcher()
    hf.dispatched(request, first, by=boss)
    client.force_login(first.user)
    seen = seen_on(client.get("/help/work/tasks/").content.decode())
    request.refresh_from_db()
    actions.request_escalate(request=request, by=boss, reason="超期未接单")  # meanwhile

    client.post(f"/help/work/r/{request.number}/accept/", {"seen": seen, "next": "tasks"})

    request.refresh_from_db()
    assert request.state == State.DISPATCHED
