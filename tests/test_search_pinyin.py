"""Query understanding, step 4: pinyin, full (shebao) and initials (sfz)."""

from services.search.pinyin import pinyin_fields, word_pinyin


def test_each_word_gets_its_full_pinyin_and_its_initials():
    assert pinyin_fields("居民身份证换领", "身份证 社保") == (
        "juminshenfenzhenghuanling shenfenzheng shebao",
        "jmsfzhl sfz sb",
    )


def test_a_word_pinyin_has_no_tones():
    assert word_pinyin("结婚") == ("jiehun", "jh")


def test_empty_texts_give_empty_fields():
    assert pinyin_fields("", None) == ("", "")
