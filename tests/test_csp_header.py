"""Every response carries the Content-Security-Policy: the app's own files, no inline script."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from tests import factories as f

pytestmark = pytest.mark.django_db

# The project's templates and those of the apps in services/ (never third-party ones).
TEMPLATES = [
    *Path(settings.BASE_DIR, "templates").rglob("*.html"),
    *Path(settings.BASE_DIR, "services").glob("**/templates/**/*.html"),
]


def policy(response):
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.fixture
def catalogue():
    return f.matter(code="A1"), f.venue(code="V1")


@override_settings(DEBUG=False)
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search/?q=身份证",
        "/matters/A1/",
        "/venues/",
        "/venues/V1/",
        "/no-such-page/",
        "/large-text/?on=1",
        "/admin/login/",
        "/api/v1/matters/",
        "/api/v1/matters/NOPE/",
        "/api/v1/stats/",
        "/api/v1/schema/",
        "/api/v1/docs/",
        "/api/v1/docs/?script=",
    ],
)
def test_every_response_allows_only_the_apps_own_scripts_and_styles(client, catalogue, path):
    directives = policy(client.get(path))
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]


def test_the_api_docs_alone_may_show_data_images(client):
    assert policy(client.get("/api/v1/docs/"))["img-src"] == ["'self'", "data:"]
    assert policy(client.get("/"))["img-src"] == ["'self'"]


def test_the_docs_page_has_no_inline_script_or_style(client):
    html = client.get("/api/v1/docs/").content.decode()
    assert re.findall(r"<script[^>]*>", html) == [
        '<script src="/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js">',
        '<script src="/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js">',
        '<script src="/api/v1/docs/?script=">',
    ]
    assert "<style" not in html


def test_a_source_added_to_the_setting_reaches_the_header(client):
    directives = {**settings.CSP_DIRECTIVES, "img-src": ["'self'", "https://tiles.example.org"]}
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": directives}):
        assert policy(client.get("/"))["img-src"] == ["'self'", "https://tiles.example.org"]


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org"),
        ("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png?key=abc", "http://127.0.0.1:8080"),
    ],
)
def test_url_origin_gives_the_source_to_add_for_a_configured_url(url, origin):
    from erqi.settings import url_origin

    assert url_origin(url) == origin


INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|javascript:"
    r"|\son(?:click|dblclick|load|error|change|submit|input|focus|blur|key\w+|mouse\w+)\s*=",
    re.IGNORECASE,
)


@pytest.mark.parametrize("template", sorted(TEMPLATES), ids=str)
def test_no_template_has_inline_script_style_or_event_handler(template):
    # JSON data blocks (<script type="application/json">) are data, not code: allowed.
    text = re.sub(r'<script type="application/json"[^>]*>', "", template.read_text())
    assert not INLINE.findall(text), "move it to a static file: the CSP refuses it"
