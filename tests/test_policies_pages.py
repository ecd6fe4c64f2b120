"""政务有料: the list, the article, 相关政策解读 on matter pages, drafts hidden, the API."""

import pytest

from tests import benefit_factories, factories

pytestmark = pytest.mark.django_db


def test_the_list_shows_published_explainers_newest_first_and_hides_drafts(client):
    import datetime

    benefit_factories.policy(title="旧的解读", published_on=datetime.date(2026, 1, 5))
    benefit_factories.policy(title="新的解读", published_on=datetime.date(2026, 3, 5))
    benefit_factories.policy(title="草稿", published=False)
    page = client.get("/policies/").content.decode()
    assert page.index("新的解读") < page.index("旧的解读")
    assert "草稿" not in page


def test_a_draft_has_no_page(client):
    draft = benefit_factories.policy(published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_matter_page_lists_its_explainers_under_related_policy(client):
    matter = factories.matter(name="内地居民结婚登记")
    benefit_factories.policy(title="婚姻登记跨省通办", matters=[matter])
    benefit_factories.policy(title="别的事项的解读")
    page = client.get(matter.get_absolute_url()).content.decode()
    section = page[page.index("相关政策解读") :]
    assert "婚姻登记跨省通办" in section
    assert "别的事项的解读" not in section


def test_a_matter_without_explainers_has_no_such_section(client):
    matter = factories.matter()
    assert "相关政策解读" not in client.get(matter.get_absolute_url()).content.decode()


def test_the_api_lists_explainers_and_filters_by_matter(client):
    matter = factories.matter()
    benefit_factories.policy(title="相关", matters=[matter])
    benefit_factories.policy(title="无关")
    benefit_factories.policy(title="草稿", published=False, matters=[matter])
    everything = client.get("/api/v1/policies/").json()
    assert sorted(p["title"] for p in everything["results"]) == ["无关", "相关"]
    related = client.get(f"/api/v1/policies/?matter={matter.code}").json()
    assert [p["title"] for p in related["results"]] == ["相关"]
    assert related["results"][0]["matters"] == [matter.code]


def test_an_unknown_matter_in_the_api_is_a_400_in_chinese(client):
    response = client.get("/api/v1/policies/?matter=NOPE")
    assert response.status_code == 400
    assert "没有编码为“NOPE”的事项" in response.json()["detail"]


def test_a_bad_page_number_on_the_list_shows_the_first_page(client):
    benefit_factories.policy(title="解读一")
    assert "解读一" in client.get("/policies/?page=abc").content.decode()
