"""Search results come 20 a page; the page links keep the query and the filters."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def many():
    for n in range(25):
        factories.matter(name=f"社会保障卡申领（第{n:02d}类）", instant=True)


def test_the_second_page_has_the_rest_and_links_back(client, many):
    page = client.get(reverse("services:search"), {"q": "社会保障卡", "page": "2"}).content.decode()
    assert page.count('class="result"') == 5
    assert "第 2 / 2 页" in page
    assert 'href="?q=%E7%A4%BE%E4%BC%9A%E4%BF%9D%E9%9A%9C%E5%8D%A1&amp;page=1" rel="prev"' in page


def test_page_links_keep_the_filters(client, many):
    page = client.get(reverse("services:search"), {"instant": "1"}).content.decode()
    assert page.count('class="result"') == 20
    assert 'href="?instant=1&amp;page=2" rel="next"' in page


@pytest.mark.parametrize("results", [1, 20])
def test_the_number_of_queries_does_not_grow_with_the_results(
    client, django_assert_max_num_queries, results
):
    for _ in range(results):
        factories.matter(name="居民身份证换领", themes=[factories.theme()])
    client.get(reverse("services:search"), {"q": "身份证"})  # builds the search index once
    # street choices, the search index's freshness check, count, page rows (+department),
    # five facet queries; no query per row.
    with django_assert_max_num_queries(10):
        page = client.get(reverse("services:search"), {"q": "身份证"}).content.decode()
    assert page.count('class="result"') == results
