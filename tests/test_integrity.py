import pytest
from django.core.management import CommandError, call_command

from services import integrity
from services.models import Handling, Venue
from tests import factories

pytestmark = pytest.mark.django_db

Level = Venue.Level


@pytest.fixture
def network():
    centre = factories.venue(Level.DISTRICT_CENTRE)
    streets = [factories.venue(Level.STREET_CENTRE, parent=centre) for _ in range(2)]
    kiosk = factories.venue(Level.SELF_SERVICE_KIOSK, parent=streets[0])
    return centre, streets, kiosk


def test_a_consistent_network_has_no_problem(network):
    centre, streets, kiosk = network
    matter = factories.matter(self_service=True, delegated_to_street=True)
    for venue in [centre, kiosk, *streets]:
        factories.handling(matter, venue)
    assert list(integrity.problems()) == []
    call_command("check_integrity")


def test_a_self_service_matter_without_a_kiosk_is_reported(network):
    centre, _, _ = network
    matter = factories.matter(name="社保缴费查询", self_service=True)
    factories.handling(matter, centre)
    assert list(integrity.self_service_without_kiosk()) == [
        f"“社保缴费查询”（{matter.code}）标为 7×24 自助，但没有任何自助终端办理。"
    ]


def test_a_delegated_matter_missing_a_street_centre_is_reported(network):
    centre, streets, _ = network
    matter = factories.matter(name="残疾人证办理", delegated_to_street=True)
    factories.handling(matter, centre)
    factories.handling(matter, streets[0])
    [problem] = integrity.delegated_missing_streets()
    assert "只在 1 个街道便民服务中心办理，应为全部 2 个" in problem


def test_a_matter_missing_at_the_district_centre_is_reported(network):
    matter = factories.matter(name="出生登记")
    assert [p for p in integrity.problems() if "出生登记" in p] == [
        f"“出生登记”（{matter.code}）没有在区政务服务中心办理（区中心应办理全部事项）。"
    ]


def test_a_no_application_matter_handled_in_full_is_reported(network):
    centre, _, _ = network
    matter = factories.matter(name="高龄津贴发放", no_application=True)
    factories.handling(matter, centre, mode=Handling.Mode.FULL)
    assert len(list(integrity.handlings_on_no_application())) == 1
    Handling.objects.filter(matter=matter).update(mode=Handling.Mode.ASSIST)
    assert list(integrity.handlings_on_no_application()) == []


def test_the_command_fails_and_lists_problems(network, capsys):
    factories.matter(name="居住证申领")
    with pytest.raises(CommandError, match="发现 1 个数据问题"):
        call_command("check_integrity")
    assert "居住证申领" in capsys.readouterr().out


def test_a_station_under_the_district_centre_is_reported(network):
    centre, _, _ = network
    factories.venue(Level.COMMUNITY_STATION, parent=centre, name="建新社区便民服务站")
    assert list(integrity.venues_with_wrong_parent()) == [
        "社区便民服务站“建新社区便民服务站”不属于任何街道便民服务中心。"
    ]


def test_a_kiosk_registered_in_another_street_is_reported(network):
    _, streets, kiosk = network
    assert list(integrity.venues_in_another_street()) == []
    Venue.objects.filter(pk=kiosk.pk).update(street_name="别的街道")
    [problem] = integrity.venues_in_another_street()
    assert f"登记在“别的街道”，但属于“{streets[0].name}”" in problem


def test_a_deleted_bundled_matter_is_reported_by_the_step_it_leaves(network):
    centre = network[0]
    event, kept, lost = (
        factories.life_event(name="测试出生一件事"),
        factories.matter(),
        factories.matter(),
    )
    factories.handling(kept, centre)
    factories.bundle(event, kept)
    step = factories.bundle(event, lost, verified_name="出生登记", verified_code="X-1")
    lost.delete()
    assert list(integrity.problems()) == [
        f"一件事“测试出生一件事”第 {step.position} 步的事项“出生登记”（X-1）已被删除。"
    ]


def test_a_life_event_with_no_required_matter_is_reported(network):
    event = factories.life_event(code="empty", name="空的一件事")
    factories.bundle(event, factories.matter(), required=False, condition="仅某种情形")
    assert list(integrity.life_events_without_required_matter()) == [
        "一件事“空的一件事”（empty）没有任何必办事项。"
    ]


def test_the_one_window_venue_must_handle_every_required_matter(network):
    centre, streets, _ = network
    there, elsewhere = factories.matter(), factories.matter(name="出生登记")
    optional = factories.matter()
    for matter in (there, elsewhere, optional):
        factories.handling(matter, centre)
    factories.handling(there, streets[0])
    event = factories.life_event(name="测试一件事", venue=streets[0])
    factories.bundle(event, there)
    factories.bundle(event, elsewhere)
    factories.bundle(event, optional, required=False, condition="仅某种情形")
    assert list(integrity.life_event_venue_misses_required()) == [
        f"一件事“测试一件事”的一件事窗口设在“{streets[0].name}”，"
        f"但该场所不办理必办事项“出生登记”（{elsewhere.code}）。"
    ]
    event.venue = centre
    event.save()
    assert list(integrity.problems()) == []
