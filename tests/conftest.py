import os

import pytest

from tests.browser import CHROMIUM


def pytest_collection_modifyitems(config, items):
    """Browser tests need Debian's chromium; without it they skip loudly, unless CI requires them."""
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"REQUIRE_BROWSER=1 but Chromium is missing at {CHROMIUM}")
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}: browser tests skipped")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    skipped = [
        r for r in terminalreporter.stats.get("skipped", []) if "Chromium" in str(r.longrepr)
    ]
    if skipped:
        terminalreporter.write_line(
            f"NOTE: {len(skipped)} browser tests were SKIPPED (no Chromium); "
            "install it with `apt-get install -y chromium` or run .ci/run.",
            yellow=True,
            bold=True,
        )
