"""One row of a catalogue file → a `RowPlan` of model values and its `RowError`s.

Every value is checked as the model would (clean_fields, clean(), constraints) on unsaved
copies, with everything the row refers to loaded once (`Lookups`).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from ..models import Department, Handling, Material, Matter, Step, Theme, Venue
from .columns import (
    ALIASES,
    CHOICES,
    DEFAULTS,
    FLAGS,
    HEADER,
    LIST_SEPS,
    MATERIAL_FIELDS,
    NO,
    TEXTS,
    VENUE_SEPS,
    YES,
    RowError,
    excerpt,
    split_cell,
)


@dataclass
class RowPlan:
    row: int
    code: str
    name: str
    action: str  # "create", "change" or "unchanged"
    changed: list = field(default_factory=list)  # headers of the changed columns
    details: list = field(default_factory=list)  # (header, old → new in words) per changed column
    matter: Matter | None = None
    values: dict = field(default_factory=dict)
    themes: set = field(default_factory=set)
    materials: list = field(default_factory=list)  # tuples in MATERIAL_FIELDS order
    steps: list = field(default_factory=list)  # (name, description)
    handlings: dict = field(default_factory=dict)  # venue id → (window, mode)
    version: str = ""  # the stored matter's version when planned (services/versions.py)


def _choice(text, choices, what):
    lookup = {c.value: c.value for c in choices} | {c.label: c.value for c in choices}
    lookup |= ALIASES.get(choices, {})
    if text in lookup:
        return lookup[text]
    allowed = "、".join(c.label for c in choices)
    raise ValidationError(f"未知的{what}“{excerpt(text)}”，可填：{allowed}")


def _integer(text):
    try:
        number = int(text)
    except ValueError:
        raise ValidationError(f"“{excerpt(text)}”不是整数") from None
    if number < 0:
        raise ValidationError("不能是负数")
    return number


def _flag(text):
    if text in ("", NO, "N", "n", "0", "false", "False"):
        return False
    if text in (YES, "Y", "y", "1", "true", "True"):
        return True
    raise ValidationError(f"只能填“是”或“否”，而不是“{excerpt(text)}”")


def _messages(error):
    """(field, message) pairs from a ValidationError."""
    if hasattr(error, "error_dict"):
        return [(f, m) for f, errs in error.message_dict.items() for m in errs]
    return [(NON_FIELD_ERRORS, m) for m in error.messages]


class Lookups:
    """Everything a plan refers to, loaded once."""

    def __init__(self, codes):
        self.departments = {}
        for d in Department.objects.all():
            self.departments[d.code] = d
            self.departments.setdefault(d.name, d)
        self.themes = {}
        for t in Theme.objects.all():
            self.themes[t.name] = t
            self.themes.setdefault(t.slug, t)
        self.venues = {v.code: v for v in Venue.objects.all()}
        self.venues_by_id = {v.id: v for v in self.venues.values()}
        self.department_names = {d.id: d.name for d in self.departments.values()}
        self.theme_names = {t.id: t.name for t in self.themes.values()}
        self.levels = defaultdict(list)
        for v in sorted(self.venues.values(), key=lambda v: v.code):
            self.levels[v.level].append(v)
        existing = (
            Matter.objects.filter(code__in=codes)
            .select_related("department")
            .prefetch_related("themes", "materials", "steps", "handlings")
        )
        self.matters = {m.code: m for m in existing}
        self.constraints = {}  # see _validate_constraints


def _validate_constraints(obj, exclude, memo):
    """Model constraints, asking the database once per distinct combination of the values the
    check constraints read (a catalogue has few), instead of once per row."""
    fields, cacheable = set(), True
    for constraint in obj._meta.constraints:
        if isinstance(constraint, models.CheckConstraint):
            fields |= constraint.condition.referenced_base_fields
        else:
            cacheable = False
    if not cacheable:
        return obj.validate_constraints(exclude=exclude)
    key = (type(obj), tuple(getattr(obj, f) for f in sorted(fields)))
    if key not in memo:
        try:
            obj.validate_constraints(exclude=exclude)
            memo[key] = None
        except ValidationError as e:
            memo[key] = e
    if memo[key] is not None:
        raise memo[key]


def _parse_materials(text, memo):
    materials, errors = [], []
    for n, parts in enumerate(split_cell(text, "\n"), start=1):
        label = f"第 {n} 项材料"
        if len(parts) > len(MATERIAL_FIELDS):
            errors.append(f"{label}有 {len(parts)} 段，最多 {len(MATERIAL_FIELDS)} 段")
            continue
        parts += [""] * (len(MATERIAL_FIELDS) - len(parts))
        name, requirement, form, copies, source, condition, form_url, sample_url = parts
        try:
            obj = Material(
                name=name,
                requirement=_choice(requirement or "必要", Material.Requirement, "是否必要"),
                form=_choice(form or "原件", Material.Form, "材料形式"),
                copies=_integer(copies or "1"),
                source=source,
                condition=condition,
                form_url=form_url,
                sample_url=sample_url,
            )
            obj.full_clean(exclude=["matter"], validate_unique=False, validate_constraints=False)
            _validate_constraints(obj, ["matter"], memo)
        except ValidationError as e:
            for f, message in _messages(e):
                where = Material._meta.get_field(f).verbose_name if f != NON_FIELD_ERRORS else ""
                errors.append(f"{label}（{excerpt(name) or '未命名'}）{where}：{message}")
            continue
        materials.append(tuple(getattr(obj, f) for f in MATERIAL_FIELDS))
    return materials, errors


def _parse_steps(text):
    steps, errors = [], []
    for n, parts in enumerate(split_cell(text, "\n"), start=1):
        if len(parts) > 2:
            errors.append(f"第 {n} 个环节有 {len(parts)} 段，最多 2 段（环节｜办理说明）")
            continue
        name, description = (parts + [""])[:2]
        try:
            Step(name=name, description=description).full_clean(exclude=["matter"])
        except ValidationError as e:
            for f, message in _messages(e):
                where = Step._meta.get_field(f).verbose_name if f != NON_FIELD_ERRORS else ""
                errors.append(f"第 {n} 个环节（{excerpt(name) or '未命名'}）{where}：{message}")
            continue
        steps.append((name, description))
    return steps, errors


def _parse_handlings(text, lookups):
    by_level, by_code, errors = {}, {}, []
    for parts in split_cell(text, VENUE_SEPS):
        token = parts[0]
        if len(parts) > 3:
            errors.append(
                f"“{excerpt(token)}”有 {len(parts)} 段，最多 3 段（场所｜窗口｜办理方式）"
            )
            continue
        window, mode = (parts[1:] + ["", ""])[:2]
        try:
            mode = _choice(mode or "全流程办理", Handling.Mode, "办理方式")
            Handling(window=window, mode=mode).full_clean(
                exclude=["matter", "venue"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as e:
            errors += [f"“{excerpt(token)}”：{m}" for _, m in _messages(e)]
            continue
        level = next((c.value for c in Venue.Level if token in (c.value, c.label)), None)
        target = by_level if level else by_code
        key = level or token
        if key in target:
            errors.append(f"“{excerpt(token)}”写了两次")
        elif level and not lookups.levels.get(level):
            errors.append(f"还没有任何{Venue.Level(level).label}")
        elif not level and token not in lookups.venues:
            errors.append(f"未知的场所编码或层级“{excerpt(token)}”")
        else:
            target[key] = (window, mode)
    handlings = {}
    for level, spec in by_level.items():
        handlings |= {v.id: spec for v in lookups.levels[level]}
    # A venue code written after its level overrides the level's window and mode.
    handlings |= {lookups.venues[code].id: spec for code, spec in by_code.items()}
    return handlings, errors


def parse_row(number, cells, lookups):
    """A RowPlan (action not yet decided) and the row's errors."""
    errors, failed = [], set()

    def bad(column, message):
        failed.add(column)
        errors.append(RowError(number, HEADER.get(column, column), message))

    code = cells["code"]
    plan = RowPlan(row=number, code=code, name=cells["name"], action="")
    values = plan.values
    if not code:
        bad("code", "事项编码不能为空")
    for f in TEXTS:
        values[f] = cells[f] or DEFAULTS.get(f, "")
    department = lookups.departments.get(cells["department"])
    if not cells["department"]:
        bad("department", "实施部门不能为空（填部门编码或部门名称）")
    elif department is None:
        bad("department", f"未知的实施部门“{excerpt(cells['department'])}”（填部门编码或部门名称）")
    else:
        values["department_id"] = department.id
    for f, choices in CHOICES.items():
        text = cells[f] or DEFAULTS.get(f, "")
        if not text:
            bad(f, f"{HEADER[f]}不能为空")
            continue
        try:
            values[f] = _choice(text, choices, HEADER[f])
        except ValidationError as e:
            bad(f, e.messages[0])
    for f, required in (("legal_days", False), ("promised_days", True), ("visits", True)):
        text = cells[f] or DEFAULTS.get(f, "")
        if not text:
            values[f] = None
            if required:
                bad(f, f"{HEADER[f]}不能为空")
            continue
        try:
            values[f] = _integer(text)
        except ValidationError as e:
            bad(f, e.messages[0])
    for f in FLAGS:
        try:
            values[f] = _flag(cells[f])
        except ValidationError as e:
            bad(f, e.messages[0])
    for name in split_cell(cells["themes"], LIST_SEPS, field_seps=""):
        theme = lookups.themes.get(name[0])
        if theme is None:
            bad("themes", f"未知的主题分类“{excerpt(name[0])}”")
        else:
            plan.themes.add(theme.id)
    plan.materials, problems = _parse_materials(cells["materials"], lookups.constraints)
    for message in problems:
        bad("materials", message)
    plan.steps, problems = _parse_steps(cells["steps"])
    for message in problems:
        bad("steps", message)
    plan.handlings, problems = _parse_handlings(cells["handlings"], lookups)
    for message in problems:
        bad("handlings", message)
    errors += _check_matter(number, code, values, failed, lookups.constraints)
    return plan, errors


def _check_matter(number, code, values, failed, memo):
    """The model's own field checks, clean() and constraints, on an unsaved copy.

    Fields that already `failed` to parse are skipped; clean() and the constraints, which read
    several fields together, run only when every field they might read is known.
    """
    candidate = Matter(code=code, **{f: v for f, v in values.items() if f not in failed})
    errors = []
    steps = [lambda: candidate.clean_fields(exclude=["department", "verified_by", *failed])]
    if failed <= {"department", "themes", "materials", "steps", "handlings"}:
        steps.append(candidate.clean)
    for step in steps:
        try:
            step()
        except ValidationError as e:
            errors += _messages(e)
    if len(steps) == 2 and not errors:  # clean() names the field for what constraints forbid
        try:
            _validate_constraints(candidate, ["department", "verified_by"], memo)
        except ValidationError as e:
            errors += _messages(e)
    column = {f: HEADER.get(f, "整行") for f, _ in errors}
    return [RowError(number, column[f], m) for f, m in dict.fromkeys(errors)]
