"""No silent lost edits: two staff open the same matter (or venue); the second save, made from
what they saw before the first one's save, is refused with what changed meanwhile, and keeps
what they typed, so that saving again re-applies it on purpose."""

import pytest
from django.urls import reverse

from services.models import Material, Matter, Venue
from services.roles import DATA_OFFICE
from tests import factories
from tests.admin_forms import form_data, inline_prefix

pytestmark = pytest.mark.django_db

STALE = "您打开这个页面之后，这条政务服务事项已被他人修改"


@pytest.fixture
def two_staff(client, django_user_model):
    from django.test import Client

    first, second = client, Client()
    first.force_login(factories.staff_user(DATA_OFFICE, username="zhang", first_name="张"))
    second.force_login(factories.staff_user(DATA_OFFICE, username="li", first_name="李"))
    return first, second


@pytest.fixture
def matter():
    matter = factories.matter(name="居民身份证换领", fee="不收费")
    factories.material(matter, position=1, name="居民身份证")
    return matter


def opened(client, obj, name="matter"):
    url = reverse(f"admin:services_{name}_change", args=[obj.pk])
    return url, form_data(client.get(url))


def test_the_second_save_from_an_older_page_is_refused_and_says_what_changed(two_staff, matter):
    first, second = two_staff
    url, first_form = opened(first, matter)
    _, second_form = opened(second, matter)

    assert first.post(url, first_form | {"name": "居民身份证换领（补领）"}).status_code == 302
    response = second.post(url, second_form | {"fee": "工本费 20 元"})

    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page
    assert "事项名称：居民身份证换领 → 居民身份证换领（补领）" in page
    saved = Matter.objects.get(pk=matter.pk)
    assert (saved.name, saved.fee) == ("居民身份证换领（补领）", "不收费")


def test_saving_again_re_applies_what_the_second_person_typed(two_staff, matter):
    first, second = two_staff
    url, first_form = opened(first, matter)
    _, second_form = opened(second, matter)
    first.post(url, first_form | {"name": "居民身份证换领（补领）"})
    refused = second.post(url, second_form | {"fee": "工本费 20 元"})

    shown = form_data(refused)  # the page as shown again: their values, the new version
    assert shown["fee"] == "工本费 20 元"
    assert shown["version"] != second_form["version"]
    again = second_form | {"fee": "工本费 20 元", "version": shown["version"]}
    assert second.post(url, again | {"name": "居民身份证换领（补领）"}).status_code == 302
    saved = Matter.objects.get(pk=matter.pk)
    assert (saved.name, saved.fee) == ("居民身份证换领（补领）", "工本费 20 元")


def test_a_change_to_a_material_meanwhile_is_caught_too(two_staff, matter):
    first, second = two_staff
    url, first_form = opened(first, matter)
    page = second.get(url)
    second_form = form_data(page)
    prefix = inline_prefix(page, Material)
    first.post(url, first_form | {f"{prefix}-0-name": "居民身份证（原件）"})

    response = second.post(url, second_form | {"keywords": "换证"})
    assert STALE in response.content.decode()
    assert "名称：居民身份证 → 居民身份证（原件）" in response.content.decode()
    assert Material.objects.get(matter=matter).name == "居民身份证（原件）"


def test_one_person_saving_twice_is_never_refused(two_staff, matter):
    first, _ = two_staff
    url, form = opened(first, matter)
    assert first.post(url, form | {"fee": "工本费 20 元"}).status_code == 302
    _, form = opened(first, matter)
    assert first.post(url, form | {"fee": "工本费 10 元"}).status_code == 302
    assert Matter.objects.get(pk=matter.pk).fee == "工本费 10 元"


def test_a_verification_meanwhile_does_not_refuse_a_save(two_staff, matter):
    first, second = two_staff
    url, form = opened(second, matter)
    data = {"action": "verify", "_selected_action": [matter.pk]}
    first.post(reverse("admin:services_matter_changelist"), data)
    assert second.post(url, form | {"fee": "工本费 20 元"}).status_code == 302


def test_the_same_holds_for_a_venue(two_staff):
    first, second = two_staff
    venue = factories.venue(phone="0371-66000000")
    url, first_form = opened(first, venue, "venue")
    _, second_form = opened(second, venue, "venue")
    assert first.post(url, first_form | {"phone": "0371-66001111"}).status_code == 302
    response = second.post(url, second_form | {"address": "郑州市二七区大学路 1 号"})
    page = response.content.decode()
    assert "这条服务场所已被他人修改" in page
    assert "电话：0371-66000000 → 0371-66001111" in page
    assert Venue.objects.get(pk=venue.pk).phone == "0371-66001111"


def test_a_garbled_version_is_refused_not_an_error(two_staff, matter):
    first, _ = two_staff
    url, form = opened(first, matter)
    response = first.post(url, form | {"version": "not-a-version"})
    assert response.status_code == 200
    assert STALE in response.content.decode()
