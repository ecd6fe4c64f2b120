"""The data office's quality page: incomplete guides, venues missing facts, stale records, figures."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from services import quality
from services.admin import MAX_MESSAGES
from services.models import Matter, Venue
from services.roles import DATA_OFFICE
from tests import factories

pytestmark = pytest.mark.django_db


def complete_matter(**kw):
    matter = factories.matter(**kw)
    factories.material(matter)
    factories.handling(matter, Venue.objects.first() or factories.venue())
    return matter


def test_it_finds_matters_without_materials_time_limit_or_venue():
    complete = complete_matter()
    no_materials = factories.matter()
    factories.handling(no_materials, complete.handlings.get().venue)
    no_limit = complete_matter(legal_days=None, promised_days=0)
    assert set(quality.matters_without_materials()) == {no_materials}
    assert set(quality.matters_without_time_limit()) == {no_limit}
    assert set(quality.matters_without_venue()) == set()
    nowhere = factories.matter()
    assert nowhere in quality.matters_without_venue()
    assert complete not in quality.matters_without_venue()


def test_an_instant_matter_has_no_promised_time_and_is_not_flagged():
    complete_matter(instant=True)
    assert not quality.matters_without_time_limit().exists()


def test_it_finds_venues_without_hours_or_phone():
    open_venue = factories.venue()
    factories.weekday_hours(open_venue)
    street = factories.venue(Venue.Level.STREET_CENTRE, phone="")
    kiosk = factories.venue(Venue.Level.SELF_SERVICE_KIOSK, parent=street)  # 7×24: no periods
    assert set(quality.venues_without_hours()) == {street}
    assert set(quality.venues_without_phone()) == {street}
    assert kiosk not in quality.venues_without_hours()


def test_records_not_verified_for_180_days_are_stale():
    now = timezone.now()
    fresh = factories.matter(verified_at=now - datetime.timedelta(days=179))
    old = factories.matter(verified_at=now - datetime.timedelta(days=181))
    never = factories.matter()
    assert set(quality.stale_matters(now)) == {old, never}
    assert fresh not in quality.stale_matters(now)
    venue = factories.venue(verified_at=now)
    assert venue not in quality.stale_venues(now)


def test_live_figures_are_set_next_to_the_published_ones():
    factories.venue()
    factories.matter(instant=True)
    factories.matter(delegated_to_street=True)
    rows = {row["label"]: row for row in quality.figure_rows()}
    assert rows["区政务服务中心"] == {
        "label": "区政务服务中心",
        "live": 1,
        "published": 1,
        "matches": True,
    }
    assert (rows["政务服务事项"]["live"], rows["政务服务事项"]["matches"]) == (2, False)
    assert rows["即来即办占比（%）"]["live"] == 50.0
    assert rows["下沉街道事项"]["published"] == "30+"


def test_thirty_or_more_delegated_matters_match_the_published_30_plus():
    for _ in range(31):
        factories.matter(delegated_to_street=True)
    rows = {row["label"]: row for row in quality.figure_rows()}
    assert rows["下沉街道事项"]["matches"]


def test_the_page_lists_the_problems_and_highlights_differences(client):
    factories.matter(name="缺材料的事项")
    factories.venue(Venue.Level.STREET_CENTRE, name="没电话的中心", phone="")
    client.force_login(factories.staff_user(DATA_OFFICE))
    response = client.get(reverse("admin-quality"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "缺材料的事项" in text and "没电话的中心" in text
    assert "没有申请材料的事项：1 条" in text
    assert text.count('class="differs') == sum(not r["matches"] for r in quality.figure_rows())
    assert Matter.objects.count() == 1


def test_each_section_links_to_the_full_filtered_list_of_the_same_rows(client):
    now = timezone.now()
    fresh = factories.matter(verified_at=now)
    factories.material(fresh)
    factories.handling(fresh, factories.venue())
    old = factories.matter(verified_at=now - datetime.timedelta(days=400))
    never = factories.matter()
    for _ in range(MAX_MESSAGES + 2):
        factories.matter()
    client.force_login(factories.staff_user(DATA_OFFICE))
    page = client.get(reverse("admin-quality"))
    links = {s["title"]: s["all_url"] for s in page.context["sections"]}
    counts = {s["title"]: s["count"] for s in page.context["sections"]}
    for title, url in links.items():
        if counts[title]:  # an empty section says 没有 and links nowhere
            assert f'href="{url}"' in page.content.decode()
        listed = client.get(url)
        assert listed.status_code == 200, title
        assert listed.context["cl"].result_count == counts[title], title
    stale = client.get(links["超过 180 天未核实的事项"]).context["cl"]
    assert old in stale.queryset and never in stale.queryset and fresh not in stale.queryset
    assert f"查看全部 {MAX_MESSAGES + 4} 条并批量核实" in page.content.decode()


def test_the_changelists_filter_by_freshness_and_by_problem(admin_client):
    now = timezone.now()
    fresh = factories.matter(verified_at=now)
    old = factories.matter(verified_at=now - datetime.timedelta(days=181))
    never = factories.matter()
    factories.material(never)
    url = reverse("admin:services_matter_changelist")

    def listed(**params):
        return set(admin_client.get(url, params).context["cl"].queryset)

    assert listed(verified="recent") == {fresh}
    assert listed(verified="stale") == {old, never}
    assert listed(verified="never") == {never}
    assert listed(problem="no_materials") == {fresh, old}
    quiet = factories.venue(Venue.Level.STREET_CENTRE, phone="")
    venues = reverse("admin:services_venue_changelist")
    assert set(admin_client.get(venues, {"problem": "no_phone"}).context["cl"].queryset) == {quiet}
    assert admin_client.get(url, {"verified": "nonsense"}).status_code == 200


def test_the_page_lists_broken_rules_across_records(client):
    factories.venue(Venue.Level.STREET_CENTRE)
    matter = factories.matter(name="社保缴费记录打印", self_service=True)
    client.force_login(factories.staff_user(DATA_OFFICE))
    text = client.get(reverse("admin-quality")).content.decode()
    assert f"“社保缴费记录打印”（{matter.code}）标为 7×24 自助，但没有任何自助终端办理。" in text
    assert "跨记录规则：2 个问题" in text  # and it is not at the district centre
