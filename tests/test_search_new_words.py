"""Segmentation that meets new words: runs outside the catalogue's vocabulary are cut with a
general dictionary, so that their words can still meet synonyms."""

import pytest

from services.models import Matter, Synonym
from services.search import general
from services.search.index import Index
from services.search.pinyin import pinyin_fields
from services.search.query import understand
from tests import factories as f


def index(matters, synonyms=()):
    rows = [(pk, name, kw, *pinyin_fields(name, kw)) for pk, (name, kw) in enumerate(matters, 1)]
    return Index(rows, list(synonyms))


def test_an_unknown_run_is_cut_into_everyday_words():
    assert general.cut("家里冰箱用了十几年") == ["家里", "冰箱", "用", "了", "十几年"]


def test_catalogue_words_are_preferred_when_cutting():
    assert general.cut("办居住证", known={"居住证"}) == ["办", "居住证"]


def test_words_of_a_new_phrase_meet_their_synonyms_and_filler_is_dropped():
    catalogue = index([("家电以旧换新补贴申领", "")], [("冰箱", "家电以旧换新")])
    words = [t.word for t in understand("家里冰箱用了十几年想换一下", catalogue).terms]
    assert "冰箱" in words
    assert not {"一下", "了", "想"} & set(words)


@pytest.mark.django_db
def test_a_phrase_with_a_new_word_finds_the_matter_through_its_synonym():
    Synonym.objects.create(term="网吧", expansions="互联网上网服务营业场所")
    f.matter(name="开办互联网上网服务营业场所")
    f.matter(name="个体工商户设立登记")
    found = Matter.objects.search("想开个网吧")
    assert found[0].name == "开办互联网上网服务营业场所"
