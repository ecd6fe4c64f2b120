"""Search for matters in everyday Chinese words.

Interface used by the API and the pages:
- `search(queryset, q)`: the matters of `queryset` matching `q`, most relevant first, as a
  QuerySet (it composes with `.filter()`, `.count()` and pagination). Each row is annotated
  with `relevance` (an integer, higher is better; see `rank` for the order). At most
  `rank.MAX_RESULTS` (500) matters, the most relevant of `queryset`, are listed (so filter
  before searching). Empty `q` → no matter.
- `ranked(queryset, q)`: the same matters as [(pk, relevance)], for callers that fetch rows
  themselves (the search API).
- `highlight_terms(q)`: the words to highlight in results (the query's words, their synonyms,
  pinyin readings and corrections), longest first.
- `pinyin_fields(*texts)`: (full pinyin, initials) stored on each matter for pinyin search.
- `understand(q)`: the parsed query (words and their alternatives), for debugging and tests.
- `suggest(q)`: typeahead suggestions [{"text", "kind", "url"}] (`typeahead.py`), life events
  first.
- `life_events(q)`: the life events (一件事) a query describing a life situation is about, most
  relevant first (`life.py`); `life.search(queryset, q)` does the same on a LifeEvent QuerySet.

The steps are small modules: normalise → segment → expand (synonyms) → pinyin → fuzzy →
rank, over an in-memory index (`index`, where the choice of an index over SQL is explained).
"""

from . import life, rank
from .index import current_index, last_index
from .normalise import normalise
from .pinyin import pinyin_fields
from .query import understand as _understand

__all__ = [
    "search",
    "ranked",
    "highlight_terms",
    "pinyin_fields",
    "understand",
    "suggest",
    "life_events",
]
SUGGESTED, LIFE_SUGGESTED = 10, 2
life_events = life.life_events


def search(queryset, q):
    return rank.as_queryset(queryset, ranked(queryset, q))


def ranked(queryset, q):
    """[(pk, relevance)] of what `search(queryset, q)` lists, in its order, without the SQL."""
    if not normalise(q or ""):
        return []  # nothing to look up: no need to check the index either
    index = current_index(queryset.db)
    query = _understand(q, index)
    if query is None:
        return []
    scores = rank.score(query, index)
    if len(scores) > rank.MAX_RESULTS and queryset.query.has_filters():
        # Only the best MAX_RESULTS are listed, so pick them among the caller's matters (a
        # department, a street …), not among all: one query, and only when the cap would bite.
        allowed = set(queryset.values_list("pk", flat=True))
        scores = {pk: value for pk, value in scores.items() if pk in allowed}
    return rank.best(scores, index, rank.MAX_RESULTS)


def understand(q, *, using="default"):
    return _understand(q, current_index(using))


def highlight_terms(q, *, using="default"):
    query = _understand(q, last_index(using))
    if query is None:
        return []
    words = {t for term in query.terms for t in term.texts() if not t.isascii()}
    return sorted(words, key=lambda w: (-len(w), w))


def suggest(q, *, using="default"):
    """At most 10 suggestions for what is being typed: words, then matters (one SQL query)."""
    from django.urls import reverse
    from django.utils.http import urlencode

    from ..models import Matter
    from .typeahead import suggestions

    words, pks = suggestions(q, current_index(using))
    search_url = reverse("services:search")
    # Life events first (at most LIFE_SUGGESTED): the whole situation, before its words and
    # matters; the situation the text describes, then events whose name it starts.
    events = list(dict.fromkeys(life.life_events(q, using=using) + life.named(q, using=using)))
    events = events[:LIFE_SUGGESTED]
    out = [{"text": e.name, "kind": "life_event", "url": e.url} for e in events]
    out += [
        {"text": w, "kind": "word", "url": f"{search_url}?{urlencode({'q': w})}"} for w in words
    ]
    rows = Matter.objects.using(using).filter(pk__in=pks).values_list("pk", "name", "code")
    found = {pk: (name, code) for pk, name, code in rows} if pks else {}
    out += [
        {"text": name, "kind": "matter", "url": reverse("services:matter", args=[code])}
        for name, code in (found[pk] for pk in pks if pk in found)
    ]
    return out[:SUGGESTED]
