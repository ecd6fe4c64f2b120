"""Under the Content-Security-Policy the pages, the admin and the API docs still work in Chromium,
with no violation reported, and a script injected into a page does not run."""

import pytest

from services.roles import DATA_OFFICE
from tests import factories
from tests.browser import chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INJECTED = (
    "<script>window.injected = 'inline script';</script>"
    "<img src='/static/services/site.css' onerror=\"window.injected = 'event handler'\">"
)


@pytest.fixture
def catalogue():
    matter = factories.matter(name="居民身份证换领", keywords="身份证")
    factories.material(matter)
    factories.step(matter)
    centre = factories.venue(name="二七区政务服务中心")
    factories.weekday_hours(centre)
    factories.handling(matter, centre, window="公安综合窗口")
    factories.staff_user(DATA_OFFICE, username="dataoffice", is_superuser=True)
    return matter, centre


@pytest.fixture
def page(monkeypatch, live_server):
    """A page that may load nothing from outside the app and keeps every console error."""
    with chromium(monkeypatch) as browser:
        page = browser.new_page()
        page.set_default_timeout(15_000)
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(live_server.url)
                else route.abort()
            ),
        )
        page.console_errors, page.script_errors = [], []
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        page.on("pageerror", lambda error: page.script_errors.append(str(error)))
        yield page


def violations(page):
    return [text for text in page.console_errors if "Content Security Policy" in text]


def test_the_resident_pages_work_with_no_violation(live_server, catalogue, page):
    matter, centre = catalogue
    page.goto(live_server.url + "/")
    page.fill("input[name=q]", "身份证")
    page.click("form[role=search] button[type=submit]")
    page.click(".result a.result-name >> nth=0")
    page.wait_for_url(f"**/matters/{matter.code}/")
    assert page.is_visible("[data-geolocate]")  # site.js ran: it shows the location button
    page.click("button.toggle")  # 大字版 is a form posted to the app
    page.wait_for_url(f"**/matters/{matter.code}/")
    assert page.get_attribute("body", "class") == "large-text"
    for path in ("/venues/", f"/venues/{centre.code}/", "/search/?q=身份证", "/no-such-page/"):
        page.goto(live_server.url + path)
        assert page.is_visible("main")
    assert violations(page) == []
    assert page.script_errors == []


def test_the_admin_login_a_change_page_and_its_history_work_with_no_violation(
    live_server, catalogue, page
):
    matter, _ = catalogue
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "dataoffice")
    page.fill("#id_password", "Erqi-staff-2026")
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    page.goto(f"{live_server.url}/admin/services/matter/")
    page.click(f'#result_list a:text("{matter.name}")')
    page.wait_for_selector("#matter_form")
    # The admin's scripts run: the inline "add another" rows and the autocomplete widgets.
    page.click(".add-row a >> nth=0")
    page.wait_for_selector(".dynamic-materials >> nth=1")
    page.fill("#id_name", "居民身份证换领（补领）")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    page.goto(f"{live_server.url}/admin/services/matter/{matter.pk}/history/")
    assert page.is_visible("text=居民身份证换领（补领）")  # the history lists the change
    assert violations(page) == []
    assert page.script_errors == []


def test_the_api_docs_render_and_call_the_api_with_no_violation(live_server, catalogue, page):
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".opblock-summary-path")  # Swagger UI read the schema and drew it
    page.click("#operations-stats-stats_retrieve .opblock-summary")
    page.click("button.try-out__btn")
    page.click("button.execute")
    status = page.locator(".live-responses-table tbody .response-col_status")
    assert status.inner_text() == "200"  # the call went through (connect-src 'self')
    assert violations(page) == []
    assert page.script_errors == []


def inject(page, live_server, *, keep_csp=True):
    """Serve the home page with a script added to it, as a stored XSS would."""

    def handle(route):
        response = route.fetch()
        headers = dict(response.headers)
        if not keep_csp:
            headers.pop("content-security-policy")
        body = response.text().replace("</main>", INJECTED + "</main>")
        route.fulfill(response=response, body=body, headers=headers)

    page.route(live_server.url + "/", handle)
    page.goto(live_server.url + "/")
    page.wait_for_load_state("load")
    return page.evaluate("window.injected")


def test_an_injected_script_does_not_run(live_server, catalogue, page):
    assert inject(page, live_server) is None
    assert len(violations(page)) == 2  # the script and the event handler, both refused


def test_without_the_policy_the_same_injection_would_run(live_server, catalogue, page):
    # The control for the test above: it is the header that stops the script.
    assert inject(page, live_server, keep_csp=False) in ("inline script", "event handler")
