"""The ranking: exact name, name contains, keywords and synonyms, pinyin, then fuzzy."""

import pytest

from services.models import Matter, Synonym
from tests import factories as f

pytestmark = pytest.mark.django_db


def names(q):
    return list(Matter.objects.search(q).values_list("name", flat=True))


def test_the_exact_name_comes_before_names_that_contain_it():
    f.matter(name="残疾人证办理换领补充说明")
    f.matter(name="残疾人证")
    assert names("残疾人证") == ["残疾人证", "残疾人证办理换领补充说明"]


def test_a_name_containing_the_word_comes_before_a_keyword():
    f.matter(name="居民身份证换领")
    f.matter(name="临时证明开具", keywords="身份证")
    assert names("身份证") == ["居民身份证换领", "临时证明开具"]


def test_a_name_that_also_has_the_word_as_keyword_comes_before_a_shorter_name():
    f.matter(name="临时身份证明")
    f.matter(name="居民身份证换领", keywords="身份证 换身份证")
    assert names("身份证") == ["居民身份证换领", "临时身份证明"]


def test_a_keyword_comes_before_a_synonym_and_a_synonym_before_pinyin_and_fuzzy():
    Synonym.objects.create(term="老人", expansions="老年人")
    f.matter(name="高龄津贴发放", keywords="老人")  # keyword
    f.matter(name="老年人优待证办理")  # synonym in the name
    assert names("老人") == ["高龄津贴发放", "老年人优待证办理"]
    assert names("laoren") == ["高龄津贴发放", "老年人优待证办理"]  # pinyin, same order


def relevance(q):
    return dict(Matter.objects.search(q).values_list("name", "relevance"))


def test_a_typed_word_beats_a_pinyin_reading_and_pinyin_beats_a_correction():
    f.matter(name="居住证申领", keywords="居住证")
    typed, pinyin, corrected = relevance("居住证"), relevance("juzhuzheng"), relevance("居住正")
    assert typed["居住证申领"] > pinyin["居住证申领"] > corrected["居住证申领"] > 0


def test_through_pinyin_a_name_still_comes_before_a_keyword():
    f.matter(name="暂住登记", keywords="居住证")
    f.matter(name="居住证签注")
    assert names("juzhuzheng") == ["居住证签注", "暂住登记"]


def test_a_matter_answering_more_of_the_words_comes_first():
    Synonym.objects.create(term="丢了", expansions="补领")
    f.matter(name="居民身份证换领")
    f.matter(name="补领婚姻登记证")
    f.matter(name="居民身份证补领")
    assert names("身份证丢了")[0] == "居民身份证补领"


def test_the_main_matter_comes_before_its_variants_unless_the_variant_is_asked_for():
    f.matter(name="残疾人证注销")
    f.matter(name="残疾人证新办")
    assert names("残疾人证") == ["残疾人证新办", "残疾人证注销"]
    assert names("残疾人证注销")[0] == "残疾人证注销"


def test_among_equals_the_shorter_name_comes_first():
    f.matter(name="城乡居民基本医疗保险参保登记")
    f.matter(name="职工参保登记")
    assert names("参保登记") == ["职工参保登记", "城乡居民基本医疗保险参保登记"]


def test_each_result_carries_its_relevance():
    f.matter(name="失业登记")
    f.matter(name="失业登记证明打印")
    found = list(Matter.objects.search("失业登记").values_list("name", "relevance"))
    assert [name for name, _ in found] == ["失业登记", "失业登记证明打印"]
    assert found[0][1] > found[1][1] > 0


def test_a_name_typed_in_full_with_its_brackets_is_an_exact_match():
    f.matter(name="食品经营许可核发")
    f.matter(name="食品（含保健食品）经营许可核发")
    assert names("食品(含保健食品)经营许可核发")[0] == "食品（含保健食品）经营许可核发"


def test_a_matter_answering_two_synonyms_of_a_word_comes_before_one_answering_one():
    Synonym.objects.create(term="上学", expansions="入学 义务教育")
    f.matter(name="义务教育学校审批")
    f.matter(name="义务教育阶段入学报名")
    assert names("小孩上学") == ["义务教育阶段入学报名", "义务教育学校审批"]
