"""A resident uses 办事地图 in real Chromium with no tile server configured: layers, the nearest
open venue from the browser's position, its card, the keyboard; nothing leaves the app."""

from decimal import Decimal

import pytest

from services.models import Venue
from tests import factories as f
from tests.axe import axe_violations, describe
from tests.browser import chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Level = Venue.Level
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
# The resident stands a few hundred metres from the "near" kiosk, next to a closed station.
HERE = {"latitude": 34.7000, "longitude": 113.6000}


@pytest.fixture
def network():
    centre = f.venue(code="DC", name="二七区政务服务中心", latitude=Decimal("34.7500"))
    street = f.venue(
        Level.STREET_CENTRE,
        code="S1",
        name="长江路街道便民服务中心",
        parent=centre,
        street_name="长江路街道",
        latitude=Decimal("34.6800"),
        longitude=Decimal("113.5600"),
    )
    # Closed (no hours) and nearest of all: "nearest open" must pass it by.
    f.venue(
        Level.COMMUNITY_STATION,
        code="C1",
        name="长江路社区便民服务站",
        parent=street,
        latitude=Decimal("34.700500"),
        longitude=Decimal("113.600500"),
    )
    f.venue(
        Level.SELF_SERVICE_KIOSK,
        code="K-NEAR",
        name="大学路银行自助终端",
        address="大学路 1 号银行大厅",
        phone="0371-60000001",
        parent=street,
        latitude=Decimal("34.703000"),
        longitude=Decimal("113.603000"),
    )
    f.venue(
        Level.SELF_SERVICE_KIOSK,
        code="K-FAR",
        name="马寨镇商场自助终端",
        parent=street,
        latitude=Decimal("34.640000"),
        longitude=Decimal("113.520000"),
    )


@pytest.fixture
def browser(monkeypatch):
    with chromium(monkeypatch) as browser:
        yield browser


def open_map(browser, live_server, device, path="/map/"):
    context = browser.new_context(**device, geolocation=HERE, permissions=["geolocation"])
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    # Script errors and refusals by the Content-Security-Policy are reported on the console.
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(live_server.url + path)
    page.wait_for_selector(".js-map #map-canvas:not([hidden])")
    return page


def outside(page, live_server):
    return [u for u in page.requested if not u.startswith((live_server.url, "data:"))]


def markers_on_map(page):
    return int(page.get_attribute("#map-canvas", "data-markers"))


def kiosk_items_hidden(page):
    return page.eval_on_selector_all(
        ".map-item[data-level=self_service_kiosk]", "items => items.map(i => i.hidden)"
    )


# The data fixture comes before `browser` (see test_browser_resident.py on why).
def test_a_resident_toggles_kiosks_and_finds_the_nearest_open_venue(live_server, network, browser):
    page = open_map(browser, live_server, DESKTOP)
    assert markers_on_map(page) == 5
    assert page.is_hidden(".map-svg")  # the server's drawing gives way to the live map

    page.get_by_label("自助终端（2）").uncheck()
    assert markers_on_map(page) == 3
    assert kiosk_items_hidden(page) == [True, True]
    assert page.text_content("[data-count]") == "3"

    page.get_by_label("自助终端（2）").check()
    assert markers_on_map(page) == 5
    assert kiosk_items_hidden(page) == [False, False]

    page.get_by_role("button", name="用我的位置").click()
    card = page.locator("#venue-card")
    card.get_by_role("heading", name="大学路银行自助终端").wait_for()
    assert "离您最近的正在办公的场所：大学路银行自助终端" in page.text_content("[data-geo-status]")
    assert "大学路 1 号银行大厅" in card.text_content()
    assert "全天 24 小时" in card.text_content()
    assert card.get_by_role("link", name="0371-60000001").get_attribute("href") == (
        "tel:0371-60000001"
    )
    assert (
        card.get_by_role("link", name="场所详情与可办事项")
        .get_attribute("href")
        .endswith("/venues/K-NEAR/")
    )
    assert page.evaluate("document.activeElement.id") == "card-title"
    page.wait_for_selector(".marker.is-chosen[aria-label^='大学路银行自助终端']")
    assert page.get_attribute(".map-item[data-code=K-NEAR]", "aria-current") == "true"

    assert axe_violations(page) == [], describe(axe_violations(page))
    assert outside(page, live_server) == []
    assert page.errors == []


def test_markers_are_labelled_and_open_their_card_from_the_keyboard(live_server, network, browser):
    page = open_map(browser, live_server, DESKTOP)

    marker = page.locator(".marker[aria-label^='二七区政务服务中心']")
    assert marker.get_attribute("role") == "button"
    assert marker.get_attribute("aria-label") == "二七区政务服务中心，区政务服务中心，现在不办公"
    marker.focus()
    page.keyboard.press("Enter")

    page.locator("#venue-card").get_by_role("heading", name="二七区政务服务中心").wait_for()
    assert outside(page, live_server) == []


def test_on_a_phone_the_page_fits_passes_axe_and_works_in_large_text(live_server, network, browser):
    page = open_map(browser, live_server, PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(page) == [], describe(axe_violations(page))

    page.get_by_role("button", name="大字版").click()
    page.wait_for_selector("body.large-text .js-map")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(page) == [], describe(axe_violations(page))
    assert outside(page, live_server) == []


def test_where_the_map_cannot_run_the_svg_and_the_list_remain(live_server, network, browser):
    context = browser.new_context(**DESKTOP)
    # Leaflet and the map's script fail to load: the page must not depend on them.
    context.route("**/static/leaflet/**", lambda route: route.abort())
    context.route("**/static/map/map.js", lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/map/?street=长江路街道")

    assert page.is_visible(".map-svg svg")
    assert page.is_hidden("#map-canvas")
    assert page.locator(".map-item").count() == 5
    assert "离长江路街道最近的正在办公的场所：大学路银行自助终端" in page.text_content(
        "[data-geo-status]"
    )
    assert page.is_visible("#venue-card h2:text('大学路银行自助终端')")
    assert axe_violations(page) == [], describe(axe_violations(page))
