"""The workbenches run a request end to end: assign, accept, visit, finish, 回访, 整改, archive."""

import pytest

from services.help.models import HelpRequest, PhoneView, Rectification, Visit
from services.help.states import State
from tests import help_factories as hf

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    volunteer = hf.helper(name="演示志愿者甲")
    boss = hf.dispatcher()
    return volunteer, boss, hf.help_request(street=volunteer.street)


def test_the_dispatcher_assigns_from_the_queue(client, setting):
    volunteer, boss, request = setting
    client.force_login(boss)

    queue = client.get("/help/work/queue/").content.decode()
    response = client.post(
        f"/help/work/r/{request.number}/dispatch/", {"helper": volunteer.pk, "next": "queue"}
    )

    assert request.number in queue and f'value="{volunteer.pk}"' in queue
    assert response.status_code == 302 and response.url == "/help/work/queue/"
    request.refresh_from_db()
    assert (request.state, request.helper) == (State.DISPATCHED, volunteer)


def test_the_volunteer_accepts_records_a_visit_and_finishes(client, setting):
    volunteer, boss, request = setting
    hf.dispatched(request, volunteer, by=boss)
    client.force_login(volunteer.user)

    client.post(f"/help/work/r/{request.number}/accept/", {"next": "tasks"})
    client.post(f"/help/work/r/{request.number}/visit/", {"done": "上门采集照片，提交认证"})
    client.post(f"/help/work/r/{request.number}/finish/", {"result": "认证已通过"})

    request.refresh_from_db()
    assert (request.state, request.result) == (State.DONE, "认证已通过")
    assert Visit.objects.get().done == "上门采集照片，提交认证"


def test_an_empty_finish_is_refused_with_a_message_and_nothing_changes(client, setting):
    volunteer, boss, request = setting
    hf.in_progress(request, volunteer)
    client.force_login(volunteer.user)

    response = client.post(f"/help/work/r/{request.number}/finish/", {"result": " "}, follow=True)

    assert "请写明办理结果" in response.content.decode()
    request.refresh_from_db()
    assert request.state == State.IN_PROGRESS


def test_a_bad_rating_by_phone_shows_in_the_queue_and_is_rectified_in_order(client, setting):
    volunteer, boss, request = setting
    hf.done(request, volunteer)
    client.force_login(boss)

    client.post(f"/help/work/r/{request.number}/rate/", {"rating": "1", "comment": "没人联系我"})
    queue = client.get("/help/work/queue/").content.decode()
    for action, note in (("verify", "核实属实"), ("rectify", "约谈志愿者"), ("answer", "已致歉")):
        client.post(f"/help/work/r/{request.number}/{action}/", {"note": note})

    assert request.number in queue and "整改" in queue
    request.refresh_from_db()
    assert request.state == State.DONE
    assert Rectification.objects.get().answered_note == "已致歉"


def test_the_dispatcher_files_a_request_for_a_caller(client, setting):
    volunteer, boss, _ = setting
    client.force_login(boss)
    data = {
        "channel": "phone",
        "name": "演示赵六",
        "phone": "13800002222",
        "street": volunteer.street.code,
        "category": "disabled",
        "need": "残疾人证换领，需要上门",
        "door_to_door": "on",
        "address": "演示小区 1 号",
        "consent": "on",
    }

    response = client.post("/help/work/new/", data)

    assert response.status_code == 302
    row = HelpRequest.objects.get(name="演示赵六")
    assert (row.channel, row.created_by) == ("phone", boss)


def test_revealing_the_phone_is_recorded(client, setting):
    volunteer, boss, request = setting
    client.force_login(boss)

    masked = client.get(f"/help/work/r/{request.number}/").content.decode()
    shown = client.post(f"/help/work/r/{request.number}/phone/").content.decode()

    assert request.phone not in masked and f"{request.phone[:3]}****{request.phone[-4:]}" in masked
    assert f'href="tel:{request.phone}"' in shown
    assert PhoneView.objects.get().user == boss
