from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from services.models import Venue
from tests import factories

pytestmark = pytest.mark.django_db

Level = Venue.Level


def new_venue(level, **kw):
    kw.setdefault("code", "NEW1")
    kw.setdefault("name", "新场所")
    kw.setdefault("address", "郑州市二七区某路1号")
    kw.setdefault("latitude", Decimal("34.7"))
    kw.setdefault("longitude", Decimal("113.6"))
    return Venue(level=level, **kw)


def test_a_community_station_must_belong_to_a_street_centre():
    centre = factories.venue(Level.DISTRICT_CENTRE)
    station = new_venue(Level.COMMUNITY_STATION, parent=centre)
    with pytest.raises(ValidationError) as caught:
        station.full_clean()
    assert caught.value.message_dict["parent"] == [
        f"社区便民服务站的上级必须是街道便民服务中心，而“{centre}”是区政务服务中心。"
    ]


def test_a_community_station_under_a_street_centre_is_valid():
    street = factories.venue(Level.STREET_CENTRE)
    new_venue(Level.COMMUNITY_STATION, parent=street).full_clean()


def test_a_street_centre_without_parent_is_refused_by_clean_and_database():
    venue = new_venue(Level.STREET_CENTRE)
    with pytest.raises(ValidationError) as caught:
        venue.full_clean()
    assert caught.value.message_dict["parent"] == ["街道便民服务中心必须属于一个区政务服务中心。"]
    with pytest.raises(IntegrityError), transaction.atomic():
        venue.save()


def test_a_kiosk_must_say_where_it_stands():
    street = factories.venue(Level.STREET_CENTRE)
    kiosk = new_venue(Level.SELF_SERVICE_KIOSK, parent=street)
    with pytest.raises(ValidationError) as caught:
        kiosk.full_clean()
    assert "设置地点" in caught.value.message_dict["host"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        kiosk.save()


def test_only_kiosks_have_a_host():
    venue = new_venue(Level.DISTRICT_CENTRE, host=Venue.Host.MALL)
    with pytest.raises(ValidationError) as caught:
        venue.full_clean()
    assert caught.value.message_dict["host"] == ["只有自助终端填写设置地点。"]


def test_coordinates_out_of_range_are_refused():
    venue = new_venue(Level.DISTRICT_CENTRE, latitude=Decimal("134.5"))
    with pytest.raises(ValidationError) as caught:
        venue.full_clean()
    assert "纬度必须在 -90 到 90 之间。" in str(caught.value)
