"""The home page: one search box, live figures, entry points and short lists."""

import pytest
from django.urls import reverse

from services.models import Theme
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client):
    factories.theme(slug="birth", name="生育收养", audience=Theme.Audience.PERSON)
    factories.theme(slug="setup", name="设立变更", audience=Theme.Audience.ENTERPRISE)
    factories.matter(name="八十周岁以上老年人高龄津贴发放", no_application=True)
    factories.matter(name="居民身份证换领", instant=True)
    factories.matter(name="食品经营许可")
    return client.get(reverse("services:home")).content.decode()


def test_it_has_one_search_box(page):
    assert page.count('name="q"') == 1
    assert 'action="/search/"' in page


def test_it_shows_the_live_figures(page):
    assert "<strong>3</strong> 项政务服务事项" in page
    assert "<strong>1</strong> 项即来即办（33.33%）" in page


def test_it_has_entry_points_by_theme_audience_and_level(page):
    assert '<a href="/search/?theme=birth">生育收养</a>' in page
    assert '<a href="/search/?theme=setup">设立变更</a>' in page
    assert page.index("<h3>个人</h3>") < page.index("<h3>法人</h3>")
    assert '<a href="/search/?audience=person">个人办事</a>' in page
    assert '<a href="/search/?audience=enterprise">企业办事</a>' in page
    assert '<a href="/search/?level=street_centre">街道便民服务中心能办的事</a>' in page


def test_it_lists_no_application_and_instant_matters(page):
    free = page.index("免申即享：不用申请就能享受")
    instant = page.index("即来即办：当场办结")
    assert free < page.index("八十周岁以上老年人高龄津贴发放") < instant
    assert instant < page.index("居民身份证换领")
    assert "食品经营许可" not in page
