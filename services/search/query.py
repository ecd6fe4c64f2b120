"""Query understanding: normalise → segment → expand → pinyin → fuzzy, into a `Query`.

Each word of the query becomes a `Term` with its alternatives `(text, kind, via)`: `kind` says
whether the text is the word itself (DIRECT) or a synonym of it (SYNONYM); `via` how the word
was read: as typed (TYPED), from pinyin (PINYIN) or as a correction (FUZZY). `rank` scores them.
"""

from dataclasses import dataclass, field
from functools import cache

from . import general
from .expand import expand
from .fuzzy import corrections
from .normalise import FILLERS, compact, drop_fillers, normalise
from .pinyin import word_pinyin
from .segment import STOP_CHARS, chunks, is_latin, segment

DIRECT, SYNONYM = "direct", "synonym"
TYPED, PINYIN, FUZZY = "typed", "pinyin", "fuzzy"
# The longest query, in characters, everywhere: the API refuses longer, the pages cut to it, and
# search looks at no more. Nobody describes a matter in more, and it bounds the search's work.
MAX_QUERY = 100
MAX_TERMS = 12
COMMON = 0.5  # general rarity below which an unknown everyday word (一下, 情况) is filler


@dataclass
class Term:
    word: str
    alternatives: list = field(default_factory=list)  # [(text, kind, via)], best first
    latin: bool = False

    def texts(self):
        return [text for text, _, _ in self.alternatives]


@dataclass
class Query:
    raw: str  # as typed (cut to MAX_QUERY): compared with whole names
    typed: str  # normalised, fillers kept, no spaces
    phrase: str  # normalised, fillers dropped, no spaces
    terms: list


def understand(q, index):
    """The `Query` for what a resident typed, or None when nothing searchable is left."""
    typed = normalise((q or "")[: MAX_QUERY * 2])[:MAX_QUERY]
    if not typed:
        return None
    text = drop_fillers(typed)
    terms = []
    for chunk in _join_lone_characters(text.split()):
        for piece in chunks(chunk):
            if is_latin(piece):
                terms.extend(pinyin_terms(piece, index))
            else:
                for word in segment(piece, index.words, index.longest):
                    terms.extend(chinese_term(w, index) for w in new_words(word, index))
    terms = correct(_unique(_without_negated(terms, index.words)), index)
    if len(terms) > 1:  # a lone unknown character next to real words is noise
        terms = [t for t in terms if len(t.word) > 1 or t.latin or t.word in index.synonyms]
    if len(terms) > 1:  # pinyin that only reads as filler (banli) next to real words
        terms = [t for t in terms if not (t.latin and _only_filler(readings(t.word, index)))]
    if not terms:
        return None
    raw = (q or "")[:MAX_QUERY]
    return Query(raw=raw, typed=compact(typed), phrase=compact(text), terms=terms[:MAX_TERMS])


NEGATIONS = frozenset({"不", "不想", "不要", "不用", "别", "无需", "不需要", "没有"})


def _without_negated(terms, vocabulary):
    """不注销, 不想注销: the resident says which matter they do not want; neither word is
    searched. Only a vocabulary word is negated so (不想干了 still means closing down)."""
    out, i = [], 0
    while i < len(terms):
        negated = i + 1 < len(terms) and terms[i + 1].word in vocabulary
        if terms[i].word in NEGATIONS and negated:
            i += 2
            continue
        out.append(terms[i])
        i += 1
    return out


def _join_lone_characters(chunks):
    """社 保 → 社保: single Chinese characters typed apart (as some elderly residents do)."""
    out, run = [], []
    for chunk in chunks:
        if len(chunk) == 1 and not chunk.isascii():
            run.append(chunk)
            continue
        if run:
            out.append("".join(run))
            run = []
        out.append(chunk)
    if run:
        out.append("".join(run))
    return out


def chinese_term(word, index, via=TYPED):
    return Term(word, _readings([word], index, via))


def _readings(words, index, via):
    """Each word, then its synonyms: [(text, kind, via)] without repeats."""
    alternatives = [(w, DIRECT, via) for w in words]
    alternatives += [(e, SYNONYM, via) for w in words for e in expand(w, index.synonyms)]
    return _unique_alternatives(alternatives)


def pinyin_term(latin, index):
    """shebao → 社保 (full pinyin), sfz → 身份证 (initials), through the search dictionary;
    letters that are an everyday word themselves (ktv) bring their synonyms as typed."""
    alternatives = [(latin, DIRECT, PINYIN)]
    alternatives += [(e, SYNONYM, TYPED) for e in expand(latin, index.synonyms)]
    alternatives += _readings(readings(latin, index), index, PINYIN)
    return Term(latin, _unique_alternatives(alternatives), latin=True)


def readings(latin, index):
    """The dictionary words `latin` is the full pinyin or (2+ letters) the initials of, or
    else the filler word it spells (banli → 办理), so that it can be recognised and dropped."""
    words = list(index.by_full.get(latin, ()))
    if len(latin) >= 2:
        words += [w for w in index.by_initials.get(latin, ()) if w not in words]
    if not words and latin in _filler_pinyin():
        words = [_filler_pinyin()[latin]]
    return words


