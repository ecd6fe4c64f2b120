"""A child checks, on a phone and without JavaScript too, what an 85-year-old parent with an Erqi
户籍 gets; the self-check page has no axe-core violations on a phone or a desktop (real Chromium)."""

import pytest
from django.utils import timezone

from services.models import Venue
from tests import benefit_factories, factories
from tests.axe import axe_violations, describe
from tests.browser import chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def rules():
    street = factories.venue(
        Venue.Level.STREET_CENTRE, name="大学路街道便民服务中心", street_name="大学路街道"
    )
    allowance = benefit_factories.old_age_allowance(
        beneficiaries_count=19000,
        beneficiaries_label="80 岁以上老年人",
        beneficiaries_source="公开报道",
    )
    care = benefit_factories.benefit(
        name="经济困难老年人养老服务补贴",
        mode="quick",
        bands=[(60, None, "50.00")],
        qualifiers=[("低收入", None, "")],
    )
    factories.handling(care.matter, street)
    benefit_factories.benefit(
        name="最低生活保障", check_reason="需核对家庭人均收入", excludes_assisted=True
    )
    return allowance


# The data fixtures come before `browser` (see test_browser_resident.py).
@pytest.fixture
def browser(monkeypatch):
    with chromium(monkeypatch) as browser:
        yield browser


def fill_for_parent(page):
    today = timezone.localdate()
    page.fill("input[name=birth_year]", str(today.year - 85))
    page.select_option("select[name=birth_month]", str(today.month))
    page.select_option("select[name=hukou_street]", label="大学路街道")
    page.select_option("select[name=assistance]", label="低收入家庭成员")
    page.click("form.check-form button[type=submit]")
    page.wait_for_selector("#result")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_child_sees_the_parents_old_age_allowance_needs_no_application(
    live_server, rules, browser, javascript
):
    page = browser.new_context(**PHONE, java_script_enabled=javascript).new_page()
    page.goto(live_server.url + "/")
    page.click("text=惠民政策自查")
    fill_for_parent(page)
    automatic = page.locator("section.check-automatic")
    allowance = automatic.locator("li.outcome", has_text="高龄津贴")
    assert allowance.is_visible()
    assert "每月 100 元" in allowance.inner_text()
    assert "无需申请" in allowance.inner_text()
    apply = page.locator("section.check-apply").inner_text()
    assert "经济困难老年人养老服务补贴" in apply
    assert "大学路街道便民服务中心" in apply
    assert "需核对家庭人均收入" in page.locator("section.check-maybe").inner_text()


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_self_check_has_no_accessibility_violations(live_server, rules, browser, device):
    page = browser.new_context(**device).new_page()
    page.goto(live_server.url + "/benefits/")
    assert (found := axe_violations(page)) == [], describe(found)
    fill_for_parent(page)
    assert (found := axe_violations(page)) == [], describe(found)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.goto(live_server.url + "/")
    assert (found := axe_violations(page)) == [], describe(found)


def test_in_large_text_the_answer_fits_a_phone(live_server, rules, browser):
    context = browser.new_context(**PHONE)
    host = live_server.url.split("//", 1)[1].split(":")[0]
    context.add_cookies([{"name": "large_text", "value": "1", "domain": host, "path": "/"}])
    page = context.new_page()
    page.goto(live_server.url + "/benefits/")
    assert page.get_attribute("body", "class") == "large-text"
    fill_for_parent(page)
    assert "每月 100 元" in page.locator("section.check-automatic").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
