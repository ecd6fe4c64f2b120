"""When nothing is found: suggestions (您是不是要找…) and the consultation phone."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def get(client, **params):
    response = client.get(reverse("services:search"), params)
    assert response.status_code == 200
    return response.content.decode()


@override_settings(CONSULT_PHONE="0371-67123456")
def test_it_gives_the_consultation_phone(client):
    factories.matter(name="居民身份证换领")
    page = get(client, q="火星移民")
    assert "没有找到与“火星移民”相关的事项。" in page
    assert '<a href="tel:0371-67123456">0371-67123456</a>，工作人员帮您查' in page


@pytest.fixture
def search_finds_nothing(monkeypatch):
    # The page's behaviour on no result, whatever the search engine would have matched.
    monkeypatch.setattr("services.filters.search", lambda queryset, q: queryset.none())


def test_it_suggests_matters_sharing_characters(client, search_finds_nothing):
    factories.matter(name="城乡居民养老保险参保登记")
    factories.matter(name="食品经营许可")
    page = get(client, q="养老参保险种")
    assert "养老参保险种" in page
    assert "您是不是要找：" in page
    assert "城乡居民养老保险参保登记" in page
    assert "食品经营许可" not in page


def test_it_does_not_suggest_when_nothing_shares_characters(client, search_finds_nothing):
    factories.matter(name="食品经营许可")
    page = get(client, q="火星")
    assert "您是不是要找" not in page
