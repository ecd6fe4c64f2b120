"""The data-quality page lists the life events whose bundled matter was deleted, or changed
department or name since the event was last verified (what 核实 recorded), each linked to
its admin page; re-verifying clears a change."""

import pytest
from django.urls import reverse

from services import actions, quality
from services.roles import DATA_OFFICE
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    health = factories.department(name="区卫健委")
    police = factories.department(name="区公安分局")
    birth = factories.life_event(code="birth", name="新生儿出生一件事")
    death = factories.life_event(code="death", name="身后一件事")
    calm = factories.life_event(code="school", name="入学一件事")
    certificate = factories.matter(code="WJ-1", name="出生医学证明", department=health)
    register = factories.matter(code="GA-1", name="出生登记", department=police)
    cancel = factories.matter(code="GA-2", name="户口注销", department=police)
    enrol = factories.matter(code="JY-1", name="入学报名", department=health)
    factories.bundle(birth, certificate)
    factories.bundle(birth, register)
    factories.bundle(death, cancel)
    factories.bundle(calm, enrol)
    actions.life_event_verify(events=[birth, death, calm], by=None)
    return {"birth": birth, "death": death, "calm": calm, "police": police, "health": health}


def test_a_deleted_matter_and_a_department_change_are_found_and_said(events):
    cancel = events["death"].bundled.get().matter
    cancel.delete()
    register = events["birth"].bundled.get(matter__code="GA-1").matter
    register.department = events["health"]
    register.name = "出生户口登记"
    register.save()

    assert list(quality.life_events_with_lost_matters()) == [events["death"]]
    assert list(quality.life_events_with_changed_matters()) == [events["birth"]]
    found = dict(quality.life_event_matter_problems())
    assert found[events["death"]] == ["第 1 项事项已被删除（核实时为：GA-2 户口注销）"]
    assert found[events["birth"]] == [
        "第 2 项“出生户口登记”核实后有变化：事项名称 出生登记 → 出生户口登记；"
        "实施部门 区公安分局 → 区卫健委"
    ]
    assert events["calm"] not in found


def test_verifying_again_takes_the_matters_as_they_are_now(events):
    register = events["birth"].bundled.get(matter__code="GA-1").matter
    register.department = events["health"]
    register.save()
    actions.life_event_verify(events=[events["birth"]], by=None)
    assert not quality.life_events_with_changed_matters().exists()


def test_a_matter_added_after_the_last_verification_is_not_a_change(events):
    factories.bundle(events["calm"], factories.matter(name="预防接种证"))
    assert not quality.life_events_with_changed_matters().exists()


def test_the_page_links_each_event_and_the_list_filter_shows_them(client, events):
    events["death"].bundled.get().matter.delete()
    client.force_login(factories.staff_user(DATA_OFFICE))

    page = client.get(reverse("admin-quality")).content.decode()
    listing = client.get(
        reverse("admin:services_lifeevent_changelist") + "?problem=lost_matter"
    ).content.decode()

    change = reverse("admin:services_lifeevent_change", args=[events["death"].pk])
    assert f'href="{change}"' in page
    assert "第 1 项事项已被删除（核实时为：GA-2 户口注销）" in page
    assert "身后一件事" in listing and "新生儿出生一件事" not in listing


def test_a_deleted_matter_of_an_event_never_verified_is_found_too():
    event = factories.life_event(name="退休一件事")
    matter = factories.matter()
    factories.bundle(event, matter, position=4)
    matter.delete()
    assert dict(quality.life_event_matter_problems()) == {
        event: ["第 4 项事项已被删除（该一件事从未核实，没有记下原来是哪个事项）"]
    }
