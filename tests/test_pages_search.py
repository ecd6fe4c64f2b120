"""The search results page: ranked results, highlighted words, facets with counts."""

import pytest
from django.urls import reverse

from services.models import Matter, Theme, Venue
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    police = factories.department(code="GA", name="郑州市公安局二七分局")
    civil = factories.department(code="MZ", name="二七区民政局")
    household = factories.theme(slug="huji", name="户籍办理", audience=Theme.Audience.PERSON)
    id_card = factories.matter(
        name="居民身份证换领", department=police, themes=[household], instant=True
    )
    lost = factories.matter(name="居民身份证挂失申报", department=police, themes=[household])
    allowance = factories.matter(
        name="八十周岁以上老年人高龄津贴发放", department=civil, no_application=True
    )
    company = factories.matter(
        name="社会团体成立登记", department=civil, audience=Matter.Audience.ENTERPRISE
    )
    street = factories.venue(Venue.Level.STREET_CENTRE, street_name="长江路街道")
    factories.handling(lost, street)
    return {"id_card": id_card, "lost": lost, "allowance": allowance, "company": company}


def get(client, **params):
    response = client.get(reverse("services:search"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_it_finds_matters_by_name_and_highlights_the_words(client, catalogue):
    page = get(client, q="身份证")
    assert "与“身份证”相关的 2 项事项" in page
    assert "居民<mark>身份证</mark>换领" in page
    assert "居民<mark>身份证</mark>挂失申报" in page
    assert "高龄津贴" not in page


def test_each_result_links_to_its_matter_page(client, catalogue):
    """Through the search log's redirect, which carries the query and the result's place."""
    page = get(client, q="身份证换领")
    code = catalogue["id_card"].code
    link = page.split('<a class="result-name" href="')[1].split('"')[0].replace("&amp;", "&")
    assert link.startswith(reverse("services:search_open", args=[code]) + "?q=")
    assert client.get(link)["Location"] == reverse("services:matter", args=[code])


def test_facets_show_counts_over_the_results(client, catalogue):
    page = get(client, q="身份证")
    assert (
        '<a href="?q=%E8%BA%AB%E4%BB%BD%E8%AF%81&amp;department=GA">郑州市公安局二七分局</a> <span class="count">(2)</span>'
        in page
    )
    assert (
        '<a href="?q=%E8%BA%AB%E4%BB%BD%E8%AF%81&amp;theme=huji">户籍办理</a> <span class="count">(2)</span>'
        in page
    )
    assert '即来即办</a> <span class="count">(1)</span>' in page
    assert '长江路街道</a> <span class="count">(1)</span>' in page
    assert "二七区民政局" not in page  # no result from that department


def test_a_facet_narrows_the_results_and_is_marked_with_a_link_to_remove_it(client, catalogue):
    page = get(client, q="身份证", instant="1")
    assert "与“身份证”相关的 1 项事项" in page
    assert "居民<mark>身份证</mark>换领" in page
    assert "挂失申报" not in page
    assert (
        '<li class="active"><a href="?q=%E8%BA%AB%E4%BB%BD%E8%AF%81" aria-current="true">✓ 即来即办</a>'
        in page
    )


def test_a_theme_page_is_the_search_page_filtered_by_theme(client, catalogue):
    page = get(client, theme="huji")
    assert "共有 2 项事项" in page
    assert "居民身份证换领" in page and "居民身份证挂失申报" in page
    assert "高龄津贴" not in page


def test_the_person_list_includes_matters_for_everyone_but_not_enterprise_only(client, catalogue):
    factories.matter(name="个人和法人都能办的事项", audience=Matter.Audience.BOTH)
    page = get(client, audience="person")
    assert "个人和法人都能办的事项" in page
    assert "高龄津贴" in page
    assert "社会团体成立登记" not in page


def test_the_street_facet_lists_matters_handled_in_that_street(client, catalogue):
    page = get(client, street="长江路街道")
    assert "共有 1 项事项" in page
    assert "居民身份证挂失申报" in page


def test_flags_show_as_badges_in_the_results(client, catalogue):
    page = get(client, q="高龄津贴")
    assert '<li class="badge badge-free">免申即享</li>' in page
    assert '<li class="badge">零跑动</li>' in page
