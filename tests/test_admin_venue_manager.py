"""A 场所管理员 edits their own venue's profile, hours, exceptions and links, and nothing else."""

import datetime

import pytest
from django.urls import reverse

from services.models import Handling, Matter, OpeningPeriod, Venue, VenueException
from services.roles import VENUE_MANAGER
from tests import factories
from tests.admin_forms import form_data, inline_prefix

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    own = factories.venue(Venue.Level.STREET_CENTRE, name="本街道中心")
    other = factories.venue(Venue.Level.STREET_CENTRE, name="别的街道中心")
    factories.weekday_hours(own)
    factories.weekday_hours(other)
    matter = factories.matter(name="事项甲")
    return {
        "own": own,
        "other": other,
        "matter": matter,
        "theirs": factories.handling(matter, other, window="3号窗口"),
        "user": factories.staff_user(VENUE_MANAGER, venue=own),
    }


def url(name, *args):
    return reverse(f"admin:services_{name}", args=args)


def test_it_changes_its_venues_phone_and_hours(client, world):
    client.force_login(world["user"])
    page = client.get(url("venue_change", world["own"].pk))
    data = form_data(page)
    data["phone"] = "0371-68888888"
    prefix = inline_prefix(page, OpeningPeriod)
    data[f"{prefix}-0-closes"] = "18:00"
    response = client.post(url("venue_change", world["own"].pk), data)
    assert response.status_code == 302
    world["own"].refresh_from_db()
    assert world["own"].phone == "0371-68888888"
    assert world["own"].periods.filter(closes=datetime.time(18)).count() == 1


def test_it_adds_an_exception_for_its_venue(client, world):
    client.force_login(world["user"])
    page = client.get(url("venue_change", world["own"].pk))
    data = form_data(page)
    prefix = inline_prefix(page, VenueException)
    data[f"{prefix}-TOTAL_FORMS"] = 1
    data.update({f"{prefix}-0-date": "2026-12-01", f"{prefix}-0-closed": "on"})
    data[f"{prefix}-0-reason"] = "设备检修"
    assert client.post(url("venue_change", world["own"].pk), data).status_code == 302
    assert world["own"].exceptions.get().reason == "设备检修"


def test_it_cannot_change_what_its_venue_is(client, world):
    client.force_login(world["user"])
    page = client.get(url("venue_change", world["own"].pk))
    data = form_data(page)
    data.update({"code": "HACKED", "name": "改名", "level": "district_centre"})
    assert client.post(url("venue_change", world["own"].pk), data).status_code == 302
    world["own"].refresh_from_db()
    assert (world["own"].name, world["own"].level) == ("本街道中心", "street_centre")
    assert world["own"].code != "HACKED"


def test_another_venue_is_shown_read_only(client, world):
    client.force_login(world["user"])
    page = client.get(url("venue_change", world["other"].pk))
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert b'name="_save"' not in page.content
    own_page = client.get(url("venue_change", world["own"].pk))
    assert own_page.context["has_change_permission"] is True


def test_a_crafted_post_to_another_venue_changes_nothing(client, world):
    client.force_login(world["user"])
    data = form_data(client.get(url("venue_change", world["own"].pk)))
    data["phone"] = "110"
    response = client.post(url("venue_change", world["other"].pk), data)
    assert response.status_code == 403
    world["other"].refresh_from_db()
    assert world["other"].phone != "110"
    assert list(world["other"].periods.values_list("closes", flat=True)) == [datetime.time(17)] * 5


