"""一件事 pages: the list, one guide (steps in order, merged checklist, time, where to go in one
visit), the home page's two lists and the link from each bundled matter's page."""

import pytest
from django.urls import reverse

from services import actions
from services.models import LifeEvent
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_guide_lists_the_steps_in_order_each_linked_to_its_matter(client):
    event = factories.newborn()
    html = client.get(reverse("services:life_event", args=["newborn"])).content.decode()
    assert "孩子出生后，父母一次办好出生医学证明和落户。" in html
    positions = [
        html.index(f">{name}</a>") for name in ("出生医学证明首次签发", "出生登记", "生育津贴申领")
    ]
    assert positions == sorted(positions)
    for step in event.bundled.all():
        assert f'href="{step.matter.get_absolute_url()}"' in html
    assert "仅母亲在职参保时" in html
    assert "全部办结不超过 7 个工作日" in html
    assert "3 个，其中必办 2 个" in html


def test_the_checklist_shows_each_material_once_with_the_steps_that_need_it(client):
    factories.newborn()
    html = client.get(reverse("services:life_event", args=["newborn"])).content.decode()
    assert html.count('type="checkbox"') == 3
    assert html.count("<strong>父母居民身份证</strong>") == 1
    assert "用于第 1、2 步" in html
    assert "原件和复印件" in html
    # A plain list of checkboxes works and prints without JavaScript; the script only adds.
    assert "data-checklist-tools" in html and "hidden" in html
    assert "services/checklist.js" in html


def test_the_guide_says_where_to_do_it_all_with_todays_hours(client):
    factories.newborn(venues=2)
    html = client.get(reverse("services:life_event", args=["newborn"])).content.decode()
    assert "以下 3 个场所能办理全部必办事项" in html
    assert html.count('class="venue-card"') == 3
    assert "今天：" in html
    assert "正在办公" in html or "现在不办公" in html


def test_the_one_window_venue_is_named_when_there_is_one(client):
    event = factories.newborn()
    centre = event.bundled.first().matter.handlings.first().venue
    LifeEvent.objects.filter(pk=event.pk).update(venue=centre)
    html = client.get(reverse("services:life_event", args=["newborn"])).content.decode()
    assert f'设有“一件事”综合窗口的<a href="{centre.get_absolute_url()}">{centre.name}</a>' in html
    assert html.count('class="venue-card"') == 1


def test_no_venue_for_every_required_matter_says_so(client):
    event = factories.life_event(code="nowhere")
    factories.bundle(event, factories.matter())
    html = client.get(reverse("services:life_event", args=["nowhere"])).content.decode()
    assert "暂时没有一个场所能办理全部必办事项" in html


def test_an_unknown_or_unpublished_event_is_a_404(client):
    factories.life_event(code="draft", published=False)
    for code in ("nope", "draft", "a\x00b"):
        response = client.get(f"/life-events/{code}/")
        assert response.status_code == 404


def test_the_list_and_the_home_page_show_persons_and_enterprises_apart(client):
    factories.newborn()
    factories.life_event(name="开办餐饮店一件事", audience=LifeEvent.Audience.ENTERPRISE)
    for url in (reverse("services:life_events"), reverse("services:home")):
        html = client.get(url).content.decode()
        person = html.index(">个人</h")
        enterprise = html.index(">企业</h")
        assert person < html.index("新生儿出生一件事") < enterprise < html.index("开办餐饮店一件事")
        assert "包含 3 个事项" in html


def test_a_matter_page_links_to_the_life_events_that_include_it(client):
    event = factories.newborn()
    matter = event.bundled.first().matter
    html = client.get(matter.get_absolute_url()).content.decode()
    assert f'<a href="{event.get_absolute_url()}">新生儿出生一件事</a>' in html
    alone = factories.matter()
    assert "可以和其他事项一起办" not in client.get(alone.get_absolute_url()).content.decode()


def test_big_text_mode_applies_to_the_guide(client):
    factories.newborn()
    client.cookies["large_text"] = "1"
    html = client.get(reverse("services:life_event", args=["newborn"])).content.decode()
    assert 'class="large-text"' in html


@pytest.mark.parametrize("venues", [1, 12])
def test_the_guide_needs_the_same_queries_for_1_or_12_venues(
    client, django_assert_num_queries, venues
):
    factories.newborn(venues=venues)
    url = reverse("services:life_event", args=["newborn"])
    # the data generation and the opening and closing times (cache key), event+department+
    # venue, steps+matters+departments, materials, their matters, today's calendar day, the
    # required matters, the venues, their periods, their exceptions.
    with django_assert_num_queries(11):
        response = client.get(url)
    assert response.content.decode().count('class="venue-card"') == venues + 1


def test_the_guide_is_cached_until_the_data_changes(client, django_assert_max_num_queries):
    event = factories.newborn()
    url = reverse("services:life_event", args=["newborn"])
    assert "最近核实" not in client.get(url).content.decode()
    with django_assert_max_num_queries(1):  # the data generation: the page comes from the cache
        assert client.get(url).status_code == 200
    actions.life_event_verify(events=[event], by=factories.staff_user())
    assert "最近核实" in client.get(url).content.decode()
