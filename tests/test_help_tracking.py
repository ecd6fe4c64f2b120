"""/help/track/: the right number and last four digits show the status and public notes only."""

import pytest
from django.core.cache import cache

from services.help.models import HelpRequest, Rectification
from services.help.states import State
from tests import help_factories as hf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    """Rate limits are counted in the cache: each test starts with none used."""
    cache.clear()


@pytest.fixture
def request_row():
    return hf.help_request(phone="13800005678", name="演示李四", address="秘密小区 9 号")


def track(client, number, last4, **extra):
    return client.post("/help/track/", {"number": number, "phone_last4": last4, **extra})


def test_the_right_pair_shows_status_and_public_notes_and_nothing_personal(client, request_row):
    volunteer = hf.helper(name="演示志愿者甲")
    hf.dispatched(request_row, volunteer)

    response = track(client, request_row.number, "5678")
    html = response.content.decode()

    assert response.status_code == 200
    assert "已派单" in html and "已派单给帮办人员" in html
    for secret in ("演示李四", "13800005678", "秘密小区", "演示志愿者甲"):
        assert secret not in html


def test_a_wrong_pair_reveals_nothing(client, request_row):
    wrong_digits = track(client, request_row.number, "0000")
    no_such_number = track(client, "BB20260311000000", "5678")

    assert wrong_digits.status_code == no_such_number.status_code == 404
    for response in (wrong_digits, no_such_number):
        assert "没有找到与受理编号和手机号后四位相符的申请" in response.content.decode()
        assert "待受理" not in response.content.decode()


def test_a_malformed_number_is_refused_in_chinese(client):
    response = track(client, "'; drop table--", "12ab")

    assert response.status_code == 400
    assert "受理编号是 BB 加 14 位数字" in response.content.decode()


def test_the_resident_rates_a_finished_request_and_a_bad_rating_opens_rectification(
    client, request_row
):
    hf.done(request_row, hf.helper())

    response = track(client, request_row.number, "5678", do="rate", rating="2", comment="太慢了")

    assert response.status_code == 200
    request_row.refresh_from_db()
    assert (request_row.state, request_row.rating) == (State.RECTIFYING, 2)
    assert Rectification.objects.get(request=request_row).comment == "太慢了"


def test_rating_before_the_work_is_done_is_refused(client, request_row):
    response = track(client, request_row.number, "5678", do="rate", rating="5")

    assert response.status_code == 409
    assert HelpRequest.objects.get().rating is None


def test_the_resident_can_withdraw(client, request_row):
    track(client, request_row.number, "5678", do="withdraw")

    assert HelpRequest.objects.get().state == State.WITHDRAWN


def test_no_phone_digits_reach_the_url(client, request_row):
    assert client.get("/help/track/?number=x&phone_last4=5678").status_code == 200
    assert "5678" not in client.get("/help/track/").content.decode()
