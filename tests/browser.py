"""Debian's Chromium driven by Playwright for Python: the one place browser tests launch it.

Playwright's own browser download does not work here, so tests use /usr/bin/chromium; the
flags keep it off the network (the machine's network is closed) and out of first-run screens.
"""

import contextlib
import os
import shutil

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@contextlib.contextmanager
def chromium(monkeypatch):
    """A headless Chromium. Playwright's sync API runs an event loop in this thread, which
    Django's ORM refuses unless DJANGO_ALLOW_ASYNC_UNSAFE is set (for this test only)."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
