"""Query weighting: the word that tells decides; generic words only help."""

import pytest

from services.models import Matter, Synonym
from services.search import general
from tests import factories as f

pytestmark = pytest.mark.django_db


def names(q):
    return list(Matter.objects.search(q).values_list("name", flat=True))


def test_a_generic_word_shared_by_many_cannot_outrank_the_content_word():
    for i in range(12):
        f.matter(name=f"第{i}类证明开具申请")
    f.matter(name="犬类准养证核发")
    assert names("申请犬类准养证")[0] == "犬类准养证核发"


def test_a_rare_content_word_found_through_a_synonym_beats_generic_words_found_directly():
    Synonym.objects.create(term="冰箱", expansions="家电以旧换新")
    for name in ["创业补贴申请", "育儿补贴申领", "就业见习补贴申领", "法律援助补贴发放"]:
        f.matter(name=name)
    f.matter(name="家电以旧换新补贴申领")
    assert names("冰箱补贴")[0] == "家电以旧换新补贴申领"


def test_a_matter_covering_every_content_word_comes_first():
    Synonym.objects.create(term="去世", expansions="死亡 注销")
    f.matter(name="户口注销")
    f.matter(name="户口迁移审批")
    f.matter(name="非正常死亡证明")
    assert names("家里老人去世户口")[0] == "户口注销"


def test_everyday_rarity_is_measured_from_the_general_dictionary():
    assert general.rarity("情况") < general.rarity("户口") < general.rarity("犬只") <= 1
    assert general.rarity("没有这个词汇吧") == 1
