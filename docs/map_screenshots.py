"""Screenshots of 办事地图 for docs/: `python docs/map_screenshots.py http://127.0.0.1:PORT`
against a server with the demo data (`make run`, or runserver on a free port); needs Chromium
and fonts-noto-cjk. Phone (390 px) and desktop, after "用我的位置" near the district centre."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

DOCS = Path(__file__).resolve().parent
DEVICES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}


def main(base):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, device in DEVICES.items():
            context = browser.new_context(
                **device,
                device_scale_factor=1,
                geolocation={"latitude": 34.7205, "longitude": 113.6310},
                permissions=["geolocation"],
            )
            page = context.new_page()
            page.goto(base + "/map/")
            page.wait_for_selector(".js-map")
            page.get_by_role("button", name="用我的位置").click()
            page.wait_for_selector("#venue-card:not([hidden]) h2")
            page.wait_for_timeout(1000)  # the cluster zoom animation
            if name == "phone":
                page.evaluate("document.querySelector('.map-nearest').scrollIntoView()")
            else:
                page.evaluate("document.querySelector('[data-geo-status]').scrollIntoView()")
            page.wait_for_timeout(300)
            page.screenshot(path=DOCS / f"map-{name}.png")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"))
