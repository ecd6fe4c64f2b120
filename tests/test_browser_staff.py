"""In real headless Chromium, a 场所管理员 logs in and changes their venue's hours, and nothing else."""

import contextlib
import datetime

import pytest

from services.models import OpeningPeriod, Venue
from services.roles import VENUE_MANAGER
from tests import factories
from tests.browser import chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@contextlib.contextmanager
def chromium_page(live_server, monkeypatch):
    """A page that may load nothing from outside the app.

    The ORM is used only before and after this block: while Playwright's event loop runs, a
    query would open a second database connection that is never closed.
    """
    with chromium(monkeypatch) as browser:
        page = browser.new_page()
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(live_server.url)
                else route.abort()
            ),
        )
        yield page


def periods(venue):
    return list(OpeningPeriod.objects.filter(venue=venue).values_list("weekday", "opens", "closes"))


def test_a_venue_manager_changes_their_hours_and_nothing_else(live_server, monkeypatch):
    own = factories.venue(Venue.Level.STREET_CENTRE, name="长江路街道便民服务中心")
    other = factories.venue(Venue.Level.STREET_CENTRE, name="解放路街道便民服务中心")
    factories.weekday_hours(own)
    factories.weekday_hours(other)
    factories.staff_user(VENUE_MANAGER, venue=own, username="changjianglu")
    other_before, own_phone = periods(other), own.phone

    with chromium_page(live_server, monkeypatch) as page:
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

        other_page = page.goto(f"{live_server.url}/admin/services/venue/{other.pk}/change/")
        other_page_status = other_page.status
        other_editable = (
            page.locator("input[name=_save]").count() + page.locator("#id_phone").count()
        )
        add_status = page.goto(f"{live_server.url}/admin/services/venue/add/").status

    mine = {weekday: (opens, closes) for weekday, opens, closes in periods(own)}
    assert mine[0] == (datetime.time(9), datetime.time(18, 30))
    assert mine[4] == (datetime.time(8, 30), datetime.time(17))
    assert [mine[day] for day in (1, 2, 3)] == [(datetime.time(9), datetime.time(17))] * 3
    own.refresh_from_db()
    assert own.phone == own_phone
    assert periods(other) == other_before
    assert other_page_status == 200  # another venue is shown read-only:
    assert other_editable == 0  # no field to type in, no save button
    assert add_status == 403
