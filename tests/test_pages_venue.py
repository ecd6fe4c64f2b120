"""The venue page: address, phone, hours with holidays and 调休, open now, map links, matters."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from services.models import CalendarDay, Venue, VenueException
from tests import factories

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
WEDNESDAY_10AM = datetime.datetime(2026, 11, 25, 10, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def wednesday_morning(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: WEDNESDAY_10AM)


@pytest.fixture
def centre():
    venue = factories.venue(
        name="二七区政务服务中心",
        address="航海中路 86 号",
        phone="0371-68000000",
        latitude=Decimal("34.725000"),
        longitude=Decimal("113.626000"),
    )
    factories.weekday_hours(venue)
    return venue


def get(client, venue, **params):
    response = client.get(reverse("services:venue", args=[venue.code]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_address_phone_weekly_hours_and_open_now(client, centre):
    page = get(client, centre)
    assert "航海中路 86 号" in page
    assert '<a href="tel:0371-68000000">0371-68000000</a>' in page
    assert '<th scope="row">周一</th><td>09:00–17:00</td>' in page
    assert '<th scope="row">周日</th><td>休息</td>' in page
    assert '<span class="open">正在办公</span>' in page


def test_it_links_out_to_map_apps_by_coordinates(client, centre):
    page = get(client, centre)
    assert 'href="geo:34.725000,113.626000?q=34.725000,113.626000(' in page
    assert "https://uri.amap.com/marker?position=113.626000,34.725000" in page


def test_it_shows_coming_holidays_and_make_up_working_days(client, centre):
    CalendarDay.objects.create(date=datetime.date(2026, 12, 31), kind="holiday", name="元旦")
    CalendarDay.objects.create(
        date=datetime.date(2026, 12, 27), kind="workday", name="元旦调休", as_weekday=3
    )
    CalendarDay.objects.create(date=datetime.date(2026, 10, 1), kind="holiday", name="国庆节")
    page = get(client, centre)
    assert "12月31日" in page and "元旦：法定节假日（休息），本场所不开放" in page
    assert "元旦调休：调休上班，本场所09:00–17:00" in page
    assert "国庆节" not in page  # already past


def test_it_shows_the_venues_own_exceptions(client, centre):
    VenueException.objects.create(venue=centre, date=datetime.date(2026, 11, 30), reason="系统升级")
    VenueException.objects.create(
        venue=centre,
        date=datetime.date(2026, 12, 5),
        closed=False,
        opens=datetime.time(9),
        closes=datetime.time(12),
        reason="周六延时服务",
    )
    page = get(client, centre)
    assert "11月30日" in page and "本场所不开放：系统升级" in page
    assert "本场所 09:00–12:00：周六延时服务" in page


def test_an_exception_today_closes_the_venue_now(client, centre):
    VenueException.objects.create(venue=centre, date=WEDNESDAY_10AM.date(), reason="停电")
    page = get(client, centre)
    assert '<span class="closed">现在不办公</span>' in page


def test_it_lists_the_matters_handled_there_searchable_within_the_venue(client, centre):
    id_card = factories.matter(name="居民身份证换领")
    pension = factories.matter(name="城乡居民养老保险参保登记")
    elsewhere = factories.matter(name="居民身份证挂失申报")
    factories.handling(id_card, centre)
    factories.handling(pension, centre)
    factories.handling(elsewhere, factories.venue(Venue.Level.STREET_CENTRE))
    page = get(client, centre)
    assert "在这里能办的事（2）" in page
    assert "居民身份证换领" in page and "城乡居民养老保险参保登记" in page
    assert "居民身份证挂失申报" not in page
    page = get(client, centre, q="身份证")
    assert "居民身份证换领" in page
    assert "城乡居民养老保险参保登记" not in page
    assert "居民身份证挂失申报" not in page


def test_a_search_with_no_match_in_the_venue_says_so(client, centre):
    factories.handling(factories.matter(name="居民身份证换领"), centre)
    page = get(client, centre, q="<b>开饭馆</b>")
    assert "本场所没有找到与“&lt;b&gt;开饭馆&lt;/b&gt;”相关的事项。" in page


def test_a_kiosk_is_open_round_the_clock(client):
    kiosk = factories.venue(Venue.Level.SELF_SERVICE_KIOSK, name="工商银行自助终端")
    page = get(client, kiosk)
    assert "7×24 小时开放" in page
    assert "今天：全天 24 小时" in page


def test_an_unknown_venue_is_a_404(client):
    assert client.get(reverse("services:venue", args=["NO-SUCH"])).status_code == 404


@pytest.mark.parametrize("matters", [1, 15])
def test_the_venue_page_needs_the_same_queries_for_1_or_15_matters(
    client, centre, django_assert_num_queries, matters
):
    for _ in range(matters):
        factories.handling(factories.matter(), centre)
    VenueException.objects.create(venue=centre, date=datetime.date(2026, 12, 1))
    # the data generation and the opening and closing times (for the cache key; the times
    # once per generation), venue+parent, periods, exceptions, coming calendar days, matter
    # count, matter page.
    with django_assert_num_queries(8):
        page = get(client, centre)
    assert page.count('<li><a href="/matters/') == matters
