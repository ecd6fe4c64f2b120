"""A resident on a phone finds where to renew an ID card, then turns on 大字版 (real Chromium)."""

from decimal import Decimal

import pytest

from services.models import Venue
from tests import factories
from tests.browser import chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def browser(monkeypatch):
    with chromium(monkeypatch) as browser:
        yield browser


def open_phone(browser, live_server, **options):
    """A phone-sized page that records every URL it loads."""
    page = browser.new_context(**PHONE, **options).new_page()
    page.set_default_timeout(10_000)
    page.loaded = []
    page.on("request", lambda request: page.loaded.append(request.url))
    return page


@pytest.fixture
def catalogue():
    police = factories.department(name="郑州市公安局二七分局")
    id_card = factories.matter(
        name="居民身份证换领",
        keywords="身份证 换身份证",
        department=police,
        instant=True,
    )
    factories.material(id_card, name="原居民身份证")
    factories.matter(name="城乡居民养老保险参保登记")
    centre = factories.venue(
        name="二七区政务服务中心",
        address="郑州市二七区航海中路 86 号",
        latitude=Decimal("34.725000"),
        longitude=Decimal("113.626000"),
    )
    factories.weekday_hours(centre)
    factories.handling(id_card, centre, window="公安综合窗口")
    station = factories.venue(
        Venue.Level.COMMUNITY_STATION,
        name="侯寨社区便民服务站",
        address="侯寨乡 1 号",
        latitude=Decimal("34.650000"),
        longitude=Decimal("113.580000"),
    )
    factories.handling(id_card, station)
    other = factories.venue(
        Venue.Level.COMMUNITY_STATION,
        name="大学路社区便民服务站",
        latitude=Decimal("34.740000"),
        longitude=Decimal("113.650000"),
        parent=station.parent,
    )
    factories.handling(id_card, other)
    return id_card


def font_size(page, selector):
    return float(page.eval_on_selector(selector, "e => getComputedStyle(e).fontSize")[:-2])


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


# The data fixtures come before `browser`: once Playwright's event loop runs, the ORM in this
# thread would open a second connection that PostgreSQL still sees when dropping the test DB.
def test_a_resident_finds_where_to_go_and_turns_on_large_text(live_server, catalogue, browser):
    page = open_phone(browser, live_server)
    page.goto(live_server.url + "/")
    page.fill("input[name=q]", "办身份证")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_url("**/search/?q=*")

    page.click(".result a.result-name >> nth=0")
    page.wait_for_url(f"**/matters/{catalogue.code}/")
    assert page.inner_text("h1") == "居民身份证换领"
    where = page.locator("section.where")
    assert where.get_by_text("二七区政务服务中心", exact=True).is_visible()
    assert where.get_by_text("郑州市二七区航海中路 86 号").is_visible()
    assert where.get_by_text("公安综合窗口").is_visible()

    body_before = font_size(page, "body")
    button_before = font_size(page, "button.toggle")
    page.click("button.toggle")
    page.wait_for_url(f"**/matters/{catalogue.code}/")
    assert page.get_attribute("body", "class") == "large-text"
    assert font_size(page, "body") > body_before * 1.2
    assert font_size(page, "button.toggle") > button_before * 1.2
    assert fits_the_screen(page)

    page.click("a.brand")  # the next page remembers it
    page.wait_for_url(live_server.url + "/")
    assert page.get_attribute("body", "class") == "large-text"
    assert font_size(page, "body") > body_before * 1.2
    assert page.inner_text("button.toggle") == "标准字号"
    assert fits_the_screen(page)
    assert all(url.startswith(live_server.url) for url in page.loaded), page.loaded


def station_names(page):
    return page.locator("section[aria-label=社区便民服务站] .venue-name").all_inner_texts()


def test_sharing_the_location_lists_the_nearest_venue_first(live_server, catalogue, browser):
    near_daxuelu = {"latitude": 34.741, "longitude": 113.651}
    page = open_phone(browser, live_server, geolocation=near_daxuelu, permissions=["geolocation"])
    page.goto(f"{live_server.url}/matters/{catalogue.code}/")
    assert station_names(page) == ["侯寨社区便民服务站", "大学路社区便民服务站"]
    page.click("[data-geolocate]")
    page.wait_for_url("**lat=34.741*")
    assert page.inner_text(".nearest").startswith("离您最近：大学路社区便民服务站")
    assert station_names(page) == ["大学路社区便民服务站", "侯寨社区便民服务站"]


def test_without_javascript_a_street_choice_sorts_the_venues(live_server, catalogue, browser):
    page = open_phone(browser, live_server, java_script_enabled=False)
    page.goto(f"{live_server.url}/matters/{catalogue.code}/")
    assert not page.is_visible("[data-geolocate]")  # the enhancement stays hidden
    assert station_names(page) == ["侯寨社区便民服务站", "大学路社区便民服务站"]
    # The only street centre stands in the city centre, nearer 大学路 than 侯寨.
    street = page.locator("select[name=street] option").nth(1).get_attribute("value")
    page.select_option("select[name=street]", street)
    page.click("form[data-locate] button[type=submit]")
    page.wait_for_url("**street=*")
    assert station_names(page) == ["大学路社区便民服务站", "侯寨社区便民服务站"]


def test_the_printed_guide_leaves_out_the_controls(live_server, catalogue, browser):
    page = open_phone(browser, live_server)
    page.emulate_media(media="print")
    page.goto(f"{live_server.url}/matters/{catalogue.code}/")
    assert page.is_visible("h1")
    assert page.is_visible("table.materials")
    assert page.get_by_text("郑州市二七区航海中路 86 号").is_visible()
    for control in ("button.toggle", "form[data-locate]", ".site-nav"):
        assert not page.is_visible(control), control
