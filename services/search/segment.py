"""Step 2: cut a query into words with a small dictionary (forward maximum matching).

The dictionary is the catalogue's own vocabulary (names, everyday keywords, synonym terms and
their expansions), built with the index: a few thousand words, so no jieba dictionary
(0.8 s and 80 MB per process) is needed. Runs of characters the dictionary does not know stay
together as one word (火星移民), so an unknown phrase is searched as typed.
"""

import re

# One-character words that carry no meaning of their own in a query.
STOP_CHARS = frozenset("的了吗呢啊呀吧我你他她它要想去在把给和与及或跟办能会该么个下一些这那")
_RUNS = re.compile(r"[a-z]+|[^a-z\s]+")


def chunks(text):
    """Latin runs (pinyin) apart from the rest: 'sfz丢了' → ['sfz', '丢了']."""
    return _RUNS.findall(text)


def is_latin(chunk):
    return chunk.isascii() and chunk.isalpha()


def segment(chunk, words, longest):
    """Forward maximum matching of `chunk` against the set `words` (longest entry `longest`)."""
    out, unknown, i = [], [], 0
    while i < len(chunk):
        for size in range(min(longest, len(chunk) - i), 1, -1):
            if chunk[i : i + size] in words:
                if unknown:
                    out.append("".join(unknown))
                    unknown = []
                out.append(chunk[i : i + size])
                i += size
                break
        else:
            unknown.append(chunk[i])
            i += 1
    if unknown:
        out.append("".join(unknown))
    return [w for w in (_strip_stop(w, words) for w in out) if w]


def _strip_stop(word, words):
    """An unknown run made only of stop characters (办, 我想去 …) says nothing: drop it."""
    if word in words or not all(c in STOP_CHARS for c in word):
        return word
    return ""
