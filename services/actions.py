"""Writes that touch several rows or models, as keyword-only functions named <entity>_<action>.

The admin's bulk actions call these. Each saves row by row (so the audit trail records who
changed what) and returns a Report of what was done and, per row, what could not be done.
Each runs in one transaction that bumps the data generation (`generation_bump`, at the end).
"""

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import BigIntegerField, F, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from .catalogue_io import ImportFileError, ImportPlan, plan_import, read_table
from .catalogue_io.columns import MATERIAL_FIELDS, SCALARS, excerpt
from .catalogue_io.plan import stale_search
from .holidays import official_days
from .models import (
    CalendarDay,
    Generation,
    Handling,
    Material,
    Matter,
    SearchOpen,
    SearchQuery,
    Step,
    Synonym,
    Venue,
)
from .search.expand import split_words
from .search.index import READS as SEARCH_READS


@dataclass
class Report:
    changed: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _bumps(kind):
    """Run the action in one transaction that ends by bumping the data generation, when it
    changed anything (see generation_bump)."""

    def wrap(action):
        @functools.wraps(action)
        def run(*args, **kwargs):
            with transaction.atomic():
                report = action(*args, **kwargs)
                if not isinstance(report, Report) or report.changed:
                    generation_bump(kind=kind)
            return report

        return run

    return wrap


def _label(matter):
    return f"“{matter.name}”（{matter.code}）"


def _kiosk_counts(matters):
    """matter id → how many self-service kiosks handle it, in one query for the whole batch."""
    links = Handling.objects.filter(
        matter__in=matters, venue__level=Venue.Level.SELF_SERVICE_KIOSK
    ).values_list("matter_id", flat=True)
    return Counter(links)


def _save_checked(obj, *, by, report, label):
    """full_clean() then save; a row that fails is reported, left as it was, and skipped."""
    try:
        obj.full_clean()
    except ValidationError as error:
        report.problems.append(f"{label}未修改：{'；'.join(error.messages)}")
        return False
    obj._history_user = by
    obj.save()
    report.changed += 1
    return True


@_bumps(Generation.Kind.PAGES)
def matters_mark_instant(*, matters: Iterable[Matter], by: AbstractBaseUser) -> Report:
    """Mark matters 即来即办, which also makes them 即办件 with a promised time of 0 days."""
    report = Report()
    for matter in matters:
        if matter.instant:
            report.unchanged += 1
            continue
        before = []
        if matter.handling_type != Matter.HandlingType.INSTANT:
            before.append(f"办件类型由“{matter.get_handling_type_display()}”改为“即办件”")
        if matter.promised_days != 0:
            before.append(f"承诺时限由 {matter.promised_days} 个工作日改为 0")
        matter.instant = True
        matter.handling_type = Matter.HandlingType.INSTANT
        matter.promised_days = 0
        label = _label(matter)
        if _save_checked(matter, by=by, report=report, label=label) and before:
            report.notes.append(f"{label}：{'，'.join(before)}。")
    return report


@_bumps(Generation.Kind.PAGES)
def matters_mark_self_service(*, matters: Iterable[Matter], by: AbstractBaseUser) -> Report:
    """Mark matters 7×24 自助; warn about those no kiosk handles yet."""
    report = Report()
    matters = list(matters)
    kiosks = _kiosk_counts(matters)
    for matter in matters:
        if matter.self_service:
            report.unchanged += 1
            continue
        matter.self_service = True
        label = _label(matter)
        saved = _save_checked(matter, by=by, report=report, label=label)
        if saved and not kiosks[matter.pk]:
            report.notes.append(f"{label}尚无自助终端办理，请用“在场所添加办理”指定自助终端。")
    return report


