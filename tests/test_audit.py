"""Every change to a matter, venue, link or synonym records who, when and what, and can be reverted."""

import pytest
from django.urls import reverse

from services.models import Handling, Matter, OpeningPeriod, Synonym, Theme, Venue
from services.roles import DATA_OFFICE, VENUE_MANAGER
from tests import factories
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client):
    user = factories.staff_user(DATA_OFFICE, username="office")
    client.force_login(user)
    return user


def save_through_admin(client, obj, **changes):
    url = reverse(f"admin:services_{obj._meta.model_name}_change", args=[obj.pk])
    data = form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]


def test_a_matter_change_records_who_and_each_changed_field(client, office):
    matter = factories.matter(name="旧名称", promised_days=5)
    save_through_admin(client, matter, name="新名称", promised_days="3")
    latest = matter.history.latest()
    assert latest.history_user == office
    assert latest.history_type == "~"
    delta = latest.diff_against(latest.prev_record)
    assert {c.field: (c.old, c.new) for c in delta.changes} == {
        "name": ("旧名称", "新名称"),
        "promised_days": (5, 3),
    }


def test_the_history_page_shows_the_change_and_who_made_it(client, office):
    matter = factories.matter(name="旧名称")
    save_through_admin(client, matter, name="新名称")
    page = client.get(reverse("admin:services_matter_history", args=[matter.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "office" in text
    assert "旧名称" in text and "新名称" in text


def test_the_data_office_reverts_a_matter_to_an_earlier_version(client, office):
    matter = factories.matter(name="原名称")
    save_through_admin(client, matter, name="错误名称")
    first = matter.history.earliest()
    url = reverse("admin:services_matter_simple_history", args=[matter.pk, first.history_id])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, form_data(page))
    assert response.status_code == 302
    matter.refresh_from_db()
    assert matter.name == "原名称"
    assert matter.history.latest().history_user == office


def test_a_venue_managers_hours_change_is_recorded_as_theirs(client):
    venue = factories.venue(Venue.Level.STREET_CENTRE)
    user = factories.staff_user(VENUE_MANAGER, venue=venue, username="street")
    client.force_login(user)
    factories.weekday_hours(venue, days=[0])
    save_through_admin(client, venue, phone="0371-60000001", **{"periods-0-closes": "18:00"})
    record = venue.history.latest()
    assert (record.history_user, record.phone) == (user, "0371-60000001")
    period = OpeningPeriod.history.latest()
    assert (period.history_user, period.closes.hour, period.history_type) == (user, 18, "~")


def test_links_and_synonyms_record_who_changed_them(client, office):
    matter, venue = factories.matter(), factories.venue()
    data = {"matter": matter.pk, "venue": venue.pk, "mode": "full", "window": "1号"}
    assert client.post(reverse("admin:services_handling_add"), data).status_code == 302
    handling = Handling.objects.get()
    save_through_admin(client, handling, window="2号")
    assert [h.window for h in handling.history.all()] == ["2号", "1号"]
    assert {h.history_user for h in handling.history.all()} == {office}
    data = {"term": "生孩子", "expansions": "生育 出生", "note": ""}
    assert client.post(reverse("admin:services_synonym_add"), data).status_code == 302
    assert Synonym.history.get().history_user == office


def test_a_deleted_link_stays_in_the_history(client, office):
    handling = factories.handling(factories.matter(), factories.venue())
    url = reverse("admin:services_handling_delete", args=[handling.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Handling.objects.exists()
    gone = Handling.history.filter(history_type="-").get()
    assert gone.history_user == office


def test_bulk_actions_are_recorded_too(client, office):
    matter = factories.matter()
    client.post(
        reverse("admin:services_matter_changelist"),
        {"action": "mark_instant", "_selected_action": [matter.pk]},
    )
    record = Matter.history.latest()
    assert (record.instant, record.history_user) == (True, office)


def test_a_theme_change_is_recorded_and_shown_on_the_history_page(client, office):
    kept, dropped, added = factories.theme(name="婚育"), factories.theme(name="户籍"), None
    added = factories.theme(name="社保")
    matter = factories.matter(themes=[kept, dropped])
    save_through_admin(client, matter, themes=[str(kept.pk), str(added.pk)])
    latest = matter.history.latest()
    assert latest.history_user == office
    delta = latest.diff_against(latest.prev_record)
    (change,) = [c for c in delta.changes if c.field == "themes"]
    names = lambda rows: {Theme.objects.get(pk=r["theme"]).name for r in rows}  # noqa: E731
    assert (names(change.old), names(change.new)) == ({"婚育", "户籍"}, {"婚育", "社保"})
    page = client.get(reverse("admin:services_matter_history", args=[matter.pk]))
    text = page.content.decode()
    assert "主题分类" in text and "社保" in text


def part_rows(client, name, obj):
    page = client.get(reverse(f"admin:services_{name}_history", args=[obj.pk]))
    assert page.status_code == 200
    return page.context["part_changes"], page.content.decode()


def test_the_matter_history_shows_its_materials_steps_and_venues_changing(client, office):
    matter = factories.matter()
    factories.material(matter, name="户口簿")
    venue = factories.venue(name="长江路街道便民服务中心")
    factories.handling(matter, venue)
    url = reverse("admin:services_matter_change", args=[matter.pk])
    page = client.get(url)
    data = form_data(page)
    data["materials-0-name"] = "居民户口簿"
    data["handlings-0-DELETE"] = "on"
    assert client.post(url, data).status_code == 302
    rows, text = part_rows(client, "matter", matter)
    newest = {(r["kind"], r["action"]): r for r in rows[:2]}
    renamed = newest[("申请材料", "修改")]
    assert (renamed["who"], renamed["changes"]) == (office, ["材料名称：户口簿 → 居民户口簿"])
    removed = newest[("办理地点", "删除")]
    assert (removed["who"], removed["what"]) == (office, "长江路街道便民服务中心")
    assert "户口簿 → 居民户口簿" in text and "长江路街道便民服务中心" in text
    assert [r["action"] for r in rows[2:]] == ["新增", "新增"]  # the factories' rows, oldest last


def test_the_venue_history_shows_its_hours_and_exceptions_changing(client, office):
    venue = factories.venue(Venue.Level.STREET_CENTRE)
    factories.weekday_hours(venue, days=[0])
    save_through_admin(client, venue, **{"periods-0-closes": "18:00"})
    rows, text = part_rows(client, "venue", venue)
    assert rows[0]["who"] == office
    assert rows[0]["changes"] == ["结束：17:00:00 → 18:00:00"]
    assert rows[0]["what"] == "周一 09:00–18:00"
    assert "17:00:00 → 18:00:00" in text


def test_a_save_that_changes_nothing_writes_no_history_row(client, office):
    venue = factories.venue(Venue.Level.STREET_CENTRE)
    factories.weekday_hours(venue, days=[0])
    matter = factories.matter()
    save_through_admin(client, matter)  # fills the stored pinyin search fields, a real change
    rows = venue.history.count(), matter.history.count()
    save_through_admin(client, venue)
    save_through_admin(client, matter)
    assert (venue.history.count(), matter.history.count()) == rows
    save_through_admin(client, venue, **{"periods-0-closes": "18:00"})
    assert venue.history.count() == rows[0]  # only the opening period changed
    assert OpeningPeriod.history.latest().closes.hour == 18
    save_through_admin(client, venue, phone="0371-60000009")
    assert venue.history.count() == rows[0] + 1


def test_a_part_changed_without_an_earlier_record_shows_only_its_new_values(client, office):
    matter = factories.matter()
    material = factories.material(matter, name="户口簿")
    material.history.all().delete()  # as for rows loaded from a fixture, without history
    material.name = "居民户口簿"
    material._history_user = office
    material.save()
    rows, _ = part_rows(client, "matter", matter)
    (row,) = rows
    assert row["changes"][:2] == ["此前的版本没有记录，修改后为：", "序号：0"]
    assert "材料名称：居民户口簿" in row["changes"]
    assert not any("→" in change for change in row["changes"])
