"""Typeahead in a real Chromium: suggestions appear as the resident types, the keyboard
chooses one, and the page with suggestions open has no axe-core violations (phone, desktop)."""

import pytest

from services.models import Synonym
from tests import factories
from tests.axe import axe_violations, describe
from tests.browser import chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}


@pytest.fixture
def browser(monkeypatch):
    with chromium(monkeypatch) as browser:
        yield browser


@pytest.fixture
def catalogue():
    Synonym.objects.create(term="社保卡", expansions="社会保障卡")
    factories.matter(name="社会保障卡申领", code="RS-001")
    factories.matter(name="社保补贴申领", code="RS-002")


@pytest.mark.parametrize("size", SIZES)
def test_suggestions_open_as_one_types_and_have_no_axe_violations(
    browser, live_server, catalogue, size
):
    page = browser.new_context(**SIZES[size]).new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/search/")
    page.locator("#q").press_sequentially("社保")
    options = page.locator("[role=listbox] [role=option]")
    options.first.wait_for()
    assert page.locator("#q").get_attribute("aria-expanded") == "true"
    assert "社保卡" in options.first.inner_text()
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_the_keyboard_chooses_a_suggestion(browser, live_server, catalogue):
    page = browser.new_context().new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/")
    box = page.locator("#q")
    box.press_sequentially("社会保障卡申")
    page.locator("[role=option]", has_text="社会保障卡申领").wait_for()
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "q-suggestions-0"
    assert page.locator("#q-suggestions-0").get_attribute("aria-selected") == "true"
    box.press("Enter")
    page.wait_for_url("**/matters/RS-001/")


@pytest.mark.parametrize("size", SIZES)
def test_a_life_event_on_the_page_and_in_suggestions_has_no_axe_violations(
    browser, live_server, size
):
    factories.life_event(code="retirement", name="退休一件事")
    factories.matter(name="企业职工基本养老保险正常退休申请", code="RS-003")
    page = browser.new_context(**SIZES[size]).new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/search/?q=办退休")
    assert page.locator(".life-found a").inner_text() == "退休一件事"
    page.locator("#q").fill("")
    page.locator("#q").press_sequentially("退休")
    options = page.locator("[role=listbox] [role=option]")
    options.first.wait_for()
    assert "退休一件事" in options.first.inner_text()
    violations = axe_violations(page)
    assert not violations, describe(violations)
