"""Query understanding: normalise → segment → expand → pinyin → fuzzy, into a `Query`.

Each word of the query becomes a `Term` with its alternatives `(text, kind, via)`: `kind` says
whether the text is the word itself (DIRECT) or a synonym of it (SYNONYM); `via` how the word
was read: as typed (TYPED), from pinyin (PINYIN) or as a correction (FUZZY). `rank` scores them.
"""

from dataclasses import dataclass, field

from .expand import expand
from .fuzzy import corrections
from .normalise import compact, drop_fillers, normalise
from .segment import chunks, is_latin, segment

DIRECT, SYNONYM = "direct", "synonym"
TYPED, PINYIN, FUZZY = "typed", "pinyin", "fuzzy"
# The longest query, in characters, everywhere: the API refuses longer, the pages cut to it, and
# search looks at no more. Nobody describes a matter in more, and it bounds the search's work.
MAX_QUERY = 100
MAX_TERMS = 12


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
                terms.append(pinyin_term(piece, index))
            else:
                for word in segment(piece, index.words, index.longest):
                    terms.extend(chinese_term(w, index) for w in split_unknown(word, index))
    terms = correct(_unique(terms), index)
    if len(terms) > 1:  # a lone unknown character next to real words is noise
        terms = [t for t in terms if len(t.word) > 1 or t.latin or t.word in index.words]
    if not terms:
        return None
    raw = (q or "")[:MAX_QUERY]
    return Query(raw=raw, typed=compact(typed), phrase=compact(text), terms=terms[:MAX_TERMS])


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
    """shebao → 社保 (full pinyin), sfz → 身份证 (initials), through the search dictionary."""
    words = list(index.by_full.get(latin, ()))
    if len(latin) >= 2:
        words += [w for w in index.by_initials.get(latin, ()) if w not in words]
    return Term(latin, [(latin, DIRECT, PINYIN)] + _readings(words, index, PINYIN), latin=True)


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
        lone = len(term.word) == 1 and term.word not in index.words
        if term.latin or (not lone and any(index.known(t) for t in term.texts())):
            out.append(term)
            i += 1
            continue
        tries = [] if lone else [(term.word, 1)]
        if out and not out[-1].latin:
            tries.append((out[-1].word + term.word, -1))
        if i + 1 < len(terms) and not terms[i + 1].latin:
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