def test_it_cannot_touch_another_venues_hours_or_links(client, world):
    client.force_login(world["user"])
    period = world["other"].periods.first()
    assert (
        client.get(url("openingperiod_change", period.pk)).context["has_change_permission"] is False
    )
    data = {"venue": world["other"].pk, "weekday": 0, "opens": "09:00", "closes": "20:00"}
    assert client.post(url("openingperiod_change", period.pk), data).status_code == 403
    assert client.post(url("openingperiod_delete", period.pk), {"post": "yes"}).status_code == 403
    data = {"venue": world["other"].pk, "weekday": 6, "opens": "09:00", "closes": "12:00"}
    response = client.post(url("openingperiod_add"), data)
    assert response.status_code == 200  # the form refuses the venue
    assert "venue" in response.context["adminform"].form.errors
    assert not world["other"].periods.filter(weekday=6).exists()
    response = client.post(url("handling_delete", world["theirs"].pk), {"post": "yes"})
    assert response.status_code == 403
    assert Handling.objects.filter(pk=world["theirs"].pk).exists()


def test_it_sees_every_venue_and_link_in_the_lists(client, world):
    mine = factories.handling(world["matter"], world["own"])
    client.force_login(world["user"])
    venues = client.get(url("venue_changelist")).context["cl"].result_list
    assert set(venues) == set(Venue.objects.all())
    assert len(venues) == 3  # the two street centres and their district centre
    links = client.get(url("handling_changelist")).context["cl"].result_list
    assert set(links) == {mine, world["theirs"]}


def test_it_adds_a_matter_at_its_window(client, world):
    client.force_login(world["user"])
    data = {"matter": world["matter"].pk, "venue": world["own"].pk, "mode": "full", "window": "5号"}
    assert client.post(url("handling_add"), data).status_code == 302
    assert Handling.objects.get(venue=world["own"]).window == "5号"


def test_it_cannot_add_a_matter_at_another_venue(client, world):
    client.force_login(world["user"])
    other_matter = factories.matter()
    data = {"matter": other_matter.pk, "venue": world["other"].pk, "mode": "full", "window": ""}
    response = client.post(url("handling_add"), data)
    assert response.status_code == 200
    assert "venue" in response.context["adminform"].form.errors
    assert not Handling.objects.filter(matter=other_matter).exists()


def test_it_sees_the_catalogue_read_only(client, world):
    client.force_login(world["user"])
    page = client.get(url("matter_change", world["matter"].pk))
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    data = {"name": "篡改", "code": world["matter"].code}
    assert client.post(url("matter_change", world["matter"].pk), data).status_code == 403
    assert client.get(url("matter_add")).status_code == 403
    assert Matter.objects.get(pk=world["matter"].pk).name == "事项甲"


def test_it_cannot_revert_a_matter_through_its_history(client, admin_client, world):
    matter = world["matter"]
    matter.name = "事项甲（改）"
    matter.save()
    first = matter.history.earliest()
    revert = url("matter_simple_history", matter.pk, first.history_id)
    data = form_data(admin_client.get(revert))  # what the data office's revert would send
    client.force_login(world["user"])
    assert client.post(revert, data).status_code == 403
    assert Matter.objects.get(pk=matter.pk).name == "事项甲（改）"


def test_a_revert_of_its_own_venue_keeps_the_fields_it_may_not_edit(client, admin_client, world):
    own = world["own"]
    own.code, own.name, own.phone = "EQ-OLD", "旧名称中心", "0371-11111111"
    own.street_name = "旧街道"
    own.save()
    old = own.history.latest()
    own.code, own.name, own.phone, own.street_name = (
        "EQ-NEW",
        "本街道中心",
        "0371-22222222",
        "新街道",
    )
    own.save()
    revert = url("venue_simple_history", own.pk, old.history_id)
    client.force_login(world["user"])
    response = client.post(revert, form_data(client.get(revert)))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.phone == "0371-11111111"  # what it may edit goes back
    assert (own.code, own.name, own.street_name) == ("EQ-NEW", "本街道中心", "新街道")


def test_the_data_office_still_reverts_every_field_of_a_venue(admin_client, world):
    own = world["own"]
    own.name = "旧名称中心"
    own.save()
    old = own.history.latest()
    own.name = "本街道中心"
    own.save()
    revert = url("venue_simple_history", own.pk, old.history_id)
    assert admin_client.post(revert, form_data(admin_client.get(revert))).status_code == 302
    own.refresh_from_db()
    assert own.name == "旧名称中心"
