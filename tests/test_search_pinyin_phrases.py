"""Pinyin of any word of a name, and initials or full pinyin of a phrase of several words."""

import pytest

from services.models import Matter
from tests import factories as f

pytestmark = pytest.mark.django_db


def first(q):
    return Matter.objects.search(q).values_list("name", flat=True).first()


@pytest.fixture
def catalogue():
    for name in [
        "普通护照签发",
        "居民身份证补领",
        "居民身份证换领",
        "社会保障卡申领",
        "内地居民结婚登记",
    ]:
        f.matter(name=name)


def test_the_full_pinyin_of_a_word_inside_a_name_finds_it(catalogue):
    assert first("huzhao") == "普通护照签发"


def test_pinyin_of_a_phrase_without_spaces_is_cut_into_words(catalogue):
    assert first("huzhaobanli") == "普通护照签发"
    assert first("shenfenzhengbuling") == "居民身份证补领"


def test_initials_of_a_phrase_of_several_words(catalogue):
    assert first("sfzbl") == "居民身份证补领"
    assert first("sfzhl") == "居民身份证换领"


def test_pinyin_that_only_says_banli_is_filler(catalogue):
    assert first("huzhao banli") == "普通护照签发"


def test_pinyin_mixed_with_characters(catalogue):
    assert first("身份证buling") == "居民身份证补领"
