"""The new outreach pages have no axe-core violations on a phone or a desktop (real Chromium):
the explainer list and article, a matter page with 相关政策解读 and 常见问题, the question form."""

import pytest

from services.models import Venue
from tests import benefit_factories, factories
from tests.axe import axe_violations, describe
from tests.browser import chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def content():
    matter = factories.matter(name="内地居民结婚登记")
    factories.handling(matter, factories.venue(Venue.Level.STREET_CENTRE))
    policy = benefit_factories.policy(
        title="婚姻登记跨省通办",
        body="## 谁可以办\n\n- 一方在郑州居住\n\n**带上身份证**。[预约](https://example.gov.cn)",
        matters=[matter],
    )
    benefit_factories.question(matter, text="周末能办吗？", answer="周一至周五办公。", public=True)
    return matter, policy


# The data fixtures come before `browser` (see test_browser_resident.py).
@pytest.fixture
def browser(monkeypatch):
    with chromium(monkeypatch) as browser:
        yield browser


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_outreach_pages_have_no_accessibility_violations(live_server, content, browser, device):
    matter, policy = content
    page = browser.new_context(**device).new_page()
    for path in [
        "/policies/",
        policy.get_absolute_url(),
        matter.get_absolute_url(),
        f"/questions/ask/{matter.code}/",
    ]:
        page.goto(live_server.url + path)
        assert (found := axe_violations(page)) == [], f"{path}\n{describe(found)}"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    page.click(
        "form.check-form button[type=submit]"
    )  # an empty question: the errors are accessible too
    assert page.locator(".field-error").count() >= 1
    assert (found := axe_violations(page)) == [], describe(found)


def test_a_resident_reads_the_faq_and_asks_a_question(live_server, content, browser):
    matter, _ = content
    page = browser.new_context(**PHONE).new_page()
    page.goto(live_server.url + matter.get_absolute_url())
    faq = page.locator("section[aria-labelledby=faq]")
    assert "周一至周五办公" in faq.inner_text()
    assert "婚姻登记跨省通办" in page.locator("section[aria-labelledby=policies]").inner_text()
    faq.get_by_text("我要提问").click()
    trap = page.locator("input[name=website]").bounding_box()
    assert trap["x"] + trap["width"] <= 0  # the honeypot is off the screen
    page.fill("textarea[name=text]", "外省户籍可以在二七区登记吗？")
    page.click("form.check-form button[type=submit]")
    assert page.locator("h1").inner_text() == "已收到您的问题"
