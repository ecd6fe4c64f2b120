"""Typeahead: what the resident is probably typing, from the prebuilt index, no SQL.

Everyday words of the vocabulary that start with what was typed (社保 → 社保卡, 社保转移), then
matters whose name starts with it, then matters whose name contains it, shortest first; letters
are read as the start of the full pinyin or initials of a name or a vocabulary word
(shebao, sbk). The API turns them into {"text", "kind": "matter" | "word", "url"}.
"""

from bisect import bisect_left

from .normalise import compact, normalise
from .segment import is_latin

LIMIT = 10
WORDS_FIRST = 3  # everyday words shown before the matters
SCAN = 200  # matters containing the text looked at for the shortest names


def _prefixed(sorted_keys, prefix, limit):
    """Indices of the first `limit` keys of a sorted list that start with `prefix`."""
    start = bisect_left(sorted_keys, prefix)
    stop = bisect_left(sorted_keys, prefix + "\U0010ffff", start)
    return range(start, min(stop, start + limit))


def suggestions(q, index, limit=LIMIT):
    """([words], [matter pks]) to suggest, at most `limit` in all, words first."""
    text = compact(normalise(q or ""))[:40]
    if not text:
        return [], []
    if is_latin(text):
        words = [index.spoken_words[i] for i in _prefixed(index.spoken_keys, text, limit * 4)]
        pks = list(index.pinyin_prefix(text))[: limit * 20]
    else:
        words = [index.word_list[i] for i in _prefixed(index.word_list, text, limit * 4)]
        pks = [index.name_pks[i] for i in _prefixed(index.name_keys, text, limit)]
        pks += sorted(list(index.in_names(text))[:SCAN], key=index.length.__getitem__)
    words = sorted(dict.fromkeys(w for w in words if w != text), key=len)[:WORDS_FIRST]
    return words, list(dict.fromkeys(pks))[: limit - len(words)]
