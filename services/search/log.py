"""The search log: what residents search for, written in batches, without personal data.

A search adds one row to an in-process buffer (a list append); the buffer is written with one
bulk INSERT when it holds `SEARCH_LOG_BATCH` rows or its oldest row is `SEARCH_LOG_FLUSH_SECONDS`
old (checked on the next search), and when the process exits. So logging costs a search
almost nothing; a crash loses at most one batch of statistics, never anything a resident gave.

Before anything is kept, the query is normalised (the search's own `normalise`) and every run
of 5 or more digits, with spaces or hyphens between them and an ID card's final X, becomes "#":
ID card, phone and bank numbers are never stored. No address, cookie or user is recorded.
"""

import atexit
import re
import threading
import time

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from ..models import SearchOpen, SearchQuery
from .normalise import normalise

MAX_LENGTH = 100
_DIGITS = re.compile(r"\d(?:[\s\-–—]*\d){4,}[xX]?")

_lock = threading.Lock()
_pending = []  # unsaved SearchQuery and SearchOpen rows
_oldest = [0.0]


def mask(text):
    """'身份证410102199001011234补办' → '身份证#补办': long digit runs never reach storage."""
    return _DIGITS.sub("#", text or "")


def clean(q):
    return mask(normalise(q))[:MAX_LENGTH]  # normalised first: full-width digits are digits too


def record_search(q, results):
    query = clean(q)
    if query:
        _add(SearchQuery(query=query, results=results, searched_at=timezone.now()))


def record_open(q, code, position):
    query = clean(q)
    if query:
        _add(
            SearchOpen(
                query=query, matter_code=code[:64], position=position, opened_at=timezone.now()
            )
        )


def _add(row):
    with _lock:
        if not _pending:
            _oldest[0] = time.monotonic()
        _pending.append(row)
        due = len(_pending) >= settings.SEARCH_LOG_BATCH or (
            time.monotonic() - _oldest[0] >= settings.SEARCH_LOG_FLUSH_SECONDS
        )
    if due:
        flush()


def flush():
    """Write the buffered rows (two bulk INSERTs at most); returns how many."""
    with _lock:
        rows = _pending[:]
        _pending.clear()
    searches = [r for r in rows if isinstance(r, SearchQuery)]
    opens = [r for r in rows if isinstance(r, SearchOpen)]
    try:
        with transaction.atomic():
            SearchQuery.objects.bulk_create(searches)
            SearchOpen.objects.bulk_create(opens)
    except DatabaseError:  # statistics only: a search must never fail for its log
        return 0
    return len(rows)


atexit.register(flush)
