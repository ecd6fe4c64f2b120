"""In real headless Chromium, a 场所管理员 logs in and changes their venue's hours, and nothing else."""

import datetime
import os

import pytest

from services.models import OpeningPeriod, Venue
from services.roles import VENUE_MANAGER
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture
def page(live_server):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        # Nothing may load from outside the app.
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(live_server.url)
                else route.abort()
            ),
        )
        yield page
        browser.close()


def periods(venue):
    return list(OpeningPeriod.objects.filter(venue=venue).values_list("weekday", "opens", "closes"))


def test_a_venue_manager_changes_their_hours_and_nothing_else(page, live_server):
    own = factories.venue(Venue.Level.STREET_CENTRE, name="长江路街道便民服务中心")
    other = factories.venue(Venue.Level.STREET_CENTRE, name="解放路街道便民服务中心")
    factories.weekday_hours(own)
    factories.weekday_hours(other)
    factories.staff_user(VENUE_MANAGER, venue=own, username="changjianglu")
    other_before, own_phone = periods(other), own.phone

    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "changjianglu")
    page.fill("#id_password", "Erqi-staff-2026")
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")  # only shown once logged in

    page.goto(f"{live_server.url}/admin/services/venue/")
    page.click('#result_list a:text("长江路街道便民服务中心")')
    page.fill("#id_periods-0-closes", "18:30")
    page.fill("#id_periods-4-opens", "08:30")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    mine = {weekday: (opens, closes) for weekday, opens, closes in periods(own)}
    assert mine[0] == (datetime.time(9), datetime.time(18, 30))
    assert mine[4] == (datetime.time(8, 30), datetime.time(17))
    assert [mine[day] for day in (1, 2, 3)] == [(datetime.time(9), datetime.time(17))] * 3
    own.refresh_from_db()
    assert own.phone == own_phone
    assert periods(other) == other_before

    response = page.goto(f"{live_server.url}/admin/services/venue/{other.pk}/change/")
    assert response.status == 200  # read-only: no field to type in, no save button
    assert page.locator("input[name=_save]").count() == 0
    assert page.locator("#id_phone").count() == 0
    response = page.goto(f"{live_server.url}/admin/services/venue/add/")
    assert response.status == 403
