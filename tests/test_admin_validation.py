"""Validation errors appear next to the field, in Chinese, and nothing is saved."""

import pytest
from django.urls import reverse

from services.models import Venue
from services.roles import DATA_OFFICE
from services.search import pinyin_fields
from tests import factories
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client):
    client.force_login(factories.staff_user(DATA_OFFICE))


def post_change(client, obj, **changes):
    url = reverse(f"admin:services_{obj._meta.model_name}_change", args=[obj.pk])
    data = form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def test_an_instant_matter_with_a_promised_time_is_refused_at_that_field(client, office):
    matter = factories.matter(promised_days=5)
    response = post_change(client, matter, instant="on")
    errors = response.context["adminform"].form.errors
    assert response.status_code == 200
    assert errors["promised_days"] == ["即来即办事项的承诺时限必须为 0 个工作日。"]
    assert errors["handling_type"] == ["即来即办事项的办件类型必须是即办件。"]
    assert "即来即办事项的承诺时限必须为 0 个工作日。" in response.content.decode()
    matter.refresh_from_db()
    assert not matter.instant


def test_a_community_station_under_the_district_centre_is_refused_at_the_parent(client, office):
    street = factories.venue(Venue.Level.STREET_CENTRE)
    station = factories.venue(Venue.Level.COMMUNITY_STATION, parent=street)
    response = post_change(client, station, parent=str(street.parent_id))
    errors = response.context["adminform"].form.errors
    assert "社区便民服务站的上级必须是街道便民服务中心" in errors["parent"][0]
    station.refresh_from_db()
    assert station.parent == street


def test_an_opening_period_that_ends_before_it_starts_is_refused_in_its_row(client, office):
    venue = factories.venue()
    factories.weekday_hours(venue, days=[0])
    response = post_change(client, venue, **{"periods-0-closes": "08:00"})
    assert response.status_code == 200
    assert "结束时间必须晚于开始时间。" in response.content.decode()


def test_saving_a_matter_refreshes_its_pinyin_search_fields(client, office):
    matter = factories.matter(name="旧名称")
    response = post_change(client, matter, name="居民身份证换领", keywords="换证")
    assert response.status_code == 302
    matter.refresh_from_db()
    assert (matter.search_pinyin, matter.search_initials) == pinyin_fields("居民身份证换领", "换证")
    assert "juminshenfenzheng" in matter.search_pinyin
