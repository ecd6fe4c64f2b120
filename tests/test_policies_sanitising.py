"""Staff HTML cannot carry script: explainer bodies are Markdown cleaned by nh3 on every page,
in the admin preview and in the API."""

import pytest
from django.test import override_settings

from services.outreach.markup import render
from tests import benefit_factories

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="/media/x.png" onerror="alert(1)">',
    '<a href="javascript:alert(1)">点我</a>',
    "[点我](javascript:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload="alert(1)"></svg>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div onclick="alert(1)">x</div>',
    "<scr<script>ipt>alert(1)</script>",
]


@pytest.mark.parametrize("body", HOSTILE)
def test_no_script_survives(body):
    html = str(render(body)).lower()
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onerror" not in html and "onload" not in html and "onclick" not in html
    assert "<iframe" not in html and "style=" not in html


def test_markdown_keeps_its_formatting_and_links_open_safely():
    html = str(
        render("## 办理时间\n\n- 工作日\n- **周六**上午\n\n[郑好办](https://example.gov.cn)")
    )
    assert "<h2>办理时间</h2>" in html
    assert "<li><strong>周六</strong>上午</li>" in html
    assert '<a href="https://example.gov.cn" rel="noopener noreferrer">郑好办</a>' in html


@override_settings(MEDIA_URL="/media/")
def test_only_this_sites_images_are_kept():
    html = str(render("![流程图](/media/policies/a.png) ![外链](https://cdn.example.com/b.png)"))
    assert '<img alt="流程图" src="/media/policies/a.png">' in html
    assert "cdn.example.com" not in html


@pytest.mark.django_db
def test_the_article_page_and_the_api_show_the_cleaned_body(client):
    policy = benefit_factories.policy(body="正文<script>alert('x')</script>**要点**")
    page = client.get(policy.get_absolute_url()).content.decode()
    assert "alert('x')" not in page
    assert "<strong>要点</strong>" in page
    api = client.get("/api/v1/policies/").json()["results"][0]["body_html"]
    assert "<script" not in api and "<strong>要点</strong>" in api
