"""With debug off (`make serve`), WhiteNoise serves the collected static files itself: hashed
names, gzip for browsers that take it, and a year in the browser's cache."""

import re

import pytest

from tests.servers import serve

pytestmark = pytest.mark.django_db(transaction=True)

YEAR = "max-age=31536000, public, immutable"


def static_links(page):
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', page)


def test_the_pages_the_admin_and_the_api_docs_get_their_static_files(static_root):
    with serve(static_root) as server:
        links = []
        for path in ("/", "/admin/login/", "/api/v1/docs/"):
            status, _, page = server.get(path)
            assert status == 200
            links += static_links(page.decode())
        assert any(re.fullmatch(r"/static/services/site\.[0-9a-f]{12}\.css", x) for x in links)
        assert any(x.startswith("/static/admin/css/") for x in links)
        assert any("swagger-ui" in x for x in links)
        for link in links:
            status, headers, body = server.get(link)
            assert status == 200, link
            assert headers["cache-control"] == [YEAR], link
            assert body


def test_a_browser_that_takes_gzip_gets_the_compressed_file(static_root):
    with serve(static_root) as server:
        _, _, page = server.get("/")
        css = next(x for x in static_links(page.decode()) if x.endswith(".css"))
        _, plain_headers, plain = server.get(css)
        status, headers, packed = server.get(css, **{"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["content-encoding"] == ["gzip"]
        assert len(packed) < len(plain)
        assert "content-encoding" not in plain_headers


def test_a_file_that_does_not_exist_is_a_404(static_root):
    with serve(static_root) as server:
        assert server.get("/static/services/no-such-file.css")[0] == 404
