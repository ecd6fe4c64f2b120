"""Step 3: everyday words → the catalogue's words, from the Synonym rows staff edit in the admin."""

import re

from .normalise import normalise

_SEPARATORS = re.compile(r"[\s,，、;；/|]+")


def split_words(text):
    """'生育 出生' or '生育，出生' → ['生育', '出生'] (normalised, duplicates dropped)."""
    seen = []
    for part in _SEPARATORS.split(text or ""):
        word = normalise(part).replace(" ", "")
        if word and word not in seen:
            seen.append(word)
    return seen


def synonym_table(rows):
    """{term: (expansion, …)} from (term, expansions) rows, all normalised."""
    table = {}
    for term, expansions in rows:
        key = normalise(term).replace(" ", "")
        if key:
            words = [w for w in split_words(expansions) if w != key]
            table[key] = tuple(dict.fromkeys(table.get(key, ()) + tuple(words)))
    return table


def expand(word, table):
    """The catalogue words `word` stands for (empty when it has no synonym)."""
    return table.get(word, ())
