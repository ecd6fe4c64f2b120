"""What the search log says, for the 搜索分析 page: top queries, zero-result queries, queries
whose results nobody opened, and the daily trend, each over a date range."""

from django.db.models import Count, Q
from django.db.models.functions import TruncDate

from ..models import SearchOpen, SearchQuery
from . import log

SHOWN = 30


def report(start=None, end=None, shown=SHOWN):
    log.flush()  # this process's buffered rows count too
    searches = SearchQuery.objects.between(start, end)
    counted = searches.values("query").annotate(n=Count("id")).order_by("-n", "query")
    opened = SearchOpen.objects.between(start, end).values("query")
    return {
        "total": searches.count(),
        "top": list(counted.annotate(found=Count("id", filter=Q(results__gt=0)))[:shown]),
        "zero": list(counted.filter(results=0)[:shown]),
        "unopened": list(counted.filter(results__gt=0).exclude(query__in=opened)[:shown]),
        "trend": list(
            searches.annotate(day=TruncDate("searched_at"))
            .values("day")
            .annotate(n=Count("id"), zero=Count("id", filter=Q(results=0)))
            .order_by("day")
        ),
    }