@_bumps(Generation.Kind.PAGES)
def matters_unmark_instant(*, matters: Iterable[Matter], by: AbstractBaseUser) -> Report:
    """Take the 即来即办 mark off. The handling type and promised time stay as they are (a
    即办件 of 0 days stays valid); a matter that is no longer same-day is edited on its page,
    where the promised time is entered."""
    report = Report()
    for matter in matters:
        if not matter.instant:
            report.unchanged += 1
            continue
        matter.instant = False
        label = _label(matter)
        if _save_checked(matter, by=by, report=report, label=label):
            report.notes.append(
                f"{label}：仍为“{matter.get_handling_type_display()}”，承诺时限 "
                f"{matter.promised_days} 个工作日；如改为承诺件，请在事项页面修改办件类型和承诺时限。"
            )
    return report


@_bumps(Generation.Kind.PAGES)
def matters_unmark_self_service(*, matters: Iterable[Matter], by: AbstractBaseUser) -> Report:
    """Take the 7×24 自助 mark off; say which matters self-service kiosks still handle."""
    report = Report()
    matters = list(matters)
    kiosks = _kiosk_counts(matters)
    for matter in matters:
        if not matter.self_service:
            report.unchanged += 1
            continue
        matter.self_service = False
        label = _label(matter)
        saved = _save_checked(matter, by=by, report=report, label=label)
        if saved and kiosks[matter.pk]:
            report.notes.append(
                f"{label}仍在 {kiosks[matter.pk]} 台自助终端登记办理，如已停办，请用“从选定场所移除办理”移除。"
            )
    return report


def _add_handlings(*, matters, venues, by, mode, window):
    """Create the missing matter × venue links; returns how many were created."""
    matters, venues = list(matters), list(venues)
    existing = set(
        Handling.objects.filter(matter__in=matters, venue__in=venues).values_list(
            "matter_id", "venue_id"
        )
    )
    new = [
        Handling(matter=m, venue=v, mode=mode, window=window)
        for m in matters
        for v in venues
        if (m.pk, v.pk) not in existing
    ]
    bulk_create_with_history(new, Handling, default_user=by)
    return len(new)


@_bumps(Generation.Kind.PAGES)
def matter_delegate_to_streets(*, matters: Iterable[Matter], by: AbstractBaseUser) -> Report:
    """下沉街道: set the flag and link each matter to every street centre, in one step."""
    report = Report()
    streets = list(Venue.objects.streets())
    if not streets:
        report.problems.append("还没有任何街道便民服务中心，无法下沉。")
        return report
    matters = list(matters)
    for matter in matters:
        if matter.delegated_to_street:
            report.unchanged += 1
            continue
        matter.delegated_to_street = True
        matter._history_user = by
        matter.save()
        report.changed += 1
    created = _add_handlings(
        matters=matters, venues=streets, by=by, mode=Handling.Mode.FULL, window=""
    )
    report.notes.append(f"在 {len(streets)} 个街道便民服务中心新增了 {created} 条办理地点。")
    return report


@_bumps(Generation.Kind.PAGES)
def matter_add_to_venues(
    *,
    matters: Iterable[Matter],
    venues: Iterable[Venue],
    by: AbstractBaseUser,
    mode: str = Handling.Mode.FULL,
    window: str = "",
) -> Report:
    """Link each matter to each venue; links that already exist are left as they are."""
    matters, venues = list(matters), list(venues)
    created = _add_handlings(matters=matters, venues=venues, by=by, mode=mode, window=window)
    return Report(changed=created, unchanged=len(matters) * len(venues) - created)


@_bumps(Generation.Kind.PAGES)
def matter_remove_from_venues(
    *, matters: Iterable[Matter], venues: Iterable[Venue], by: AbstractBaseUser
) -> Report:
    """Unlink each matter from each venue, and say which flags no longer hold."""
    matters, venues = list(matters), list(venues)
    report = Report()
    for handling in Handling.objects.filter(matter__in=matters, venue__in=venues):
        handling._history_user = by
        handling.delete()
        report.changed += 1
    if any(v.level == Venue.Level.STREET_CENTRE for v in venues):
        for matter in matters:
            if matter.delegated_to_street:
                report.notes.append(
                    f"{_label(matter)}仍标为下沉街道，但已不在全部街道便民服务中心办理。"
                )
    return report


