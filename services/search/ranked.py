"""The search's result list as a QuerySet that the index can count and page without SQL work.

`rank.as_queryset` returns an ordinary QuerySet (filter, count, slice: it composes), built over
the ids the index found: `WHERE pk IN (…500 ids…)` with a `CASE` for the relevance. Paginating
it costs two queries that each carry every id (COUNT, then the page sorted by the CASE), which
at 1× was most of a search request's time. When the list is still as the search made it (the
caller's queryset had no filter and none was added after: the API's and the search page's
plain `?q=`), the index already knows the count and the order, so:
- `count()` is the length of the ranked list, no query;
- a page is one query for its own ids (`WHERE pk IN (…20 ids…)`), put in the ranked order in
  Python, each row with its `relevance` as SQL would have annotated it.
Anything else (a filter, another order, values(), distinct …) falls back to the SQL above, which
orders the same way (score, shorter name, code). The index is rebuilt whenever a matter is added,
renamed or deleted (the search generation), so its count is the database's; a row deleted in
between is simply missing from its page, as with the SQL.
"""

from django.db.models.query import ModelIterable
from django.db.models.sql.where import WhereNode

_classes = {}


def ranked_queryset(queryset, ranked, base):
    """`queryset` (the SQL form) made to answer count and pages from `ranked` [(pk, score)] when
    `base` (the caller's queryset, before the search) had no filter of its own."""
    cls = queryset.__class__
    if cls not in _classes:
        _classes[cls] = type(f"Ranked{cls.__name__}", (RankedMixin, cls), {})
    queryset.__class__ = _classes[cls]
    if not base.query.has_filters():
        queryset._ranked = ranked
        queryset._ranked_base = base
        queryset._ranked_shape = _shape(queryset)
    return queryset


def _leaves(node):
    if not isinstance(node, WhereNode):
        return 1
    return sum(_leaves(child) for child in node.children)


def _shape(queryset):
    """What would change the rows or their order: compared with the shape search left."""
    q = queryset.query
    return (
        _leaves(q.where),
        q.order_by,
        q.distinct,
        q.combinator,
        tuple(q.extra),
        tuple(q.annotations),
        queryset._fields,
        queryset._iterable_class,
    )


class RankedMixin:
    _ranked = None  # [(pk, relevance)] in the final order, when the index can answer
    _ranked_base = None
    _ranked_shape = None

    def _clone(self):
        clone = super()._clone()
        clone._ranked = self._ranked
        clone._ranked_base = self._ranked_base
        clone._ranked_shape = self._ranked_shape
        return clone

    def _as_searched(self):
        return (
            self._ranked is not None
            and self._iterable_class is ModelIterable
            and _shape(self) == self._ranked_shape
        )

    def count(self):
        if self._result_cache is None and self._as_searched() and not self.query.is_sliced:
            return len(self._ranked)
        return super().count()

    def _fetch_all(self):
        if self._result_cache is None and self._as_searched():
            low, high = self.query.low_mark, self.query.high_mark
            chosen = self._ranked[low:high]
            self._result_cache = self._rows(chosen) if chosen else []
        super()._fetch_all()  # prefetches, or the SQL when the index cannot answer

    def _rows(self, chosen):
        from .rank import InIds

        rows = self._ranked_base.using(self.db).prefetch_related(None)  # prefetched after
        # Related rows and columns as asked of this queryset (.select_related(), .only()).
        rows.query.select_related = self.query.select_related
        rows.query.deferred_loading = self.query.deferred_loading
        found = {row.pk: row for row in rows.filter(InIds([pk for pk, _ in chosen]))}
        rows = []
        for pk, value in chosen:
            row = found.get(pk)
            if row is not None:
                row.relevance = value
                rows.append(row)
        return rows
