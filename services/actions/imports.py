"""Catalogue import: services/catalogue_io reads and plans; these write."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import DatabaseError, transaction
from simple_history.utils import bulk_create_with_history

from ..catalogue_io import ImportFileError, ImportPlan, plan_import, read_table
from ..catalogue_io.columns import MATERIAL_FIELDS, SCALARS, excerpt
from ..catalogue_io.plan import stale_search
from ..models import Generation, Handling, Material, Matter, Step
from .generation import generation_bump

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
