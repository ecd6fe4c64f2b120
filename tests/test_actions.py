"""The bulk writes in services/actions.py, and the admin actions that call them."""

import datetime

import pytest
from django.urls import reverse

from services import actions
from services.models import Handling, Matter, Venue
from services.roles import DATA_OFFICE
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return factories.staff_user(DATA_OFFICE)


@pytest.fixture
def streets():
    return [factories.venue(Venue.Level.STREET_CENTRE) for _ in range(3)]


def test_marking_instant_also_makes_it_same_day_and_reports_the_change(office):
    promised = factories.matter(name="承诺事项", legal_days=20, promised_days=10)
    already = factories.matter(instant=True)
    report = actions.matters_mark_instant(matters=[promised, already], by=office)
    promised.refresh_from_db()
    assert (promised.instant, promised.handling_type, promised.promised_days) == (
        True,
        "instant",
        0,
    )
    assert (report.changed, report.unchanged) == (1, 1)
    assert report.notes == [
        f"“承诺事项”（{promised.code}）：办件类型由“承诺件”改为“即办件”，承诺时限由 10 个工作日改为 0。"
    ]


def test_a_row_that_fails_validation_is_reported_and_left_alone(office):
    good = factories.matter()
    bad = factories.matter(name="坏数据")
    Matter.objects.filter(pk=bad.pk).update(online_url="不是网址")
    bad.refresh_from_db()
    report = actions.matters_mark_instant(matters=[good, bad], by=office)
    assert report.changed == 1
    assert len(report.problems) == 1 and report.problems[0].startswith("“坏数据”")
    assert not Matter.objects.get(pk=bad.pk).instant
    assert Matter.objects.get(pk=good.pk).instant


def test_marking_self_service_warns_when_no_kiosk_handles_it(office):
    kiosk = factories.venue(Venue.Level.SELF_SERVICE_KIOSK)
    at_kiosk, nowhere = factories.matter(), factories.matter(name="无终端")
    factories.handling(at_kiosk, kiosk)
    report = actions.matters_mark_self_service(matters=[at_kiosk, nowhere], by=office)
    assert Matter.objects.self_service().count() == 2
    assert len(report.notes) == 1 and "无终端" in report.notes[0]


def test_delegating_links_the_matter_to_every_street_centre_once(office, streets):
    matter = factories.matter()
    factories.handling(matter, streets[0], window="老窗口")
    actions.matter_delegate_to_streets(matters=[matter], by=office)
    actions.matter_delegate_to_streets(matters=Matter.objects.all(), by=office)
    matter.refresh_from_db()
    assert matter.delegated_to_street
    assert sorted(h.venue_id for h in matter.handlings.all()) == sorted(s.pk for s in streets)
    assert matter.handlings.get(venue=streets[0]).window == "老窗口"


def test_delegating_records_the_new_links_in_the_history(office, streets):
    actions.matter_delegate_to_streets(matters=[factories.matter()], by=office)
    assert Handling.history.filter(history_user=office, history_type="+").count() == 3


def test_adding_and_removing_at_venues(office, streets):
    a, b = factories.matter(), factories.matter()
    report = actions.matter_add_to_venues(
        matters=[a, b], venues=streets[:2], by=office, mode="accept", window="综合窗口"
    )
    assert (report.changed, Handling.objects.filter(mode="accept").count()) == (4, 4)
    again = actions.matter_add_to_venues(matters=[a], venues=streets, by=office)
    assert (again.changed, again.unchanged) == (1, 2)
    removed = actions.matter_remove_from_venues(matters=[a, b], venues=streets[:1], by=office)
    assert removed.changed == 2
    assert not Handling.objects.filter(venue=streets[0]).exists()
    assert Handling.history.filter(history_type="-", history_user=office).count() == 2


def test_removing_a_delegated_matter_from_a_street_says_the_flag_no_longer_holds(office, streets):
    matter = factories.matter(name="下沉事项")
    actions.matter_delegate_to_streets(matters=[matter], by=office)
    matter.refresh_from_db()
    report = actions.matter_remove_from_venues(matters=[matter], venues=streets[:1], by=office)
    assert "下沉事项" in report.notes[0]


def test_verifying_records_when_and_by_whom(office):
    matter, venue = factories.matter(), factories.venue()
    actions.matter_verify(matters=[matter], by=office)
    actions.venue_verify(venues=[venue], by=office)
    for obj in (matter, venue):
        obj.refresh_from_db()
        assert obj.verified_by == office
        assert obj.verified_at > datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1)


def test_the_admin_action_page_adds_matters_at_the_chosen_venues(client, office, streets):
    matter = factories.matter()
    kiosk = factories.venue(Venue.Level.SELF_SERVICE_KIOSK)
    client.force_login(office)
    changelist = reverse("admin:services_matter_changelist")
    chosen = {"action": "add_to_venues", "_selected_action": [matter.pk]}
    page = client.post(changelist, chosen)
    assert page.status_code == 200 and "在选定场所添加办理" in page.content.decode()
    form = {"apply": "1", "venues": [streets[0].pk], "levels": ["self_service_kiosk"]}
    form.update(mode="full", window="A1")
    response = client.post(changelist, {**chosen, **form})
    assert response.status_code == 302
    assert {h.venue for h in matter.handlings.all()} == {streets[0], kiosk}


