"""The 搜索分析 admin page: top, zero-result and unopened queries and the trend, by date; a
synonym or a matter's everyday name added there in one step is found by the next search."""

import datetime

import pytest
from django.utils import timezone

from services.models import Generation, Matter, SearchOpen, SearchQuery, Synonym
from services.roles import DATA_OFFICE, DEPARTMENT_MANAGER
from services.search import index as search_index
from tests import factories as f

pytestmark = pytest.mark.django_db


def day(n):
    return timezone.now() - timezone.timedelta(days=n)


@pytest.fixture
def office(client):
    client.force_login(f.staff_user(DATA_OFFICE))
    return client


@pytest.fixture
def logged():
    for query, results, when in [
        ("结婚", 3, day(0)), ("结婚", 3, day(0)), ("结婚", 3, day(10)),
        ("火星移民", 0, day(0)), ("养蜂", 2, day(0)),
    ]:  # fmt: skip
        SearchQuery.objects.create(query=query, results=results, searched_at=when)
    SearchOpen.objects.create(query="结婚", matter_code="M1", position=1)


def section(page, anchor):
    return page.split(f'id="{anchor}"')[1].split("<h2")[0]


def test_the_page_lists_top_zero_result_and_unopened_queries(office, logged):
    page = office.get("/admin/search/").content.decode()
    assert "结婚" in section(page, "top") and "<td>3</td>" in section(page, "top")
    assert "火星移民" in section(page, "zero") and "结婚" not in section(page, "zero")
    assert "养蜂" in section(page, "unopened") and "结婚" not in section(page, "unopened")
    assert timezone.localdate().isoformat() in section(page, "trend")


def test_the_lists_are_filtered_by_date(office, logged):
    start = (timezone.localdate() - datetime.timedelta(days=12)).isoformat()
    end = (timezone.localdate() - datetime.timedelta(days=5)).isoformat()
    page = office.get("/admin/search/", {"start": start, "end": end}).content.decode()
    assert "<td>1</td>" in section(page, "top") and "火星移民" not in page.split('id="zero"')[1]


def test_a_bad_date_is_said_in_chinese_not_a_500(office, logged):
    response = office.get("/admin/search/", {"start": "2026-13-45"})
    assert response.status_code == 200 and "日期格式不对" in response.content.decode()


def test_only_the_data_office_sees_it(client):
    client.force_login(f.staff_user(DEPARTMENT_MANAGER, department=f.department()))
    assert client.get("/admin/search/").status_code == 403


def test_a_word_added_in_one_step_is_found_by_the_next_search(office):
    f.matter(name="蜂农登记", code="NY-001")
    assert not Matter.objects.search("养蜂")
    response = office.post("/admin/search/", {"term": "养蜂", "target": "蜂农"})
    assert response.status_code == 302
    assert list(Matter.objects.search("养蜂").values_list("name", flat=True)) == ["蜂农登记"]


def test_a_matter_code_adds_the_query_as_that_matters_everyday_name(office):
    f.matter(name="犬类准养证核发", code="GA-009")
    f.matter(name="犬类收容登记", code="GA-010")
    office.post("/admin/search/", {"term": "狗牌", "target": "GA-009"})
    assert Synonym.objects.get(term="狗牌").expansions == "犬类准养证核发"
    assert Matter.objects.search("狗牌")[0].code == "GA-009"


def test_an_empty_target_is_refused_with_a_message(office):
    response = office.post("/admin/search/", {"term": "养蜂", "target": " "}, follow=True)
    assert not Synonym.objects.exists()
    assert "请填写" in response.content.decode() or "必填" in response.content.decode()


def test_the_synonym_reaches_a_process_that_did_not_make_the_change(office):
    """Another worker has its own index: it sees the change through the search generation in
    the database, which the one-step synonym moves in its own transaction."""
    f.matter(name="蜂农登记")
    index = search_index.current_index()  # built before the change, as in a long-running worker
    before = Generation.objects.numbers()["search"]
    office.post("/admin/search/", {"term": "养蜂", "target": "蜂农"})
    assert Generation.objects.numbers()["search"] != before
    assert search_index.current_index() is not index
    assert [m.name for m in Matter.objects.search("养蜂")] == ["蜂农登记"]
