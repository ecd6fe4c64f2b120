"""Everyday Chinese beyond the catalogue: jieba's general dictionary, read as data.

Two uses: cutting a run the catalogue's vocabulary does not know into sensible words
(冰箱用了十几年 → 冰箱 用 了 十几年, so that 冰箱 can meet a synonym) and telling how much a word
says (情况, 一下 are everywhere in Chinese; 冰箱, 护照 are not). Only jieba's dictionary file
(349,046 words with their frequency in a large general corpus) is used, not its tokenizer:
the tokenizer's prefix dictionary costs 78 MB and 1.7–2.7 s per process, this table of words
up to `MAX_LENGTH` characters about a third of that (figures in docs/benchmarks.md). It is
read once per process (`load()`; the WSGI module calls it so that workers forked from a
preloading server share it) and never changes.
"""

import math
from functools import cache
from importlib.resources import files

MAX_LENGTH = 4  # longer entries are rare idioms and names; the catalogue has its own words


MIN_FREQUENCY = 5  # rarer entries are mostly obscure names: they would only cut runs oddly
CATALOGUE_COST = 50  # a catalogue word counts as a common word (−10·ln p ≈ 50) when cutting


@cache
def load():
    """{word: cost}: each word's −10·ln(probability), rounded (small ints cost no memory)."""
    counts, total = {}, 0
    with (files("jieba") / "dict.txt").open(encoding="utf-8") as lines:
        for line in lines:
            word, count, _ = line.split(" ", 2)
            count = int(count)
            total += count
            if len(word) <= MAX_LENGTH and count >= MIN_FREQUENCY:
                counts[word] = count
    log_total = math.log(total)
    return {word: round(10 * (log_total - math.log(n))) for word, n in counts.items()}


@cache
def unseen_cost():
    """The cost of a word the dictionary does not have: just beyond its rarest entry."""
    return max(load().values()) + 10


def rarity(word):
    """How much `word` says in everyday Chinese, 0 (the commonest) … 1 (unseen)."""
    return load().get(word, unseen_cost()) / unseen_cost()


def cut(run, known=frozenset(), longest=MAX_LENGTH):
    """The most probable cut of `run` into words of the general dictionary and `known`.

    Dynamic programming over the words' costs (−log-probabilities, jieba's own method without
    its HMM for unseen words): the cheapest cut wins; a character no word covers stands alone.
    """
    table, unseen = load(), unseen_cost()
    size = len(run)
    best = [(0, size)] * (size + 1)  # best[i] = (cost of cutting run[i:], end of its 1st word)
    for i in range(size - 1, -1, -1):
        choices = []
        for j in range(i + 1, min(size, i + max(longest, MAX_LENGTH)) + 1):
            word = run[i:j]
            cost = CATALOGUE_COST if word in known else table.get(word)
            if cost is not None or j == i + 1:
                choices.append(((cost or unseen) + best[j][0], j))
        best[i] = min(choices)
    words, i = [], 0
    while i < size:
        j = best[i][1]
        words.append(run[i:j])
        i = j
    return words


def words(run, known=frozenset(), longest=MAX_LENGTH):
    """`cut`, with characters left alone joined back into one word: 居民身份证补领 → 居民
    身份证 补领, 申请犬类准养证 → 申请 犬类准养证 (a name's own term the dictionary lacks)."""
    out, singles = [], []
    for word in cut(run, known, longest):
        if len(word) == 1:
            singles.append(word)
            continue
        if singles:
            out.append("".join(singles))
            singles = []
        out.append(word)
    if singles:
        out.append("".join(singles))
    return out
