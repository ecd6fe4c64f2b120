"""tests/axe.py runs the real axe-core in Chromium: it finds a known fault and passes a clean page."""

import pytest

from tests.axe import axe_violations
from tests.browser import chromium

pytestmark = pytest.mark.browser

CLEAN = """<!doctype html><html lang="zh-Hans"><head><title>测试</title></head>
<body><main><h1>测试页</h1><p>正文</p></main></body></html>"""


@pytest.fixture
def page(monkeypatch):
    with chromium(monkeypatch) as browser:
        yield browser.new_page()


def test_it_reports_an_image_without_alternative_text(page):
    page.set_content(CLEAN.replace("<p>正文</p>", '<img src="data:,">'))

    assert "image-alt" in [v["id"] for v in axe_violations(page)]


def test_it_finds_nothing_on_a_clean_page(page):
    page.set_content(CLEAN)

    assert axe_violations(page) == []


def test_it_still_runs_under_a_strict_content_security_policy(page):
    strict = '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
    page.set_content(
        CLEAN.replace("<title>", strict + "<title>").replace("<p>正文</p>", "<button></button>")
    )

    assert [v["id"] for v in axe_violations(page)] == ["button-name"]
