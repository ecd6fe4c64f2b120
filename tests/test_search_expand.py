"""Query understanding, step 3: everyday words expand to catalogue words (Synonym rows)."""

from services.search.expand import expand, split_words, synonym_table


def test_expansions_may_be_separated_by_spaces_commas_or_enumeration_commas():
    assert split_words("生育 出生，生育津贴、出生") == ["生育", "出生", "生育津贴"]


def test_the_table_is_normalised_and_a_term_never_expands_to_itself():
    table = synonym_table([("生孩子", "生育 出生"), ("丟了", "補領 丢了")])
    assert expand("生孩子", table) == ("生育", "出生")
    assert expand("丢了", table) == ("补领",)


def test_a_word_without_synonyms_expands_to_nothing():
    assert expand("火星", synonym_table([("生孩子", "生育")])) == ()