def test_the_admin_action_page_asks_again_when_nothing_is_chosen(client, office):
    matter = factories.matter()
    client.force_login(office)
    data = {"action": "remove_from_venues", "_selected_action": [matter.pk], "apply": "1"}
    response = client.post(reverse("admin:services_matter_changelist"), data)
    assert response.status_code == 200
    assert "请至少选择一个场所或一个层级。" in response.content.decode()


def test_the_admin_delegate_and_verify_actions(client, office, streets):
    matter = factories.matter()
    venue = streets[0]
    client.force_login(office)
    for name in ("delegate_to_streets", "verify"):
        data = {"action": name, "_selected_action": [matter.pk]}
        client.post(reverse("admin:services_matter_changelist"), data)
    data = {"action": "verify", "_selected_action": [venue.pk]}
    response = client.post(reverse("admin:services_venue_changelist"), data, follow=True)
    assert "核实场所：1 条已修改" in response.content.decode()
    matter.refresh_from_db()
    venue.refresh_from_db()
    assert matter.delegated_to_street and matter.handlings.count() == 3
    assert matter.verified_by == office and venue.verified_by == office


def test_the_admin_reports_each_row_that_could_not_be_changed(client, office):
    bad = factories.matter(name="坏数据")
    Matter.objects.filter(pk=bad.pk).update(online_url="不是网址")
    good = factories.matter()
    client.force_login(office)
    data = {"action": "mark_instant", "_selected_action": [bad.pk, good.pk]}
    response = client.post(reverse("admin:services_matter_changelist"), data, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert shown[0] == "标为即来即办：1 条已修改，0 条原本如此无需修改。1 条未能修改，原因见下。"
    assert shown[1].startswith(f"“坏数据”（{bad.code}）未修改：")
    assert shown[1].endswith("请输入合法的URL。")


def test_the_admin_shows_at_most_twenty_lines_and_counts_the_rest(client, office):
    matters = [factories.matter() for _ in range(25)]
    client.force_login(office)
    data = {"action": "mark_self_service", "_selected_action": [m.pk for m in matters]}
    response = client.post(reverse("admin:services_matter_changelist"), data, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert len(shown) == 1 + 20 + 1
    assert shown[-1] == "……另有 5 条说明未列出。"


def test_unmarking_instant_keeps_the_matter_same_day_and_says_so(office):
    instant = factories.matter(name="即办事项", instant=True)
    plain = factories.matter(instant=False)
    report = actions.matters_unmark_instant(matters=[instant, plain], by=office)
    instant.refresh_from_db()
    assert (instant.instant, instant.handling_type, instant.promised_days) == (
        False,
        "instant",
        0,
    )
    assert (report.changed, report.unchanged, report.problems) == (1, 1, [])
    assert report.notes == [
        f"“即办事项”（{instant.code}）：仍为“即办件”，承诺时限 0 个工作日；"
        "如改为承诺件，请在事项页面修改办件类型和承诺时限。"
    ]
    assert instant.history.latest().history_user == office


def test_unmarking_instant_reports_a_row_that_fails_validation(office):
    bad = factories.matter(name="坏数据", instant=True)
    Matter.objects.filter(pk=bad.pk).update(online_url="不是网址")
    bad.refresh_from_db()
    report = actions.matters_unmark_instant(matters=[bad], by=office)
    assert report.changed == 0 and len(report.problems) == 1
    assert report.problems[0].startswith("“坏数据”")
    assert Matter.objects.get(pk=bad.pk).instant


def test_unmarking_self_service_names_the_kiosks_still_linked(office):
    kiosk = factories.venue(Venue.Level.SELF_SERVICE_KIOSK)
    at_kiosk = factories.matter(name="终端事项", self_service=True)
    gone = factories.matter(self_service=True)
    factories.handling(at_kiosk, kiosk)
    report = actions.matters_unmark_self_service(matters=[at_kiosk, gone], by=office)
    assert not Matter.objects.self_service().exists()
    assert report.changed == 2
    assert len(report.notes) == 1 and "终端事项" in report.notes[0] and "1 台" in report.notes[0]


def test_the_admin_unmark_actions_change_the_selected_matters(client, office):
    client.force_login(office)
    both = factories.matter(instant=True, self_service=True)
    url = reverse("admin:services_matter_changelist")
    for action in ("unmark_instant", "unmark_self_service"):
        response = client.post(url, {"action": action, "_selected_action": [both.pk]})
        assert response.status_code == 302
    both.refresh_from_db()
    assert (both.instant, both.self_service) == (False, False)
