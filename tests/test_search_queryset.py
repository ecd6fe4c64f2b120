"""The search returns a QuerySet: it composes with filters, counting and pagination."""

import pytest

from services.models import Matter
from services.search import highlight_terms, rank
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_result_can_be_filtered_and_counted_and_keeps_its_order():
    f.matter(name="居民身份证换领", instant=True)
    f.matter(name="临时居民身份证申领", instant=True)
    f.matter(name="居民身份证补领")
    found = Matter.objects.search("身份证").filter(instant=True)
    assert found.count() == 2
    assert list(found.values_list("name", flat=True)) == ["居民身份证换领", "临时居民身份证申领"]


def test_it_searches_only_within_the_queryset_it_is_given():
    f.matter(name="居民身份证换领", instant=True)
    f.matter(name="居民身份证补领")
    assert list(Matter.objects.instant().search("身份证").values_list("name", flat=True)) == [
        "居民身份证换领"
    ]


def test_an_empty_query_finds_nothing():
    f.matter(name="居民身份证换领")
    assert not Matter.objects.search("").exists()
    assert not Matter.objects.search("  \x00 ").exists()


def test_sql_and_html_fragments_are_only_words():
    f.matter(name="居民身份证换领")
    assert Matter.objects.search("' OR 1=1 --").count() == 0
    assert Matter.objects.search("<script>身份证</script>").count() == 1


def test_at_most_the_most_relevant_results_are_listed(monkeypatch):
    for n in range(5):
        f.matter(name=f"参保登记{'甲' * n}")
    monkeypatch.setattr(rank, "MAX_RESULTS", 3)
    monkeypatch.setattr(rank.best, "__defaults__", (3,))
    found = Matter.objects.search("参保登记")
    assert list(found.values_list("name", flat=True)) == ["参保登记", "参保登记甲", "参保登记甲甲"]


def test_the_words_to_highlight_include_synonyms_and_corrections():
    from services.models import Synonym

    Synonym.objects.create(term="丢了", expansions="补领")
    f.matter(name="居住证申领", keywords="居住证")
    f.matter(name="居民身份证补领")
    assert highlight_terms("身份证丢了") == ["身份证", "丢了", "补领"]
    assert highlight_terms("居住正") == ["居住证"]
    assert highlight_terms("") == []
