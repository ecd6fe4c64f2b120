import copy
import os
import uuid

import pytest

from tests.browser import CHROMIUM


def pytest_collection_modifyitems(config, items):
    _leave_out_faults(config, items)
    _skip_browser_without_chromium(config, items)


def _leave_out_faults(config, items):
    """The fault tests (tests/faults/) run their own servers once, with `make test-faults`
    (`pytest -m faults`), not in the runs on each database."""
    if "faults" in (config.option.markexpr or ""):
        return
    faults = [item for item in items if item.get_closest_marker("faults")]
    if faults:
        config.hook.pytest_deselected(items=faults)
        items[:] = [item for item in items if not item.get_closest_marker("faults")]


def _skip_browser_without_chromium(config, items):
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


@pytest.fixture(autouse=True)
def fresh_caches(settings):
    """Every test's database starts again from the same generation number, so nothing a
    process kept from an earlier test's data (cached answers, the search index) may be reused:
    each test gets its own cache key prefix (never a flush: Redis may be shared)."""
    from services import caching
    from services.search import index
    from services.search import log as search_log

    index.forget()
    caching.forget()
    search_log._pending.clear()  # rows an earlier test searched belong to its database
    configured = copy.deepcopy(settings.CACHES)
    run = uuid.uuid4().hex
    for alias in configured:
        prefix = configured[alias].get("KEY_PREFIX", "")
        configured[alias]["KEY_PREFIX"] = f"{prefix}-test-{run}"
    settings.CACHES = configured


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """Some tests start real server processes on the test database: SQLite's must be a file."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = tmp_path_factory.mktemp("database") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(name)


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """The static files as `make serve` collects them (hashed names, compressed), once."""
    from tests.servers import collectstatic

    root = tmp_path_factory.mktemp("static")
    collectstatic(root)
    return root