@_bumps(Generation.Kind.PAGES)
def matter_verify(*, matters: Iterable[Matter], by: AbstractBaseUser) -> Report:
    """核实: record that the guide was checked now, by `by`."""
    return _verify(matters, by=by)


@_bumps(Generation.Kind.PAGES)
def venue_verify(*, venues: Iterable[Venue], by: AbstractBaseUser) -> Report:
    """核实: record that the venue's profile and hours were checked now, by `by`."""
    return _verify(venues, by=by)


def _verify(objs, *, by):
    now = timezone.now()
    report = Report()
    for obj in objs:
        obj.verified_at, obj.verified_by = now, by
        obj._history_user = by
        obj.save(update_fields=["verified_at", "verified_by", "updated_at"])
        report.changed += 1
    return report


# Catalogue import (services/catalogue_io reads and plans; these write) -----------------------

IMPORT_REASON = "导入事项目录"


def _new_children(matter, row):
    materials = [
        Material(matter=matter, position=i, **dict(zip(MATERIAL_FIELDS, m, strict=True)))
        for i, m in enumerate(row.materials, start=1)
    ]
    steps = [
        Step(matter=matter, position=i, name=name, description=description)
        for i, (name, description) in enumerate(row.steps, start=1)
    ]
    handlings = [
        Handling(matter=matter, venue_id=venue_id, window=window, mode=mode)
        for venue_id, (window, mode) in row.handlings.items()
    ]
    return materials, steps, handlings


def _import_save(obj, by):
    obj._history_user = by
    obj._change_reason = IMPORT_REASON
    obj.save()


def _import_delete(obj, by):
    obj._history_user = by
    obj._change_reason = IMPORT_REASON
    obj.delete()


def _sync_list(existing, wanted, fields, make, by):
    """Make the ordered children `existing` equal `wanted`, saving only what differs."""
    for i, values in enumerate(wanted):
        if i < len(existing):
            obj = existing[i]
            if tuple(getattr(obj, f) for f in fields) == values:
                continue
        else:
            obj = make()
        for f, v in zip(fields, values, strict=True):
            setattr(obj, f, v)
        obj.position = i + 1
        _import_save(obj, by)
    for obj in existing[len(wanted) :]:
        _import_delete(obj, by)


def _import_update(row, by):
    matter = row.matter
    if any(getattr(matter, f) != row.values[f] for f in SCALARS) or stale_search(
        matter, row.values
    ):
        for f, v in row.values.items():
            setattr(matter, f, v)
        matter.set_search_fields()
        _import_save(matter, by)
    if {t.id for t in matter.themes.all()} != row.themes:
        matter.themes.set(row.themes)
    _sync_list(
        list(matter.materials.all()),
        row.materials,
        MATERIAL_FIELDS,
        lambda: Material(matter=matter),
        by,
    )
    _sync_list(
        list(matter.steps.all()),
        row.steps,
        ["name", "description"],
        lambda: Step(matter=matter),
        by,
    )
    have = {h.venue_id: h for h in matter.handlings.all()}
    for venue_id, (window, mode) in row.handlings.items():
        h = have.pop(venue_id, None) or Handling(matter=matter, venue_id=venue_id)
        if h.pk is None or (h.window, h.mode) != (window, mode):
            h.window, h.mode = window, mode
            _import_save(h, by)
    for h in have.values():
        _import_delete(h, by)


