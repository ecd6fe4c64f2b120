"""Writes that touch several rows or models, as keyword-only functions named <entity>_<action>.

The admin's bulk actions call these. Each saves row by row (so the audit trail records who
changed what) and returns a Report of what was done and, per row, what could not be done.
Each runs in one transaction that bumps the data generation (`generation_bump`, at the end).

Split by concern: catalogue (bulk matter and venue writes), imports (the catalogue import),
search (vocabulary and log), life (一件事 materials and 核实), calendar (holidays), generation (the data generation every write
bumps); base holds the Report and the one-transaction wrapper they share.
"""

from .base import Report
from .calendar import calendar_sync_year
from .catalogue import (
    matter_add_to_venues,
    matter_delegate_to_streets,
    matter_remove_from_venues,
    matter_verify,
    matters_mark_instant,
    matters_mark_self_service,
    matters_unmark_instant,
    matters_unmark_self_service,
    venue_verify,
)
from .generation import generation_bump, generation_kind
from .imports import IMPORT_REASON, catalogue_apply_plan, catalogue_import
from .life import (
    MergedMaterial,
    life_event_merge_materials,
    life_event_set_materials,
    life_event_verify,
    merge_materials,
)
from .search import search_log_prune, synonym_add

__all__ = [
    "IMPORT_REASON",
    "MergedMaterial",
    "Report",
    "calendar_sync_year",
    "catalogue_apply_plan",
    "catalogue_import",
    "generation_bump",
    "generation_kind",
    "life_event_merge_materials",
    "life_event_set_materials",
    "life_event_verify",
    "matter_add_to_venues",
    "matter_delegate_to_streets",
    "matter_remove_from_venues",
    "matter_verify",
    "matters_mark_instant",
    "matters_mark_self_service",
    "matters_unmark_instant",
    "matters_unmark_self_service",
    "merge_materials",
    "search_log_prune",
    "synonym_add",
    "venue_verify",
]
