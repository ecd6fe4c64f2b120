"""Typeahead: GET /api/v1/suggest/?q= → at most 10 {text, kind, url}; bad input is a 400."""

import pytest

from services.models import Synonym
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    Synonym.objects.create(term="社保卡", expansions="社会保障卡")
    Synonym.objects.create(term="社保转移", expansions="养老保险关系转移接续")
    for name in ["社会保障卡申领", "社会保障卡挂失", "社保补贴申领", "居民身份证补领"]:
        f.matter(name=name)


def suggest(client, q):
    response = client.get("/api/v1/suggest/", {"q": q})
    assert response.status_code == 200
    return response.json()["results"]


def test_words_then_matters_with_their_kind_and_url(client, catalogue):
    results = suggest(client, "社保")
    assert results[0] == {
        "text": "社保卡",
        "kind": "word",
        "url": "/search/?q=%E7%A4%BE%E4%BF%9D%E5%8D%A1",
    }
    assert {"text": "社保补贴申领", "kind": "matter"}.items() <= results[2].items()
    assert results[2]["url"].startswith("/matters/")
    assert all(set(r) == {"text", "kind", "url"} for r in results)


def test_a_name_prefix_suggests_the_matter(client, catalogue):
    texts = [r["text"] for r in suggest(client, "社会保障卡")]
    assert texts[:2] == ["社会保障卡挂失", "社会保障卡申领"]


def test_pinyin_and_initials_suggest(client, catalogue):
    assert "社会保障卡申领" in [r["text"] for r in suggest(client, "shehuibaozhang")]
    assert "社保卡" in [r["text"] for r in suggest(client, "sbk")]


def test_at_most_ten(client):
    for i in range(15):
        f.matter(name=f"社保事项{i:02d}")
    assert len(suggest(client, "社保")) == 10


def test_nothing_typed_suggests_nothing(client, catalogue):
    assert suggest(client, "") == []
    assert suggest(client, "\x00\x01") == []


def test_a_too_long_query_is_a_400_with_a_chinese_detail(client):
    response = client.get("/api/v1/suggest/", {"q": "社" * 101})
    assert response.status_code == 400
    assert "太长" in response.json()["detail"]
