"""Residents' own phrasings, none of them in the benchmark's dev set, find the right matter."""

import pytest

from services.models import Matter, Synonym
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    for term, expansions in [
        ("补办", "补领 补发"),
        ("丢了", "补领 补办 挂失"),
        ("生小孩", "生育 出生"),
        ("开餐馆", "食品经营许可 个体工商户设立登记"),
        ("医保", "医疗保险"),
        ("看病", "就医"),
        ("外地", "异地"),
        ("老人", "老年人 高龄"),
    ]:
        Synonym.objects.create(term=term, expansions=expansions)
    for name, keywords in [
        ("居民身份证换领", "身份证"),
        ("居民身份证补领", "身份证"),
        ("出生登记", "上户口"),
        ("生育登记", "准生证"),
        ("食品经营许可", "餐饮"),
        ("个体工商户设立登记", "个体户 营业执照"),
        ("公司设立登记", "营业执照"),
        ("基本医疗保险关系转移接续", ""),
        ("失业保险关系转移", ""),
        ("城乡居民基本医疗保险参保登记", "医保"),
        ("异地就医备案", ""),
        ("老年人优待证办理", "老年证"),
        ("居住证申领", "居住证"),
        ("结婚登记", "结婚"),
    ]:
        f.matter(name=name, keywords=keywords)


def top(q, n=1):
    return list(Matter.objects.search(q).values_list("name", flat=True)[:n])


def test_补办身份证_finds_the_replacement_of_a_lost_card(catalogue):
    assert top("补办身份证") == ["居民身份证补领"]


def test_生小孩_finds_birth_and_childbirth_registration(catalogue):
    assert set(top("生小孩", 2)) == {"出生登记", "生育登记"}


def test_开餐馆_finds_the_food_licence_and_the_business_registration(catalogue):
    assert set(top("开餐馆", 2)) == {"食品经营许可", "个体工商户设立登记"}


def test_医保转移_finds_the_medical_insurance_transfer(catalogue):
    assert top("医保转移") == ["基本医疗保险关系转移接续"]


def test_外地看病_finds_the_registration_for_care_elsewhere(catalogue):
    assert top("外地看病") == ["异地就医备案"]


def test_a_traditional_spelling_with_filler_still_finds_it(catalogue):
    assert top("請問身份證丟了怎麼辦") == ["居民身份证补领"]


def test_full_width_initials_find_the_identity_card(catalogue):
    assert set(top("ＳＦＺ", 2)) == {"居民身份证换领", "居民身份证补领"}


def test_a_homophone_typo_inside_a_longer_query_is_tolerated(catalogue):
    assert top("居住正申领") == ["居住证申领"]


def test_a_phrase_nothing_answers_finds_nothing(catalogue):
    assert top("火星移民", 5) == []