@cache
def _filler_pinyin():
    return {word_pinyin(w)[0]: w for w in FILLERS if len(w) >= 2}


def pinyin_terms(latin, index):
    """One term per word of a pinyin phrase: huzhaobanli → huzhao (护照); sfzbl → sfz, bl.

    Letters that read as one known word, or match stored pinyin, stay one term; otherwise the
    fewest pieces that are each a known word's pinyin or initials. Pieces that only read as
    filler (banli → 办理) are dropped.
    """
    pieces = None
    if not readings(latin, index) and len(latin) >= 4:
        pieces = split_pinyin(latin, index)
    pieces = pieces or [latin]
    kept = [p for p in pieces if not _only_filler(readings(p, index))]
    return [pinyin_term(p, index) for p in kept or pieces]


def _only_filler(words):
    return bool(words) and all(drop_fillers(w) != w for w in words)


def split_pinyin(latin, index, longest=24):
    """The fewest pieces of `latin` that each read as a known word (full pinyin first), or None."""
    size = len(latin)
    best = [None] * size + [(0, 0, size)]  # best[i] = (pieces, initials used, end of 1st piece)
    for i in range(size - 1, -1, -1):
        for j in range(i + 2, min(size, i + longest) + 1):
            if best[j] is None:
                continue
            piece = latin[i:j]
            if piece in index.by_full or piece in _filler_pinyin():
                choice = (best[j][0] + 1, best[j][1], j)
            elif piece in index.by_initials:
                choice = (best[j][0] + 1, best[j][1] + 1, j)
            else:
                continue
            if best[i] is None or choice < best[i]:
                best[i] = choice
    if best[0] is None:
        return None
    pieces, i = [], 0
    while i < size:
        j = best[i][2]
        pieces.append(latin[i:j])
        i = j
    return pieces


def new_words(word, index):
    """A run the catalogue's vocabulary does not know, cut with the general dictionary into
    words that can meet synonyms (冰箱坏了 → 冰箱 坏了); common words that say nothing about a
    matter on their own (一下, 哪里, single stop characters) are dropped."""
    if word in index.words or len(word) < 2 or index.known(word):
        return [word]
    if corrections(word, index.by_full, index.by_mask):  # 身分证: a whole word, one character off
        return [word]
    out = []
    for piece in general.words(word, index.words, index.longest):
        if piece in index.words or piece in index.synonyms:
            out.append(piece)
        elif all(c in STOP_CHARS for c in piece):
            continue
        elif len(piece) > 1 and general.rarity(piece) < COMMON:  # 需要, 情况: even in a name
            continue
        elif len(piece) <= 3 and general.rarity(piece) == 1 and not index.known(piece):
            # Characters the dictionary left alone (改个): each for itself, not as a word that
            # a homophone correction would turn into another (改个 → 改革).
            out.extend(c for c in piece if c not in STOP_CHARS)
        else:
            out.extend(split_unknown(piece, index))
    return out or [word]


def split_unknown(word, index, longest=20):
    """An unknown run that matches nothing, cut into the longest pieces that do occur in names
    or keywords: 居住正申领 → 居住 正 申领 (so 正 can then be corrected with its neighbour)."""
    if len(word) < 3 or word in index.words or len(word) > longest or index.known(word):
        return [word]
    if corrections(word, index.by_full, index.by_mask):  # 身分证: a whole word, one character off
        return [word]
    pieces, i = [], 0
    while i < len(word):
        for j in range(len(word), i + 1, -1):
            if index.known(word[i:j]):
                break
        else:
            j = i + 1
        pieces.append(word[i:j])
        i = j
    return pieces


def correct(terms, index):
    """Replace a word that matches nothing by the dictionary word it probably stands for.

    The word alone is tried first, then joined with its neighbour (居住 + 正 → 居住正 → 居住证).
    """
    out, i = [], 0
    while i < len(terms):
        term = terms[i]
        lone = len(term.word) == 1 and term.word not in index.synonyms
        if term.latin or (not lone and any(index.known(t) for t in term.texts())):
            out.append(term)
            i += 1
            continue
        tries = [] if lone else [(term.word, 1)]
        # A neighbour that is a word of the vocabulary (户口) stays as typed: 户口销 is 户口 + 销.
        if out and not out[-1].latin and out[-1].word not in index.words:
            tries.append((out[-1].word + term.word, -1))
        if i + 1 < len(terms) and not terms[i + 1].latin and terms[i + 1].word not in index.words:
            tries.append((term.word + terms[i + 1].word, 2))
        for word, span in tries:
            found = corrections(word, index.by_full, index.by_mask)
            if found:
                if span == -1:
                    out.pop()
                out.append(Term(word, _readings(found, index, FUZZY)))
                i += 2 if span == 2 else 1
                break
        else:
            out.append(term)
            i += 1
    return out


def _unique(terms):
    seen, out = set(), []
    for term in terms:
        if term.word not in seen:
            seen.add(term.word)
            out.append(term)
    return out


def _unique_alternatives(alternatives):
    seen, out = set(), []
    for alternative in alternatives:
        if alternative[0] not in seen:
            seen.add(alternative[0])
            out.append(alternative)
    return out
