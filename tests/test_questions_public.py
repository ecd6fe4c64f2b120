"""Only answered and approved questions are public (常见问题 and the API); contacts never are."""

import pytest
from django.db import IntegrityError

from tests import benefit_factories, factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def matter():
    matter = factories.matter(name="内地居民结婚登记")
    benefit_factories.question(
        matter, text="公开的问题", answer="公开的答复", public=True, contact="13900000000"
    )
    benefit_factories.question(matter, text="答了未审核的问题", answer="未公开的答复")
    benefit_factories.question(matter, text="还没答的问题", contact="wx:secret")
    return matter


def test_the_matter_page_shows_only_the_approved_answer(client, matter):
    page = client.get(matter.get_absolute_url()).content.decode()
    faq = page[page.index('id="faq"') :]
    assert "公开的问题" in faq and "公开的答复" in faq
    assert "答了未审核的问题" not in page and "未公开的答复" not in page
    assert "还没答的问题" not in page
    assert "13900000000" not in page and "secret" not in page
    assert f"/questions/ask/{matter.code}/" in faq


def test_the_api_lists_only_approved_answers_of_the_matter(client, matter):
    other = factories.matter()
    benefit_factories.question(other, text="别的事项", answer="答", public=True)
    data = client.get(f"/api/v1/questions/?matter={matter.code}").json()
    assert [q["text"] for q in data["results"]] == ["公开的问题"]
    assert data["results"][0]["answer"] == "公开的答复"
    assert data["results"][0]["matter"] == matter.code
    assert "contact" not in data["results"][0]
    assert "13900000000" not in client.get("/api/v1/questions/").content.decode()
    assert client.get("/api/v1/questions/").json()["count"] == 2


def test_an_unknown_matter_is_a_400_in_chinese(client):
    response = client.get("/api/v1/questions/?matter=NOPE")
    assert response.status_code == 400
    assert "没有编码为“NOPE”的事项" in response.json()["detail"]


def test_the_database_refuses_a_public_question_without_an_answer(matter):
    with pytest.raises(IntegrityError):
        benefit_factories.question(matter, text="无答复", public=True)


def test_a_code_with_a_nul_is_simply_not_found(client, matter):
    assert client.get(f"/api/v1/questions/?matter={matter.code}%00").status_code == 400
    assert client.get(f"/questions/ask/{matter.code}%00/").status_code == 404


def test_the_matter_page_shows_the_ten_latest_answers_and_says_so(client, matter):
    for n in range(11):
        benefit_factories.question(matter, text=f"第{n}个问题", answer="答", public=True)
    page = client.get(matter.get_absolute_url()).content.decode()
    assert page.count("<strong>问：</strong>") == 10
    assert "这里显示最新的 10 条问答" in page
