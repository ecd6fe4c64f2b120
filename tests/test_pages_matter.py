"""The matter page: the whole guide and where to handle it, nearest first on request."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from services.actions import generation_bump
from services.models import CalendarDay, Generation, Material, Venue, VenueException
from tests import factories

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
WEDNESDAY_10AM = datetime.datetime(2026, 11, 25, 10, tzinfo=SHANGHAI)


@pytest.fixture
def wednesday_morning(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: WEDNESDAY_10AM)


@pytest.fixture
def id_card():
    matter = factories.matter(
        code="11410103MB0001",
        name="居民身份证换领",
        conditions="居民身份证有效期满的本区户籍居民。",
        instant=True,
        fee="20 元",
        legal_days=30,
        online_url="https://www.hnzwfw.gov.cn/",
        self_service=True,
    )
    factories.material(
        matter,
        name="原居民身份证",
        form=Material.Form.ORIGINAL,
        condition="证件损坏的交回",
        source="申请人自备",
    )
    factories.step(matter, name="受理", description="窗口核验身份并采集人像。")
    return matter


def test_it_shows_the_whole_guide(client, id_card):
    page = client.get(reverse("services:matter", args=[id_card.code])).content.decode()
    for expected in (
        "居民身份证换领",
        "居民身份证有效期满的本区户籍居民。",
        "原居民身份证",
        "证件损坏的交回",
        "窗口核验身份并采集人像。",
        "30 个工作日",
        "当场办结",
        "20 元",
        'href="https://www.hnzwfw.gov.cn/"',
        "即办件",
        "属地办理",
        id_card.department.name,
    ):
        assert expected in page, expected


def test_it_shows_the_flags_as_badges(client, id_card):
    page = client.get(reverse("services:matter", args=[id_card.code])).content.decode()
    assert '<li class="badge badge-instant">即来即办</li>' in page
    assert '<li class="badge">7×24 自助</li>' in page
    assert '<li class="badge">可网办</li>' in page
    assert "跨省通办" not in page


def test_it_lists_venues_by_level_with_address_hours_and_phone(client, id_card, wednesday_morning):
    centre = factories.venue(
        name="二七区政务服务中心", address="航海中路 86 号", phone="0371-68000000"
    )
    factories.weekday_hours(centre)
    street = factories.venue(Venue.Level.STREET_CENTRE, name="长江路街道便民服务中心")
    factories.handling(id_card, street, window="3 号窗口")
    factories.handling(id_card, centre)
    page = client.get(reverse("services:matter", args=[id_card.code])).content.decode()
    assert page.index("区政务服务中心（1）") < page.index("街道便民服务中心（1）")
    assert page.index("二七区政务服务中心") < page.index("长江路街道便民服务中心")
    assert "航海中路 86 号" in page
    assert "今天：09:00–17:00" in page
    assert '<span class="open">正在办公</span>' in page
    assert '<a href="tel:0371-68000000">0371-68000000</a>' in page
    assert "3 号窗口" in page
    # The street centre has no hours: closed today.
    assert "今天：不开放" in page


def test_a_public_holiday_shows_the_venue_closed_today(client, id_card, wednesday_morning):
    centre = factories.venue()
    factories.weekday_hours(centre)
    factories.handling(id_card, centre)
    CalendarDay.objects.create(date=WEDNESDAY_10AM.date(), kind="holiday", name="测试假日")
    page = client.get(reverse("services:matter", args=[id_card.code])).content.decode()
    assert '<span class="closed">现在不办公</span>' in page
    assert "今天：不开放" in page


def test_an_unknown_code_is_a_404(client):
    assert client.get(reverse("services:matter", args=["NO-SUCH"])).status_code == 404
    assert client.get("/matters/%00/").status_code == 404


@pytest.fixture
def two_stations(id_card):
    near = factories.venue(
        Venue.Level.COMMUNITY_STATION,
        name="近处社区站",
        latitude=Decimal("34.700000"),
        longitude=Decimal("113.600000"),
    )
    far = factories.venue(
        Venue.Level.COMMUNITY_STATION,
        name="远处社区站",
        latitude=Decimal("34.760000"),
        longitude=Decimal("113.680000"),
        parent=near.parent,
    )
    # Listed in code order by default: the far one first.
    far.code, near.code = "A-FAR", "Z-NEAR"
    far.save()
    near.save()
    factories.handling(id_card, near)
    factories.handling(id_card, far)
    return near, far


def test_venues_are_nearest_first_when_the_browser_shares_a_location(client, id_card, two_stations):
    url = reverse("services:matter", args=[id_card.code])
    page = client.get(url).content.decode()
    assert page.index("远处社区站") < page.index("近处社区站")
    page = client.get(url, {"lat": "34.701", "lng": "113.601"}).content.decode()
    assert page.index("近处社区站") < page.index("远处社区站")
    assert "各类场所已按距离由近到远排列" in page
    assert '离您最近：<a href="/venues/Z-NEAR/">近处社区站</a>，约 ' in page


def test_venues_are_nearest_first_from_a_chosen_street(client, id_card, two_stations):
    factories.venue(
        Venue.Level.STREET_CENTRE,
        street_name="侯寨乡",
        latitude=Decimal("34.699000"),
        longitude=Decimal("113.599000"),
    )
    page = client.get(
        reverse("services:matter", args=[id_card.code]), {"street": "侯寨乡"}
    ).content.decode()
    assert '<option value="侯寨乡" selected>侯寨乡</option>' in page
    assert page.index("近处社区站") < page.index("远处社区站")


@pytest.mark.parametrize(
    "params",
    [
        {"lat": "abc", "lng": "113.6"},
        {"lat": "91", "lng": "113.6"},
        {"lat": "nan", "lng": "inf"},
        {"lat": "34.7"},
        {"street": "不存在的街道"},
    ],
)
def test_a_bad_location_gets_a_friendly_note_and_the_default_order(
    client, id_card, two_stations, params
):
    response = client.get(reverse("services:matter", args=[id_card.code]), params)
    assert response.status_code == 200
    page = response.content.decode()
    assert "已按默认顺序列出" in page
    assert page.index("远处社区站") < page.index("近处社区站")


def test_a_make_up_working_day_opens_with_the_hours_of_the_day_it_stands_for(
    client, id_card, monkeypatch
):
    saturday = datetime.datetime(2026, 11, 28, 10, tzinfo=SHANGHAI)
    monkeypatch.setattr(timezone, "now", lambda: saturday)
    centre = factories.venue()
    factories.weekday_hours(centre, days=[0, 1, 2, 3])
    factories.weekday_hours(centre, closes=datetime.time(12), days=[4])  # Friday mornings only
    factories.handling(id_card, centre)
    page = client.get(reverse("services:matter", args=[id_card.code])).content.decode()
    assert "今天：不开放" in page
    CalendarDay.objects.create(date=saturday.date(), kind="workday", name="调休", as_weekday=4)
    generation_bump(kind=Generation.Kind.PAGES)  # written around the actions
    page = client.get(reverse("services:matter", args=[id_card.code])).content.decode()
    assert "今天：09:00–12:00" in page
    assert '<span class="open">正在办公</span>' in page


def test_a_venue_exception_today_shows_its_special_hours(client, id_card, wednesday_morning):
    centre = factories.venue()
    factories.weekday_hours(centre)
    VenueException.objects.create(
        venue=centre,
        date=WEDNESDAY_10AM.date(),
        closed=False,
        opens=datetime.time(14),
        closes=datetime.time(16),
    )
    factories.handling(id_card, centre)
    page = client.get(reverse("services:matter", args=[id_card.code])).content.decode()
    assert "今天：14:00–16:00" in page
    assert '<span class="closed">现在不办公</span>' in page
