"""A helper or volunteer reaches only their own tasks; dispatcher actions are the dispatchers'."""

import pytest

from services.help.states import State
from tests import help_factories as hf

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_volunteers():
    mine, theirs = hf.helper(name="演示志愿者甲"), hf.helper(name="演示志愿者乙")
    own = hf.dispatched(hf.help_request(need="我的任务：帮办高龄津贴"), mine)
    other = hf.dispatched(hf.help_request(need="别人的任务：帮办残疾证"), theirs)
    return mine, own, other


def test_a_volunteer_sees_only_their_tasks(client, two_volunteers):
    mine, own, other = two_volunteers
    client.force_login(mine.user)

    html = client.get("/help/work/tasks/").content.decode()

    assert own.number in html and "我的任务" in html
    assert other.number not in html and "别人的任务" not in html


def test_a_crafted_request_for_another_volunteers_task_is_not_found(client, two_volunteers):
    mine, own, other = two_volunteers
    client.force_login(mine.user)

    assert client.get(f"/help/work/r/{other.number}/").status_code == 404
    assert client.post(f"/help/work/r/{other.number}/accept/").status_code == 404
    assert client.post(f"/help/work/r/{other.number}/phone/").status_code == 404
    other.refresh_from_db()
    assert other.state == State.DISPATCHED


def test_a_volunteer_cannot_use_dispatcher_actions_or_pages(client, two_volunteers):
    mine, own, other = two_volunteers
    client.force_login(mine.user)

    assert client.post(f"/help/work/r/{own.number}/archive/").status_code == 403
    assert client.post(f"/help/work/r/{own.number}/escalate/", {"reason": "x"}).status_code == 403
    assert client.get("/help/work/queue/").status_code == 403
    assert client.get("/help/dashboard/").status_code == 403
    assert client.get("/help/work/new/").status_code == 403


def test_an_unknown_action_is_refused(client, two_volunteers):
    mine, own, other = two_volunteers
    client.force_login(mine.user)

    assert client.post(f"/help/work/r/{own.number}/delete/").status_code == 403


def test_a_stranger_is_sent_to_log_in_and_a_user_without_a_role_is_refused(client, two_volunteers):
    response = client.get("/help/work/queue/")
    assert response.status_code == 302 and response.url.startswith("/help/login/")

    client.force_login(hf.user())
    assert client.get("/help/work/").status_code == 403
    assert client.get(f"/help/work/r/{two_volunteers[1].number}/").status_code == 404
