"""一件事: the merged material list of a life event, and its 核实."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from ..models import Generation, LifeEvent, LifeEventMaterial, Material
from ..models.life import material_key
from .base import Report, bumps
from .generation import generation_bump, generation_kind

_FORMS = Material.Form


@dataclass
class MergedMaterial:
    name: str
    required: bool
    form: str
    copies: int
    for_matters: list = field(default_factory=list)  # whatever identifies a matter, in order


def merge_form(a: str, b: str) -> str:
    """One form that satisfies two matters: an original and a copy → both; a paper form is
    needed if either wants paper (an electronic licence alone will not do then)."""
    if a == b:
        return a
    paper = {a, b} - {_FORMS.ELECTRONIC}
    if len(paper) == 1:
        return paper.pop()
    return _FORMS.ORIGINAL_AND_COPY


def merge_materials(rows: Iterable[tuple]) -> list[MergedMaterial]:
    """Merge (matter, matter_required, name, material_required, form, copies) rows, in step
    order, into one list: each material once by its normalised name (material_key), needed by
    every matter that lists it, required if a required matter requires it, the most copies
    any matter asks for. Plain data in and out, so the demo builder uses it too."""
    merged: dict[str, MergedMaterial] = {}
    for matter, matter_required, name, material_required, form, copies in rows:
        key = material_key(name)
        required = bool(matter_required and material_required)
        entry = merged.get(key)
        if entry is None:
            merged[key] = MergedMaterial(name.strip(), required, form, copies, [matter])
            continue
        if matter not in entry.for_matters:
            entry.for_matters.append(matter)
        entry.required = entry.required or required
        entry.form = merge_form(entry.form, form)
        entry.copies = max(entry.copies, copies)
    return list(merged.values())


def life_event_merge_materials(*, event: LifeEvent) -> list[MergedMaterial]:
    """The merged material list of `event` computed from its bundled matters' materials (two
    queries); `for_matters` holds Matter objects."""
    links = list(event.bundled.filter(matter__isnull=False).select_related("matter"))
    materials = Material.objects.filter(matter__in=[link.matter for link in links]).order_by(
        "matter", "position", "id"
    )
    by_matter = {}
    for material in materials:
        by_matter.setdefault(material.matter_id, []).append(material)
    rows = (
        (
            link.matter,
            link.required,
            material.name,
            material.requirement == Material.Requirement.REQUIRED,
            material.form,
            material.copies,
        )
        for link in links
        for material in by_matter.get(link.matter_id, [])
    )
    return merge_materials(rows)


@bumps(Generation.Kind.PAGES)
def life_event_set_materials(*, event: LifeEvent, by: AbstractBaseUser | None) -> Report:
    """Replace `event`'s material list by the one merged from its bundled matters (the office
    may then edit it). `changed` counts the rows removed and written."""
    merged = life_event_merge_materials(event=event)
    report = Report()
    for old in event.materials.all():
        old._history_user = by
        old.delete()
        report.changed += 1  # a removal is a change too: an emptied list still moves the data
    for position, item in enumerate(merged, start=1):
        row = LifeEventMaterial(
            event=event,
            position=position,
            name=item.name[: LifeEventMaterial._meta.get_field("name").max_length],
            required=item.required,
            form=item.form,
            copies=item.copies,
        )
        row._history_user = by
        row.save()
        row.for_matters.set(item.for_matters)
        report.changed += 1
    return report


def life_event_verify(*, events: Iterable[LifeEvent], by: AbstractBaseUser) -> Report:
    """核实: stamp each event as checked now by `by`, and record what each bundled matter is
    now (code, name, department), so that a later deletion or change of department shows."""
    report = Report()
    now = timezone.now()
    with transaction.atomic():
        for event in events:
            for link in event.bundled.select_related("matter"):
                if link.matter_id is None:
                    continue
                link.verified_code = link.matter.code
                link.verified_name = link.matter.name
                link.verified_department_id = link.matter.department_id
                link._history_user = by
                link.save(update_fields=["verified_code", "verified_name", "verified_department"])
            event.verified_at, event.verified_by = now, by
            event._history_user = by
            event.save(update_fields=["verified_at", "verified_by", "updated_at"])
            report.changed += 1
        if report.changed:
            generation_bump(kind=generation_kind(LifeEvent, ["verified_at", "verified_by"]))
    return report
