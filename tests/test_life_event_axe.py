"""The 一件事 pages (list, a guide, the home page's lists) have no axe-core violations on a phone
or a desktop, in standard and big text (real Chromium)."""

import pytest

from tests import factories
from tests.axe import axe_violations, describe
from tests.browser import chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def event():
    event = factories.newborn(venues=6)  # more than five street centres: the <details> list
    factories.life_event(code="restaurant", name="开办餐饮店一件事", audience="enterprise")
    return event


@pytest.fixture
def browser(monkeypatch):
    with chromium(monkeypatch) as browser:
        yield browser


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_life_event_pages_have_no_accessibility_violations(live_server, event, browser, device):
    context = browser.new_context(**device)
    page = context.new_page()
    for path in ("/life-events/", "/life-events/newborn/", "/"):
        page.goto(live_server.url + path)
        if path == "/life-events/newborn/":
            page.locator(".checklist input[type=checkbox]").nth(0).check()
        violations = axe_violations(page)
        assert violations == [], f"{path}\n{describe(violations)}"
    context.add_cookies([{"name": "large_text", "value": "1", "url": live_server.url}])
    page.goto(live_server.url + "/life-events/newborn/")
    violations = axe_violations(page)
    assert violations == [], f"大字版\n{describe(violations)}"
