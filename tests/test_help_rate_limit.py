"""The public pages are rate-limited through Django's cache: per address and per phone."""

import pytest
from django.core.cache import cache

from services.help import ratelimit
from services.help.models import HelpRequest
from tests import help_factories as hf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


@pytest.fixture
def street():
    return hf.street(code="S01")


def file(client, phone, ip="203.0.113.7"):
    data = {
        "name": "演示王五",
        "phone": phone,
        "street": "S01",
        "category": "family",
        "need": "新生儿落户和医保怎么一次办好",
        "consent": "on",
    }
    return client.post("/help/", data, REMOTE_ADDR=ip)


def test_one_address_may_file_five_times_an_hour(client, street, settings):
    settings.HELP_FORM_PER_PHONE = 100
    codes = [file(client, f"1380000{n:04d}").status_code for n in range(6)]

    assert codes == [200] * 5 + [429]
    assert HelpRequest.objects.count() == 5
    assert file(client, "13800009999", ip="203.0.113.8").status_code == 200


def test_one_phone_may_file_three_times_a_day_from_anywhere(client, street):
    codes = [file(client, "13800001111", ip=f"203.0.113.{n}").status_code for n in range(4)]

    assert codes == [200, 200, 200, 429]
    assert "提交过于频繁" in file(client, "13800001111", ip="198.51.100.1").content.decode()


def test_wrong_tracking_pairs_are_slowed_down_then_refused(client, settings):
    settings.HELP_TRACK_SLOW_SECONDS = 30
    request = hf.help_request(phone="13800005678")

    def guess(last4):
        return client.post(
            "/help/track/",
            {"number": request.number, "phone_last4": last4},
            REMOTE_ADDR="203.0.113.9",
        ).status_code

    assert [guess(f"{n:04d}") for n in range(5)] == [404] * 5
    assert guess("0005") == 404  # slowed: one try now…
    assert guess("5678") == 429  # …and the next within 30 s is refused, even the right one
    cache.delete(ratelimit._key("track-slow", "203.0.113.9"))  # 30 s later (any cache backend)
    for n in range(6, 10):
        guess(f"{n:04d}")
        cache.delete(ratelimit._key("track-slow", "203.0.113.9"))
    assert guess("5678") == 429  # ten wrong: refused for the hour, even the right digits
    other = client.post(
        "/help/track/",
        {"number": request.number, "phone_last4": "5678"},
        REMOTE_ADDR="203.0.113.10",
    )
    assert other.status_code == 200
