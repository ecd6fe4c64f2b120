import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from services.models import Matter
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_instant_matter_must_be_handled_on_the_spot():
    matter = Matter(
        code="X1",
        name="测试即办",
        department=factories.department(),
        kind=Matter.Kind.CONFIRMATION,
        audience=Matter.Audience.PERSON,
        handling_type=Matter.HandlingType.PROMISED,
        promised_days=5,
        instant=True,
    )
    with pytest.raises(ValidationError) as caught:
        matter.full_clean()
    errors = caught.value.message_dict
    assert errors["handling_type"] == ["即来即办事项的办件类型必须是即办件。"]
    assert errors["promised_days"] == ["即来即办事项的承诺时限必须为 0 个工作日。"]


def test_the_database_refuses_an_instant_matter_with_a_promised_time():
    matter = factories.matter(instant=True)
    Matter.objects.filter(pk=matter.pk).update(promised_days=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Matter.objects.filter(pk=matter.pk).update(promised_days=3)


def test_promised_time_cannot_exceed_the_legal_time():
    matter = factories.matter(legal_days=10, promised_days=5)
    matter.promised_days = 15
    with pytest.raises(ValidationError) as caught:
        matter.full_clean()
    assert "不能超过法定时限" in caught.value.message_dict["promised_days"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        matter.save()


def test_a_matter_without_legal_time_accepts_any_promised_time():
    matter = factories.matter(legal_days=None, promised_days=30)
    matter.full_clean()


def test_a_no_application_matter_needs_no_visit():
    matter = factories.matter(no_application=True)
    assert matter.visits == 0
    matter.visits = 1
    with pytest.raises(ValidationError) as caught:
        matter.full_clean()
    assert caught.value.message_dict["visits"] == ["免申即享事项无需到现场，到现场次数必须为 0。"]


def test_matter_codes_are_unique_with_a_chinese_message():
    factories.matter(code="11410100MA001")
    duplicate = Matter(
        code="11410100MA001",
        name="另一个事项",
        department=factories.department(),
        kind=Matter.Kind.CONFIRMATION,
        audience=Matter.Audience.PERSON,
        handling_type=Matter.HandlingType.PROMISED,
        promised_days=1,
    )
    with pytest.raises(ValidationError) as caught:
        duplicate.full_clean()
    assert "事项编码" in caught.value.message_dict["code"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_venue_cannot_be_linked_twice_to_the_same_matter():
    matter = factories.matter()
    venue = factories.venue()
    factories.handling(matter, venue)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.handling(matter, venue)
