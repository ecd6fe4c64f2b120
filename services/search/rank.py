"""Step 6: score the matters a `Query` finds and return them as an ordered QuerySet.

THE ORDER (decided here, in `WHERE`, `VIA`, `weights` and `score`):
1. exact name: the query is the matter's name (居民身份证换领);
2. name contains the whole query (身份证换 → 居民身份证换领);
then, word by word: each word of the query carries a weight, how much it tells (`weights`:
its rarity in the catalogue, the share of matters it does not find, times its rarity in
everyday Chinese from jieba's general word frequencies), and a matter scores the weighted
sum, over the words it answers, of how well it answers each (below). So a matter answering
the content word (冰箱, 户口) beats one answering only generic words (申请, 办理, 证明), and one
answering 身份证 *and* 丢了 beats one answering only 身份证. How well a word is answered:
3. the word as typed is in the name and one of its keywords (50), in the name (49) or is one
   of the keywords (48);
4. a synonym of the word is a matter's whole name (50, its everyday name), is in the name
   (47) or is a keyword (46): everyday → catalogue words (one point more for a matter
   answering two synonyms of the word); the word or a synonym only inside a longer keyword
   (45, 44) is weak evidence, and naming the matter's department (医保 → 区医保局, 医疗保障:
   43, 42) the weakest: it only says which office, so it helps a matter that answers the rest;
5. a pinyin reading (shebao → 社保, sfz → 身份证), scored the same way 20 lower (29 … 22):
   the resident's letters could mean other words, so below anything typed in Chinese;
6. a corrected word (居住正 → 居住证), 40 lower (9 … 2): a guess, so last.
Within one score, a name with a handling-variant word the query did not ask for (注销, 变更 …)
comes after the main matter, then shorter names first (the general matter before its special
cases), then the catalogue code: the same order whether the index pages the list (`ranked`,
with `Index.length`) or SQL does.
"""

import math
from collections import Counter
from itertools import compress, repeat
from operator import add, eq, floordiv, itemgetter, lt, mul, sub

from django.db.models import BooleanField, Expression, F, IntegerField
from django.db.models.functions import Length

from . import general
from .query import DIRECT, FUZZY, PINYIN, SYNONYM, TYPED
from .ranked import ranked_queryset

EXACT, PHRASE = 100_000, 50_000
SCALE = 1000  # a matter answering every word at full strength (50) scores SCALE
VARIANT_PENALTY = 100  # 5 points of strength
WHERE = {  # (the text is the word itself or a synonym, where it was found) → strength
    (DIRECT, "name"): 9,
    (DIRECT, "keyword_is"): 8,
    (SYNONYM, "name"): 7,
    (SYNONYM, "keyword_is"): 6,
    (DIRECT, "keyword"): 5,  # inside a longer keyword: 医保 in 医保卡 says less than 医疗保险
    (SYNONYM, "keyword"): 4,
    (DIRECT, "department"): 3,  # a matter of the department the word names: 医保 → 区医保局
    (SYNONYM, "department"): 2,
}
VIA = {TYPED: 40, PINYIN: 20, FUZZY: 0}  # how the word was read
SYNONYM_STRENGTHS = {v for (kind, _), v in WHERE.items() if kind == SYNONYM}
# The strengths (all bands) of a match through a synonym.
_SYNONYM_BAND = frozenset(band + v for band in VIA.values() for v in SYNONYM_STRENGTHS)
MAX_RESULTS = 500  # the most relevant matters listed: 25 pages, more than anyone reads


