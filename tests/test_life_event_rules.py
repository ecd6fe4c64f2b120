"""一件事: the rules about one life event, in the database and in clean()."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from services import actions
from services.models import LifeEvent, LifeEventMaterial, LifeEventMatter
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_bundled_matter_appears_once_in_an_event():
    event, matter = factories.life_event(), factories.matter()
    factories.bundle(event, matter)
    again = LifeEventMatter(event=event, matter=matter, position=2)
    with pytest.raises(ValidationError) as caught:
        again.full_clean()
    assert "同一事项在一件事中只能出现一次。" in caught.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        again.save()


def test_the_same_matter_may_be_bundled_by_two_events():
    matter = factories.matter()
    factories.bundle(factories.life_event(), matter)
    factories.bundle(factories.life_event(), matter)
    assert LifeEvent.objects.including(matter).count() == 2


def test_codes_and_names_are_unique():
    event = factories.life_event(code="birth", name="新生儿出生一件事")
    twin = LifeEvent(
        code="birth",
        name="新生儿出生一件事",
        audience=LifeEvent.Audience.PERSON,
        summary="x",
        lead_department=event.lead_department,
        promised_days=5,
    )
    with pytest.raises(ValidationError) as caught:
        twin.full_clean()
    assert set(caught.value.message_dict) == {"code", "name"}
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_a_code_is_letters_digits_and_dashes():
    event = factories.life_event()
    event.code = "出生 一件事"
    with pytest.raises(ValidationError) as caught:
        event.full_clean()
    assert caught.value.message_dict["code"] == ["一件事编码只能由字母、数字、连字符和下划线组成。"]


def test_an_optional_matter_says_when_it_is_needed():
    link = LifeEventMatter(
        event=factories.life_event(), matter=factories.matter(), required=False, condition=" "
    )
    with pytest.raises(ValidationError) as caught:
        link.full_clean()
    assert caught.value.message_dict["condition"] == ["非必办事项必须写明办理情形。"]
    link.condition = ""
    with pytest.raises(IntegrityError), transaction.atomic():
        link.save()
    link.condition = "仅父母一方为外地户籍时"
    link.full_clean()
    link.save()


def test_a_material_appears_once_even_under_another_wording():
    event = factories.life_event()
    LifeEventMaterial.objects.create(event=event, name="居民身份证")
    twin = LifeEventMaterial(event=event, name="申请人居民身份证（原件）")
    with pytest.raises(ValidationError) as caught:
        twin.full_clean()
    assert caught.value.message_dict["name"] == ["与“居民身份证”是同一材料，只能出现一次。"]
    with pytest.raises(IntegrityError), transaction.atomic():
        LifeEventMaterial.objects.create(event=event, name="居民身份证")


def test_copies_are_at_least_one():
    material = LifeEventMaterial(event=factories.life_event(), name="户口簿", copies=0)
    with pytest.raises(ValidationError):
        material.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        material.save()


def test_a_deleted_matter_leaves_its_step_with_what_was_verified():
    event, matter = factories.life_event(), factories.matter(name="出生登记")
    link = factories.bundle(event, matter)
    actions.life_event_verify(events=[event], by=factories.staff_user())
    link.refresh_from_db()
    assert (link.verified_code, link.verified_name) == (matter.code, "出生登记")
    assert link.verified_department_id == matter.department_id
    matter.delete()
    link.refresh_from_db()
    assert link.matter is None
    assert str(link) == "出生登记"
    assert event.bundled.filter(matter__isnull=True).count() == 1


def test_verifying_stamps_the_event():
    event, user = factories.life_event(), factories.staff_user()
    report = actions.life_event_verify(events=[event], by=user)
    event.refresh_from_db()
    assert report.changed == 1
    assert event.verified_by == user and event.verified_at is not None
    assert event.history.count() == 2  # created, verified


def test_the_queryset_reads():
    person = factories.life_event(audience=LifeEvent.Audience.PERSON)
    firm = factories.life_event(audience=LifeEvent.Audience.ENTERPRISE)
    factories.life_event(published=False)
    factories.bundle(person, factories.matter())
    factories.bundle(person, factories.matter())
    gone = factories.matter()
    factories.bundle(person, gone)
    gone.delete()
    assert list(LifeEvent.objects.for_audience("企业")) == [firm]
    assert list(LifeEvent.objects.public().for_audience("person")) == [person]
    counts = dict(LifeEvent.objects.with_matter_counts().values_list("code", "matters_count"))
    assert counts[person.code] == 2 and counts[firm.code] == 0


def test_one_visit_venues_handle_every_required_matter_and_not_only_advise():
    from services.models import Handling, Venue

    first, second, optional = factories.matter(), factories.matter(), factories.matter()
    centre = factories.venue()
    street = factories.venue(Venue.Level.STREET_CENTRE, parent=centre)
    station = factories.venue(Venue.Level.COMMUNITY_STATION, parent=street)
    for venue in (centre, street, station):
        factories.handling(first, venue)
    factories.handling(second, centre)
    factories.handling(second, station, mode=Handling.Mode.ASSIST)
    event = factories.life_event()
    factories.bundle(event, first)
    factories.bundle(event, second)
    factories.bundle(event, optional, required=False, condition="仅某种情形")
    assert list(event.one_visit_venues()) == [centre]
    event.venue = street  # the 一件事 window, whatever it handles (check_integrity says so)
    assert list(event.one_visit_venues()) == [street]
