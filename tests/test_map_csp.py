"""A configured tile server is the one outside source the CSP lets pages load, for images only."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from erqi.settings import tile_source

ROOT = Path(__file__).resolve().parent.parent


def img_src(**env):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "MAP_"))}
    full_env.update(env)
    # A fresh interpreter: the settings read the environment once, at import.
    code = "import erqi.settings as s; print(' '.join(s.CSP_DIRECTIVES['img-src']))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_without_a_tile_server_images_come_only_from_the_app():
    assert img_src() == ["'self'"]


def test_a_configured_tile_server_is_added_to_img_src_alone():
    sources = img_src(MAP_TILE_URL="https://t{s}.tiles.example.org/{z}/{x}/{y}.png?key={key}")

    assert sources == ["'self'", "https://*.tiles.example.org"]


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("https://tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("https://webrd0{s}.example.com/tile?x={x}&y={y}&z={z}", "https://*.example.com"),
        ("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8080"),
    ],
)
def test_the_source_is_the_tile_servers_host(url, source):
    assert tile_source(url) == source


def test_a_placeholder_deeper_in_the_host_is_refused():
    with pytest.raises(ImproperlyConfigured):
        tile_source("https://tiles.{s}.example.org/{z}/{x}/{y}.png")