@transaction.atomic
def catalogue_apply_plan(*, plan: ImportPlan, by: AbstractBaseUser | None) -> None:
    """Write a valid plan: create the new matters, update the changed ones, nothing else."""
    if not plan.ok:
        raise ValueError("an import plan with errors cannot be applied")
    history = {"default_user": by, "default_change_reason": IMPORT_REASON}
    created = []
    for row in plan.created:
        matter = Matter(code=row.code, **row.values)
        matter.set_search_fields()
        created.append(matter)
    created = bulk_create_with_history(created, Matter, **history)
    children = {Material: [], Step: [], Handling: []}
    through = []
    for matter, row in zip(created, plan.created, strict=True):
        for model, objs in zip(children, _new_children(matter, row), strict=True):
            children[model] += objs
        through += [
            Matter.themes.through(matter_id=matter.id, theme_id=t) for t in sorted(row.themes)
        ]
    for model, objs in children.items():
        bulk_create_with_history(objs, model, **history)
    Matter.themes.through.objects.bulk_create(through)
    for row in plan.changed:
        _import_update(row, by)
    if plan.created or plan.changed:
        generation_bump(kind=Generation.Kind.SEARCH)


def catalogue_import(
    *, file, fmt: str, by: AbstractBaseUser | None, dry_run: bool = False, expected=None
) -> ImportPlan:
    """Read, check and apply a catalogue file, all in one transaction; `plan.applied` says
    whether it wrote.

    Nothing is written for a dry run, for a file with errors, or when `expected` is given and
    the plan's fingerprint differs (the data changed since the preview that was confirmed).
    """
    table = read_table(file, fmt)
    try:
        with transaction.atomic():
            plan = plan_import(table)
            if plan.ok and not dry_run and expected in (None, plan.fingerprint()):
                catalogue_apply_plan(plan=plan, by=by)
                plan.applied = True
    except DatabaseError as e:  # e.g. someone else wrote the same code meanwhile: rolled back
        raise ImportFileError(
            f"写入时数据库拒绝了修改（{excerpt(e, 80)}），未做任何修改，请重新导入。"
        ) from e
    return plan


# Search vocabulary and search log -------------------------------------------------------------


@transaction.atomic
def synonym_add(*, term, words, note=""):
    """Make `term` stand for `words` too (added to what it already stands for, never removed).

    Returns the Synonym, or None when nothing changed. The search index is rebuilt on the next
    search in every process: the search generation moves.
    """
    term = "".join(split_words(term))
    if not term:
        raise ValueError("term")
    synonym = Synonym.objects.select_for_update().filter(term=term).first()
    old = split_words(synonym.expansions) if synonym else []
    new = [w for w in dict.fromkeys(old + list(words)) if w != term]
    expansions = " ".join(new)
    if not new or len(expansions) > Synonym._meta.get_field("expansions").max_length or new == old:
        return None
    if synonym is None:
        synonym = Synonym(term=term, note=note[:200])
    synonym.expansions = expansions
    synonym.full_clean()
    synonym.save()
    generation_bump(kind=Generation.Kind.SEARCH)
    return synonym


def search_log_prune(*, days):
    """Delete the log rows older than `days` days: (searches, opens) deleted."""
    from .search import log

    log.flush()  # rows still buffered in this process are judged by their age too
    searches, _ = SearchQuery.objects.older_than(days).delete()
    opens, _ = SearchOpen.objects.older_than(days).delete()
    return searches, opens


# The data generation (services/caching.py keys the caches on it) ----------------------------


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


def calendar_sync_year(*, year: int) -> Report:
    """Replace `year`'s holidays and 调休 days with the official ones chinese-calendar knows.

    A year the package does not know raises holidays.UnknownYear and leaves the rows as they
    are: an unknown year stays empty (and is flagged on the data-quality page), never guessed.
    """
    days = official_days(year)
    report = Report()
    with transaction.atomic():
        old = {(c.date, c.kind, c.name) for c in CalendarDay.objects.filter(date__year=year)}
        CalendarDay.objects.filter(date__year=year).delete()
        CalendarDay.objects.bulk_create(
            CalendarDay(date=day, kind=kind, name=name) for day, kind, name in days
        )
        generation_bump(kind=Generation.Kind.PAGES)  # opening hours shown change with holidays
    new = set(days)
    report.changed = len(new - old) + len(old - new)
    report.unchanged = len(new & old)
    return report