def term_scores(term, index):
    """pk → the strength with which `term` (or one of its alternatives) finds that matter."""
    hits = []  # (strength, pks)
    for text, kind, via in term.alternatives:
        band = VIA[via]
        if term.latin and text == term.word:  # letters: the stored pinyin of names, keywords
            hits.append((band + WHERE[DIRECT, "keyword"], index.pinyin_prefix(text)))
            band = VIA[TYPED]  # and as typed, for names with letters (B超, CT)
        hits.append((band + WHERE[kind, "name"], index.in_names(text)))
        hits.append((band + WHERE[kind, "keyword"], index.in_keywords(text)))
        hits.append((band + WHERE[kind, "keyword_is"], index.keyword_is(text)))
        if len(text) > 1:
            hits.append((band + WHERE[kind, "department"], index.in_department(text)))
    best = {}
    # Weakest first, so a stronger way of finding a matter overwrites a weaker one; dict
    # updates run in C, which keeps a broad word at 100× (20,000 matters) to a few ms.
    for strength, pks in sorted(hits, key=itemgetter(0)):
        best.update(dict.fromkeys(pks, strength))
    # The word in the name AND one of the matter's own keywords: one point more (50), so that
    # 身份证 puts 居民身份证换领 (keyword 身份证) before 临时身份证明, which only contains it.
    # (Loops over matters are written with map/compress so that they run in C: a broad word
    # finds 40,000 matters at 100×.)
    for text, kind, via in term.alternatives:
        if kind == DIRECT:
            in_name = VIA[via] + WHERE[DIRECT, "name"]
            listed = index.keyword_is(text)
            both = compress(listed, map(eq, repeat(in_name), map(best.get, listed)))
            best.update(dict.fromkeys(both, in_name + 1))
    # A synonym that is a matter's whole name is that matter's everyday name (狗证 → 犬类准养证
    # 核发 is not one, 燃气开通 → 供气报装 is): as good as the word itself in name and keywords.
    for text, kind, via in term.alternatives:
        if kind == SYNONYM:
            for pk in index.named(text):
                best[pk] = max(best.get(pk, 0), VIA[via] + WHERE[DIRECT, "name"] + 1)
    # Found through synonyms only: one point more for answering two or more of them
    # (上学 → 入学 and 义务教育: 义务教育阶段入学报名). 47 + 1 stays below the word itself in
    # the name (49), and each band keeps its place: it only orders synonym matches.
    synonyms = [t for t, kind, _ in term.alternatives if kind == SYNONYM]
    if len(synonyms) > 1:
        answered = Counter()
        for text in synonyms:
            found = set(index.in_names(text))
            found.update(index.in_keywords(text))
            answered.update(found)
        several = list(compress(answered.keys(), map(lt, repeat(1), answered.values())))
        strengths = map(best.__getitem__, several)
        raised = list(compress(several, map(_SYNONYM_BAND.__contains__, strengths)))
        best.update(zip(raised, map((1).__add__, map(best.__getitem__, raised)), strict=True))
    return best


def weights(query, per_term, index):
    """How much each word tells, summing to 1: catalogue rarity × everyday rarity.

    Catalogue rarity is log(N / matters found), the inverse document frequency; everyday
    rarity is 0.5 + `general.rarity` (0 … 1), so a word common in Chinese (情况, 单位) counts
    at most half again less than a rare one, and the catalogue's own evidence decides.
    Pinyin letters have no everyday frequency: the words they read as are used.
    """
    total = max(len(index.name), 1)
    raw = []
    for term, found in zip(query.terms, per_term, strict=True):
        idf = math.log((total + 1) / (len(found) + 1)) + 0.1
        words = [t for t, kind, _ in term.alternatives if kind == DIRECT and not t.isascii()]
        everyday = max((general.rarity(w) for w in words), default=1.0)
        raw.append(idf * (0.5 + everyday))
    whole = sum(raw) or 1.0
    return [w / whole for w in raw]


