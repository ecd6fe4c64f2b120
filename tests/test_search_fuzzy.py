"""Query understanding, step 5: one wrong character, a homophone first."""

from services.search.fuzzy import corrections, masks
from services.search.pinyin import word_pinyin

LEXICON = ["居住证", "残疾人证", "身份证", "结婚"]
BY_PINYIN = {}
BY_MASK = {}
for word in LEXICON:
    BY_PINYIN.setdefault(word_pinyin(word)[0], []).append(word)
    for key in masks(word):
        BY_MASK.setdefault(key, []).append(word)


def test_a_homophone_is_corrected_to_the_dictionary_word():
    assert corrections("居住正", BY_PINYIN, BY_MASK) == ["居住证"]
    assert corrections("身分证", BY_PINYIN, BY_MASK) == ["身份证"]


def test_one_different_character_is_corrected_in_words_of_three_or_more():
    assert corrections("残疾人正", BY_PINYIN, BY_MASK) == ["残疾人证"]
    assert corrections("残疾人卡", BY_PINYIN, BY_MASK) == ["残疾人证"]


def test_two_character_words_are_only_corrected_by_sound():
    assert corrections("节婚", BY_PINYIN, BY_MASK) == ["结婚"]
    assert corrections("结果", BY_PINYIN, BY_MASK) == []


def test_nothing_is_corrected_into_itself_or_from_letters():
    assert corrections("居住证", BY_PINYIN, BY_MASK) == []
    assert corrections("sfz", BY_PINYIN, BY_MASK) == []
