"""Step 1 of query understanding: one canonical spelling for what residents type.

Full-width forms become half-width (NFKC), traditional characters simplified, letters lower
case, control characters and punctuation become spaces, and filler (我想, 怎么, 办理,
需要什么材料, 在哪里办 …) is dropped. Names and keywords are indexed through the same
function, so a query and a name compare like for like.
"""

import re
import unicodedata
from functools import cache
from importlib.resources import files

# Longest first, so 需要带什么材料 goes before 需要 would leave 带什么材料 behind.
FILLERS = sorted(
    """
    我想要 我想 我要 想要 我该 我需要 请问一下 请问 你好 您好 麻烦问下 咨询一下 咨询
    怎么办理 怎样办理 如何办理 怎么申请 如何申请 怎么办 怎么弄 怎么样 怎么 怎样 如何
    需要带什么材料 需要带哪些材料 要带什么材料 要带哪些材料 带什么材料 需要什么材料
    需要哪些材料 要什么材料 要哪些材料 什么材料 哪些材料 需要什么 需要哪些 要带什么
    需要带 去哪里办理 在哪里办理 到哪里办理 去哪里办 在哪里办 到哪里办 去哪办 在哪办
    哪里可以办 哪里能办 在哪里 去哪里 到哪里 哪里办 在哪 去哪 哪里
    需要办哪些手续 需要办什么手续 要办哪些手续 要办什么手续 哪些手续 什么手续 要怎么处理
    怎么处理 如何处理 办理流程 办理手续 办理 流程 手续 多少钱 多久 能不能 可不可以 可以吗
    可以 郑州市 郑州 二七区
    """.split(),
    key=len,
    reverse=True,
)
# Particles (吗 呢 吧 …) are not here: inside a word (网吧) they are part of it, and alone the
# segmenter drops them as stop characters.
_FILLER = re.compile("|".join(map(re.escape, FILLERS)))
# C0/C1 controls, zero-width and bidi marks, BOM.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_NOT_WORD = re.compile(r"[\W_]+")


@cache
def _traditional_to_simplified():
    """OpenCC's character table (traditional → simplified), first reading of each character."""
    table = {}
    text = (files("opencc") / "dictionary" / "TSCharacters.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        source, _, targets = line.partition("\t")
        if len(source) == 1 and targets:
            table[ord(source)] = targets.split()[0]
    return table


def simplify(text):
    return text.translate(_traditional_to_simplified())


def normalise(text):
    """Canonical form: half-width, simplified, lower case; punctuation and controls → one space."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _CONTROL.sub(" ", text)
    text = simplify(text).lower()
    return " ".join(_NOT_WORD.sub(" ", text).split())


def drop_fillers(text):
    """`text` (already normalised) without filler words; never empties a query made only of them."""
    stripped = " ".join(_FILLER.sub(" ", text).split())
    return stripped or text


def compact(text):
    """Without spaces: how a name or a query compares as a whole."""
    return text.replace(" ", "")
