"""Step 6: score the matters a `Query` finds and return them as an ordered QuerySet.

THE ORDER (decided here, in `WHERE`, `VIA` and `score`):
1. exact name: the query is the matter's name (居民身份证换领);
2. name contains the whole query (身份证换 → 居民身份证换领);
then, word by word, a matter is scored by how many of the query's words it answers (a matter
answering 身份证 *and* 丢了 beats one answering only 身份证), and within that by how each
word was found (the mean over its words):
3. the word as typed is in the name (49) or is one of the keywords (48);
4. a synonym of the word is in the name (47) or is a keyword (46): everyday → catalogue words;
   the word or a synonym only inside a longer keyword (45, 44) is the weakest evidence;
5. a pinyin reading (shebao → 社保, sfz → 身份证), scored the same way 20 lower (29 … 24):
   the resident's letters could mean other words, so below anything typed in Chinese;
6. a corrected word (居住正 → 居住证), 40 lower (9 … 4): a guess, so last.
Within one score, a name with a handling-variant word the query did not ask for (注销, 变更 …)
comes after the main matter, then shorter names first (the general matter before its special
cases), then the catalogue code: both in SQL, so pages and API agree.
"""

import heapq

from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Length

from .query import DIRECT, FUZZY, PINYIN, SYNONYM, TYPED

EXACT, PHRASE = 100_000, 50_000
PER_WORD = 100
VARIANT_PENALTY = 5
WHERE = {  # (the text is the word itself or a synonym, where it was found) → strength
    (DIRECT, "name"): 9,
    (DIRECT, "keyword_is"): 8,
    (SYNONYM, "name"): 7,
    (SYNONYM, "keyword_is"): 6,
    (DIRECT, "keyword"): 5,  # inside a longer keyword: 医保 in 医保卡 says less than 医疗保险
    (SYNONYM, "keyword"): 4,
}
VIA = {TYPED: 40, PINYIN: 20, FUZZY: 0}  # how the word was read
MAX_RESULTS = 1000  # the most relevant matters listed; nobody pages past 50 pages of results


def _raise(best, pks, strength):
    for pk in pks:
        if best.get(pk, 0) < strength:
            best[pk] = strength


def term_scores(term, index):
    """pk → the strength with which `term` (or one of its alternatives) finds that matter."""
    best = {}
    for text, kind, via in term.alternatives:
        band = VIA[via]
        if term.latin and text == term.word:  # letters: the stored pinyin of names, keywords
            _raise(best, index.pinyin_prefix(text), band + WHERE[DIRECT, "keyword"])
            band = VIA[TYPED]  # and as typed, for names with letters (B超, CT)
        _raise(best, index.in_names(text), band + WHERE[kind, "name"])
        _raise(best, index.in_keywords(text), band + WHERE[kind, "keyword"])
        _raise(best, index.keyword_is(text), band + WHERE[kind, "keyword_is"])
    return best


def score(query, index):
    """pk → relevance (higher first) of every matter the query finds."""
    matched, total = {}, {}
    for term in query.terms:
        for pk, strength in term_scores(term, index).items():
            matched[pk] = matched.get(pk, 0) + 1
            total[pk] = total.get(pk, 0) + strength
    scores = {pk: n * PER_WORD + total[pk] // n for pk, n in matched.items()}
    if len(query.phrase) >= 2 and not query.phrase.isascii():
        for pk in index.in_names(query.phrase):
            scores[pk] = PHRASE + scores.get(pk, 0)
    for name in {query.typed, query.phrase}:
        for pk in index.named(name):
            scores[pk] = EXACT
    asked = query.typed + "".join(t for term in query.terms for t in term.texts())
    for pk in scores.keys() & index.variants.keys():
        if any(word not in asked for word in index.variants[pk]):
            scores[pk] -= VARIANT_PENALTY
    return scores


def best(scores, index, limit=MAX_RESULTS):
    """[(pk, score)] of the `limit` best, in the final order (score, shorter name, pk)."""
    length = index.length
    return heapq.nsmallest(limit, scores.items(), key=lambda kv: (-kv[1], length[kv[0]], kv[0]))


def as_queryset(queryset, ranked):
    """`queryset` restricted to `ranked`, annotated with `relevance` and ordered by it."""
    if not ranked:
        return queryset.none()
    groups = {}
    for pk, value in ranked:
        groups.setdefault(value, []).append(pk)
    relevance = Case(
        *[When(pk__in=pks, then=Value(value)) for value, pks in groups.items()],
        default=Value(0),
        output_field=IntegerField(),
    )
    return (
        queryset.filter(pk__in=[pk for pk, _ in ranked])
        .annotate(relevance=relevance)
        .order_by("-relevance", Length("name"), "code")
    )