def score(query, index):
    """pk → relevance (higher first) of every matter the query finds."""
    per_term = [term_scores(term, index) for term in query.terms]
    if len(per_term) == 1:
        found = per_term[0]
        points = map(floordiv, map(mul, found.values(), repeat(SCALE)), repeat(50))
        scores = dict(zip(found.keys(), points, strict=True))
    else:
        sums = {}
        for weight, found in zip(weights(query, per_term, index), per_term, strict=True):
            factor = weight * SCALE / 50
            # sums[pk] += strength × factor for each matter found, in C (map, zip, update).
            pks = found.keys()
            added = map(mul, found.values(), repeat(factor))
            sums.update(zip(pks, map(add, map(sums.get, pks, repeat(0)), added), strict=True))
        scores = dict(zip(sums.keys(), map(round, sums.values()), strict=True))
    if len(query.phrase) >= 2 and not query.phrase.isascii():
        for pk in index.in_names(query.phrase):
            scores[pk] = PHRASE + scores.get(pk, 0)
    for name in {query.raw, query.phrase}:
        for pk in index.named(name):
            scores[pk] = EXACT
    asked = query.typed + "".join(t for term in query.terms for t in term.texts())
    penalised, listed = set(), set(scores)  # set & set walks the smaller of the two
    for word, pks in index.variant_pks.items():
        if word not in asked:
            penalised |= pks & listed
    scores.update(
        zip(
            penalised,
            map(sub, map(scores.__getitem__, penalised), repeat(VARIANT_PENALTY)),
            strict=True,
        )
    )
    return scores


def best(scores, index, limit=MAX_RESULTS):
    """[(pk, score)] of the `limit` best, in the final order (score, shorter name, code)."""
    length = index.length.__getitem__
    chosen = list(scores.items())
    if len(chosen) > limit:
        # Whole score groups from the top, then the shortest names of the group that
        # crosses the limit: counting and sorting run in C, not one Python call per matter.
        counts, kept, threshold = Counter(scores.values()), 0, None
        for value in sorted(counts, reverse=True):
            if kept + counts[value] >= limit:
                threshold = value
                break
            kept += counts[value]
        chosen = list(compress(chosen, map(lt, repeat(threshold), scores.values())))
        boundary = sorted(
            compress(scores.keys(), map(eq, repeat(threshold), scores.values())), key=length
        )
        chosen += [(pk, threshold) for pk in boundary[: limit - len(chosen)]]
    chosen.sort(key=lambda kv: (-kv[1], length(kv[0])))
    return chosen


class _IdExpression(Expression):
    """SQL over the primary key with the ids written as integer literals.

    `pk__in=[…]` would send each of up to 1000 ids through the ORM's value preparation twice
    per query (filter and ordering), costing more than the search itself; the ids are ints
    from our own index, so inlining them is safe and keeps the SQL's cost to the database.
    """

    def __init__(self, column=None):
        super().__init__()
        self.column = column if column is not None else F("pk")

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, expressions):
        (self.column,) = expressions

    @property
    def identity(self):
        # Django's default hashes every constructor argument on each use: slow for 1000 ids.
        return (self.__class__, self.column, self._key)


class InIds(_IdExpression):
    output_field = BooleanField()

    def __init__(self, ids, column=None):
        super().__init__(column)
        self.ids = ids
        self._key = tuple(ids)

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.column)
        return f"{sql} IN ({','.join(str(int(i)) for i in self.ids)})", params


class RelevanceOf(_IdExpression):
    """CASE WHEN pk IN (…) THEN score … ELSE 0 END, one branch per distinct score."""

    output_field = IntegerField()

    def __init__(self, groups, column=None):
        super().__init__(column)
        self.groups = groups  # {score: [pk, …]}
        self._key = tuple((value, tuple(pks)) for value, pks in groups.items())

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.column)
        branches = " ".join(
            f"WHEN {sql} IN ({','.join(str(int(i)) for i in pks)}) THEN {int(value)}"
            for value, pks in self.groups.items()
        )
        return f"CASE {branches} ELSE 0 END", params * len(self.groups)


def as_queryset(queryset, ranked):
    """`queryset` restricted to `ranked`, annotated with `relevance` and ordered by it."""
    if not ranked:
        return queryset.none()
    groups = {}
    for pk, value in ranked:
        groups.setdefault(value, []).append(pk)
    found = (
        queryset.filter(InIds([pk for pk, _ in ranked]))
        .annotate(relevance=RelevanceOf(groups))
        .order_by("-relevance", Length("name"), "code")
    )
    return ranked_queryset(found, ranked, queryset)
