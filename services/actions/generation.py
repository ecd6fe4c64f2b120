"""The data generation (services/caching.py keys the caches on it)."""

from django.db import transaction
from django.db.models import BigIntegerField, F, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from ..models import Generation
from ..search.index import READS as SEARCH_READS


def generation_kind(model, fields=None) -> str:
    """The kind of generation a write to `model` moves: SEARCH when it may touch what the search
    index reads (any field when `fields` is None), PAGES otherwise."""
    read = SEARCH_READS.get(model._meta.label_lower, set())
    if read is None or (read and (fields is None or read.intersection(fields))):
        return Generation.Kind.SEARCH
    return Generation.Kind.PAGES


def generation_bump(*, kind: str) -> None:
    """Say that public data changed: `Generation.Kind.SEARCH` for what search reads (matter
    names and keywords, synonyms; pages show them too, so both numbers move) or `PAGES` for
    anything else shown. Every write calls it in its own transaction, after its writes: the
    row stays locked until the commit, so a cache never keys older data on a newer number.
    Scripts that write around these functions (loaddata, a bulk SQL fix) call it afterwards,
    or run `python manage.py bump_generation`."""
    kinds = [Generation.Kind.PAGES]  # always locked first: two writers never wait on each other
    if kind == Generation.Kind.SEARCH:
        kinds.append(Generation.Kind.SEARCH)
    elif kind != Generation.Kind.PAGES:
        raise ValueError(f"unknown generation kind {kind!r}")
    now = timezone.now()
    at_least = int(now.timestamp() * 1_000_000)
    with transaction.atomic():
        for each in kinds:
            bumped = Generation.objects.filter(kind=each)
            change = {
                "number": Greatest(
                    F("number") + 1, Value(at_least), output_field=BigIntegerField()
                ),
                "changed_at": now,
            }
            if not bumped.update(**change):  # a database flushed or made without migrate
                Generation.objects.bulk_create([Generation(kind=each)], ignore_conflicts=True)
                bumped.update(**change)
