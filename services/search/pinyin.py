import re

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
