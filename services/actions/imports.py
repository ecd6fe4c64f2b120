"""Catalogue import: services/catalogue_io reads and plans; these write."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import DatabaseError, transaction
from simple_history.utils import bulk_create_with_history

from ..catalogue_io import ImportFileError, ImportPlan, plan_import, read_table
from ..catalogue_io.columns import MATERIAL_FIELDS, SCALARS, excerpt
from ..catalogue_io.life import LIFE_SCALARS, stored_materials, stored_matters
from ..catalogue_io.plan import stale_search
from ..models import (
    Generation,
    Handling,
    LifeEvent,
    LifeEventMaterial,
    LifeEventMatter,
    Material,
    Matter,
    Step,
)
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


def _import_life_event(row, matter_ids, by):
    """Create or update one life event so that it equals its row; only what differs is saved.
    A bundled row whose matter was deleted is left alone (the data-quality page lists it)."""
    event = row.event or LifeEvent(code=row.code)
    if row.event is None or any(getattr(event, f) != row.values[f] for f in LIFE_SCALARS):
        for f, v in row.values.items():
            setattr(event, f, v)
        _import_save(event, by)
    if row.event is None or stored_matters(event) != row.matters:
        have = {link.matter_id: link for link in event.bundled.all() if link.matter_id}
        wanted = {matter_ids[code] for code, _, _ in row.matters}
        for matter_id in set(have) - wanted:
            _import_delete(have.pop(matter_id), by)
        for position, (code, required, condition) in enumerate(row.matters, start=1):
            link = have.get(matter_ids[code]) or LifeEventMatter(
                event=event, matter_id=matter_ids[code]
            )
            if link.pk is None or (link.position, link.required, link.condition) != (
                position,
                required,
                condition,
            ):
                link.position, link.required, link.condition = position, required, condition
                _import_save(link, by)
    if row.event is None or stored_materials(event) != row.materials:
        have = {m.name: m for m in event.materials.all()}
        for name in set(have) - {m[0] for m in row.materials}:
            _import_delete(have.pop(name), by)
        for position, (name, required, form, copies, codes) in enumerate(row.materials, 1):
            material = have.get(name) or LifeEventMaterial(event=event, name=name)
            values = (position, required, form, copies)
            if (
                material.pk is None
                or (
                    material.position,
                    material.required,
                    material.form,
                    material.copies,
                )
                != values
            ):
                material.position, material.required, material.form, material.copies = values
                _import_save(material, by)
            ids = {matter_ids[code] for code in codes}
            if material.pk and ids != {m.pk for m in material.for_matters.all()}:
                material.for_matters.set(ids)


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
    life = [r for r in plan.life_rows if r.action != "unchanged"]
    if life:  # after the matters: a life event may bundle a matter the same file creates
        codes = {c for r in life for c, _, _ in r.matters}
        codes |= {c for r in life for m in r.materials for c in m[4]}
        matter_ids = dict(Matter.objects.filter(code__in=codes).values_list("code", "id"))
        for row in life:
            _import_life_event(row, matter_ids, by)
    if plan.created or plan.changed or life:
        generation_bump(kind=Generation.Kind.SEARCH)


def catalogue_import(
    *,
    file,
    fmt: str,
    by: AbstractBaseUser | None,
    dry_run: bool = False,
    expected=None,
    life_file=None,
) -> ImportPlan:
    """Read, check and apply a catalogue file (and its life events: the XLSX's 一件事 sheet, or
    `life_file` beside a CSV), all in one transaction; `plan.applied` says whether it wrote.

    Nothing is written for a dry run, for a file with errors, or when `expected` is given and
    the plan's fingerprint differs (the data changed since the preview that was confirmed).
    """
    table = read_table(file, fmt, life_file)
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
