"""A parent whose baby was just born searches in everyday words, opens 新生儿出生一件事, ticks two
materials (kept in this browser only, after a reload too) and prints the checklist (real
Chromium); without JavaScript the checklist is a plain printable list."""

import pytest

from tests import factories
from tests.browser import chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def event():
    return factories.newborn()


# The data fixture comes before `browser` (see test_browser_resident.py).
@pytest.fixture
def browser(monkeypatch):
    with chromium(monkeypatch) as browser:
        yield browser


def test_a_parent_finds_the_guide_ticks_two_materials_and_prints(live_server, event, browser):
    page = browser.new_context(**PHONE).new_page()
    page.set_default_timeout(10_000)
    sent = []
    page.on("request", lambda request: sent.append(request.url))
    page.goto(live_server.url + "/")
    page.fill("input[name=q]", "孩子出生了要办什么")
    page.press("input[name=q]", "Enter")
    page.click(".life-found >> text=新生儿出生一件事")
    page.wait_for_url("**/life-events/newborn/")
    assert page.locator("h1").inner_text() == "新生儿出生一件事"

    boxes = page.locator(".checklist input[type=checkbox]")
    assert boxes.count() == 3
    boxes.nth(0).check()
    boxes.nth(1).check()
    assert page.locator("[data-checklist-count]").inner_text() == "已准备 2 / 3 样"
    page.reload()
    assert [boxes.nth(i).is_checked() for i in range(3)] == [True, True, False]
    kept = page.evaluate("localStorage.getItem('erqi-checklist:newborn')")
    assert kept == '["父母居民身份证", "出生医学证明"]'.replace(", ", ",")
    assert not [
        url
        for url in sent
        if "父母居民身份证" in url or "checklist" in url.split("/")[-1] and "?" in url
    ]

    # A stub in the page for the print dialog (a function given to evaluate is called).
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.click("text=打印清单")
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    assert page.locator(".checklist").is_visible()
    assert page.locator(".checklist li").count() == 3
    assert not page.locator("[data-checklist-tools]").is_visible()
    assert not page.locator(".site-header nav").is_visible()


def test_without_javascript_the_checklist_is_a_plain_printable_list(live_server, event, browser):
    page = browser.new_context(**PHONE, java_script_enabled=False).new_page()
    page.goto(live_server.url + "/life-events/newborn/")
    assert not page.locator("[data-checklist-tools]").is_visible()  # no dead buttons
    page.locator(".checklist input[type=checkbox]").nth(0).check()  # still ticks on screen
    page.emulate_media(media="print")
    assert page.locator(".checklist li").count() == 3
    assert "父母居民身份证" in page.locator(".checklist").inner_text()
