"""/benefits/: the form, the three groups, and the home page's published figure."""

import pytest
from django.utils import timezone

from services.models import Venue
from tests import benefit_factories, factories

pytestmark = pytest.mark.django_db


def birth_85_years_ago():
    today = timezone.localdate()
    return {"birth_year": str(today.year - 85), "birth_month": str(today.month)}


@pytest.fixture
def street():
    return factories.venue(Venue.Level.STREET_CENTRE, code="S-daxue", street_name="大学路街道")


def test_the_form_lists_the_streets_and_not_erqi(client, street):
    page = client.get("/benefits/").content.decode()
    assert "大学路街道" in page
    assert "不是二七区户籍" in page
    assert "不保存、不记录" in page


def test_an_85_year_old_sees_the_allowance_under_automatic_with_amount_and_no_application(
    client, street
):
    benefit_factories.old_age_allowance()
    page = client.post("/benefits/", {**birth_85_years_ago(), "hukou_street": street.code})
    html = page.content.decode()
    automatic = html[html.index('id="group-automatic"') : html.index('id="group-apply"')]
    assert "高龄津贴" in automatic
    assert "每月 100 元" in automatic
    assert "无需申请" in automatic


def test_a_benefit_to_apply_for_links_its_guide_and_the_nearest_venue(client, street):
    near = factories.venue(
        Venue.Level.STREET_CENTRE, name="大学路街道便民服务中心", latitude=street.latitude
    )
    care = benefit_factories.benefit(name="护理补贴", qualifiers=[("", (1, 2), "")])
    factories.handling(care.matter, near)
    page = client.post(
        "/benefits/",
        {**birth_85_years_ago(), "hukou_street": street.code, "disability_grade": "1"},
    ).content.decode()
    section = page[page.index('id="group-apply"') : page.index('id="group-maybe"')]
    assert "护理补贴" in section
    assert care.matter.get_absolute_url() in section
    assert "大学路街道便民服务中心" in section


def test_someone_from_outside_erqi_gets_no_erqi_only_benefit(client, street):
    benefit_factories.old_age_allowance()
    page = client.post("/benefits/", {**birth_85_years_ago(), "hukou_street": "none"})
    html = page.content.decode()
    assert "自动享受（0）" in html


def test_the_home_page_shows_the_published_figure_from_the_rule(client):
    benefit_factories.old_age_allowance(
        beneficiaries_count=19000,
        beneficiaries_label="80 岁以上老年人",
        beneficiaries_source="二七区民政局公告",
    )
    html = client.get("/").content.decode()
    assert "<strong>1.9 万</strong> 名80 岁以上老年人已享受免申即享" in html
    assert "二七区民政局公告" in html
    assert "/benefits/" in html


def test_the_home_page_shows_no_figure_when_none_is_published(client):
    benefit_factories.old_age_allowance()
    assert "已享受免申即享" not in client.get("/").content.decode()
