"""Query understanding end to end, on an index built from a few rows (no database)."""

from services.search.index import Index
from services.search.pinyin import pinyin_fields
from services.search.query import DIRECT, FUZZY, PINYIN, SYNONYM, TYPED, understand


def index(matters, synonyms=()):
    rows = [(pk, name, kw, *pinyin_fields(name, kw)) for pk, (name, kw) in enumerate(matters, 1)]
    return Index(rows, list(synonyms))


CATALOGUE = index(
    [
        ("居民身份证补领", "身份证 sfz"),
        ("居住证申领", "居住证 暂住证"),
        ("内地居民结婚登记", "结婚 婚姻登记"),
        ("生育登记", "准生证"),
    ],
    [("丢了", "补领 补办"), ("生孩子", "生育 出生"), ("社保", "社会保险 参保")],
)


def words(q):
    return [(term.word, term.alternatives) for term in understand(q, CATALOGUE).terms]


def test_a_query_is_cut_into_words_each_with_its_synonyms():
    assert words("身份证丢了") == [
        ("身份证", [("身份证", DIRECT, TYPED)]),
        ("丢了", [("丢了", DIRECT, TYPED), ("补领", SYNONYM, TYPED), ("补办", SYNONYM, TYPED)]),
    ]


def test_filler_and_traditional_characters_do_not_get_in_the_way():
    assert [w for w, _ in words("請問生孩子需要什么材料")] == ["生孩子"]


def test_full_pinyin_and_initials_are_read_through_the_dictionary():
    ((word, alternatives),) = words("jiehun")
    assert ("结婚", DIRECT, PINYIN) in alternatives
    ((word, alternatives),) = words("ＳＦＺ")
    assert word == "sfz" and ("身份证", DIRECT, PINYIN) in alternatives


def test_a_wrong_character_is_corrected_alone_or_with_its_neighbour():
    assert words("居住正") == [("居住正", [("居住证", DIRECT, FUZZY)])]
    assert [w for w, _ in words("居住正申领")] == ["居住正", "申领"]


def test_a_word_that_matches_something_is_not_corrected():
    assert words("结婚") == [("结婚", [("结婚", DIRECT, TYPED)])]


def test_nothing_searchable_gives_no_query():
    assert understand("", CATALOGUE) is None
    assert understand("？？！！\x00", CATALOGUE) is None
    assert understand("的了吗", CATALOGUE) is None


def test_a_very_long_query_is_cut_to_a_bounded_number_of_words():
    query = understand("身份证丢了结婚生孩子社保" * 200, CATALOGUE)
    assert 0 < len(query.terms) <= 12 and len(query.typed) <= 100


def test_a_negated_catalogue_word_is_not_searched():
    catalogue = index([("公司注销登记", "注销"), ("市场主体歇业备案", "歇业")], [("停业", "歇业")])
    assert [w for w, _ in words_in("想停业不注销", catalogue)] == ["停业"]
    assert [w for w, _ in words_in("想注销", catalogue)] == ["注销"]


def words_in(q, catalogue):
    return [(term.word, term.alternatives) for term in understand(q, catalogue).terms]
