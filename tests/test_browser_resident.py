"""A resident on a phone finds where to renew an ID card, then turns on 大字版 (real Chromium)."""

import os
from decimal import Decimal

import pytest

from services.models import Venue
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture
def phone(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM would refuse otherwise.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        yield page
        browser.close()


@pytest.fixture
def catalogue():
    police = factories.department(name="郑州市公安局二七分局")
    id_card = factories.matter(
        name="居民身份证换领",
        keywords="身份证 办身份证 换身份证",
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
    station = factories.venue(Venue.Level.COMMUNITY_STATION, address="长江路 1 号")
    factories.handling(id_card, station)
    return id_card


def font_size(page, selector):
    return float(page.eval_on_selector(selector, "e => getComputedStyle(e).fontSize")[:-2])


# The data comes before `phone`: once Playwright's event loop runs, the ORM in this thread
# would open a second connection that PostgreSQL would still see when dropping the test DB.
def test_a_resident_finds_where_to_go_and_turns_on_large_text(live_server, catalogue, phone):
    page = phone
    page.goto(live_server.url + "/")
    # TODO(search): "办身份证" once services.search matches keywords; the placeholder
    # search matches names only.
    page.fill("input[name=q]", "身份证")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_url("**/search/?q=*")

    page.click(".result a.result-name >> nth=0")
    page.wait_for_url(f"**/matters/{catalogue.code}/")
    assert page.inner_text("h1") == "居民身份证换领"
    where = page.locator("#where").locator("..")
    assert where.locator("text=二七区政务服务中心").first.is_visible()
    assert where.locator("text=郑州市二七区航海中路 86 号").is_visible()
    assert where.locator("text=公安综合窗口").is_visible()

    body_before = font_size(page, "body")
    button_before = font_size(page, "button.toggle")
    page.click("button.toggle")
    page.wait_for_url(f"**/matters/{catalogue.code}/")
    assert page.get_attribute("body", "class") == "large-text"
    assert font_size(page, "body") > body_before * 1.2
    assert font_size(page, "button.toggle") > button_before * 1.2

    page.click("a.brand")  # the next page remembers it
    page.wait_for_url(live_server.url + "/")
    assert page.get_attribute("body", "class") == "large-text"
    assert font_size(page, "body") > body_before * 1.2
    assert page.inner_text("button.toggle") == "标准字号"
