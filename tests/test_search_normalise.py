"""Query understanding, step 1: one spelling for what residents type (no database)."""

from services.search.normalise import compact, drop_fillers, normalise, simplify


def test_full_width_letters_and_digits_become_half_width():
    assert normalise("ＳＦＺ　８０岁") == "sfz 80岁"


def test_traditional_characters_become_simplified():
    assert simplify("身份證補領") == "身份证补领"
    assert normalise("結婚登記") == "结婚登记"


def test_control_characters_and_punctuation_become_single_spaces():
    assert normalise("身份证\x00\x1b丢了！？\u200b<b>") == "身份证 丢了 b"


def test_an_empty_or_missing_query_normalises_to_nothing():
    assert normalise(None) == ""
    assert normalise(" \t\n ") == ""


def test_filler_words_are_dropped():
    assert drop_fillers(normalise("我想办理结婚登记需要带什么材料")) == "结婚登记"
    assert drop_fillers(normalise("请问身份证丢了怎么办")) == "身份证丢了"
    assert drop_fillers(normalise("居住证在哪里办")) == "居住证"


def test_a_query_made_only_of_filler_is_kept_as_typed():
    assert drop_fillers("怎么办理") == "怎么办理"


def test_compact_removes_spaces():
    assert compact("结婚 登记") == "结婚登记"
