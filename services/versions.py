"""A record's version: a fingerprint of everything a save of its change form (or an import row)
would overwrite, so that a save made from what someone saw before another's save is refused
instead of silently putting back the old values.

A fingerprint rather than `updated_at`: the parts edited on the same page (materials, steps,
links, hours) count too, and a save that changed nothing is not a new version. The fields
nobody edits in a form (verification stamps, derived search fields, timestamps) do not count.
"""

import hashlib

from django.db import connections

IGNORED = {"updated_at", "verified_at", "verified_by", "search_pinyin", "search_initials"}
# What a life event's bundled matter was at its 核实: written by 核实, never in a form.
IGNORED |= {"verified_code", "verified_name", "verified_department"}

# The related names whose rows belong to a record's version, per model label.
PARTS = {
    "services.matter": ("themes", "materials", "steps", "handlings"),
    "services.venue": ("periods", "exceptions"),
    "services.lifeevent": ("bundled", "materials"),
}


def parts_of(model):
    return PARTS.get(model._meta.label_lower, ())


def _values(obj, skip=()):
    return [
        (f.attname, repr(getattr(obj, f.attname)))
        for f in obj._meta.concrete_fields
        if f.name not in IGNORED and f.name not in skip
    ]


def version_of(obj):
    """The version of a saved record; its parts are read through their (prefetched) managers."""
    state = [_values(obj)]
    for name in parts_of(type(obj)):
        field = obj._meta.get_field(name)
        rows = sorted(getattr(obj, name).all(), key=lambda row: row.pk)
        if field.many_to_many:
            state.append((name, [row.pk for row in rows]))
        else:
            state.append((name, [_values(row, skip={field.field.name}) for row in rows]))
    return hashlib.sha256(repr(state).encode()).hexdigest()[:32]


def current(model, pk, *, lock=False):
    """The stored record with its parts, or None; `lock` holds its row until the transaction
    ends (PostgreSQL), so that two saves checked at once are checked one after the other."""
    # No ordering: the default one joins other tables, whose rows FOR UPDATE would lock too.
    queryset = model._default_manager.prefetch_related(*parts_of(model)).filter(pk=pk).order_by()
    if lock and connections[queryset.db].in_atomic_block:
        queryset = queryset.select_for_update()
    return queryset.first()
