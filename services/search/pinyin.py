"""Pinyin: the stored fields on each matter, and pinyin keys for the search dictionary."""

import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

_SEPARATORS = re.compile(r"[\s,，、;；/]+")


def pinyin_fields(*texts):
    """Full pinyin and initials of each word, space-separated, for queries like `shebao`, `sfz`.

    Each name or keyword becomes one run of syllables ("juminshenfenzhenghuanling", "jmsfzhl").
    """
    words = [w for text in texts for w in _SEPARATORS.split(text or "") if w]
    full = [("".join(lazy_pinyin(w, errors="ignore"))).lower() for w in words]
    initials = [
        ("".join(lazy_pinyin(w, style=Style.FIRST_LETTER, errors="ignore"))).lower() for w in words
    ]
    return " ".join(f for f in full if f), " ".join(i for i in initials if i)


@lru_cache(maxsize=65536)
def word_pinyin(word):
    """(full, initials) of one word without tones: 社保 → ('shebao', 'sb')."""
    syllables = lazy_pinyin(word, errors="ignore")
    return "".join(syllables).lower(), "".join(s[0] for s in syllables if s).lower()


def char_pinyin(text):
    """The toneless pinyin of each character of `text`, in context (for homophone windows)."""
    out = lazy_pinyin(text, errors=lambda chars: list(chars))
    return out if len(out) == len(text) else [word_pinyin(c)[0] or c for c in text]
