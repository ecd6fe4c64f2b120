"""Query understanding, step 2: cutting a query into words with a small dictionary."""

from services.search.segment import chunks, is_latin, segment

WORDS = frozenset({"身份证", "丢了", "居民身份证", "结婚", "登记", "结婚登记"})


def cut(text):
    return segment(text, WORDS, max(map(len, WORDS)))


def test_the_longest_dictionary_word_wins():
    assert cut("结婚登记") == ["结婚登记"]
    assert cut("居民身份证丢了") == ["居民身份证", "丢了"]


def test_unknown_characters_stay_together_as_one_word():
    assert cut("火星移民") == ["火星移民"]
    assert cut("身份证挂失") == ["身份证", "挂失"]


def test_runs_of_stop_characters_are_dropped():
    assert cut("办身份证") == ["身份证"]
    assert cut("我要结婚") == ["结婚"]


def test_pinyin_is_cut_apart_from_chinese():
    assert chunks("sfz丢了") == ["sfz", "丢了"]
    assert is_latin("sfz") and not is_latin("丢了") and not is_latin("80")
