"""一件事 (life events) in the catalogue file: one row per life event, on the XLSX's second
sheet "一件事" or in a CSV file of their own beside the catalogue's (docs/import-format.md).

Read with read.read_table, planned here (`plan_life_events`) against the matters as they will
be after the import (the stored ones and the file's), written by actions/imports.py in the
same transaction as the matters, and exported by `export_life_rows`.
"""

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from ..models import Department, LifeEvent, LifeEventMaterial, LifeEventMatter, Material, Venue
from ..models.life import material_key
from ..versions import version_of
from .columns import FIELD_SEPS, NO, YES, RowError, excerpt, join_cell, split_cell, trim
from .parse import _choice, _flag, _integer, _messages

LIFE_SHEET = "一件事"
LIFE_COLUMNS = [
    ("code", "一件事编码"),
    ("name", "一件事名称"),
    ("audience", "服务对象"),
    ("summary", "适用对象"),
    ("keywords", "关键词"),
    ("lead_department", "牵头部门"),
    ("promised_days", "承诺办结时限（工作日）"),
    ("conditions", "办理条件"),
    ("online_url", "网上办理地址"),
    ("venue", "一件事窗口所在场所"),
    ("position", "排序"),
    ("published", "公开"),
    ("matters", "所含事项"),
    ("materials", "一套材料"),
]
LIFE_HEADER = dict(LIFE_COLUMNS)
LIFE_OPTIONAL = {"keywords", "conditions", "online_url", "venue", "position", "published"}
LIFE_TEXTS = ["name", "summary", "keywords", "conditions", "online_url"]
# The LifeEvent fields a row sets, besides its code and its two lists.
LIFE_SCALARS = [*LIFE_TEXTS, "audience", "lead_department_id", "promised_days", "venue_id"]
LIFE_SCALARS += ["position", "published"]
REQUIRED_WORDS = {"必办": True, "是": True, "": True, "非必办": False, "选办": False, "否": False}
MATERIAL_REQUIRED = {"必要": True, "": True, "是": True, "容缺": False, "非必要": False}
MATERIAL_REQUIRED |= {"否": False, "特定情形需要": False}
CODE_SEPS = "、;；,， "
MAX_LIST = 200  # bundled matters or materials in one cell


@dataclass
class LifeRowPlan:
    row: int
    code: str
    name: str
    action: str = ""  # "create", "change" or "unchanged"
    changed: list = field(default_factory=list)  # headers of the changed columns
    event: LifeEvent | None = None
    values: dict = field(default_factory=dict)
    matters: list = field(default_factory=list)  # (matter code, required, condition)
    materials: list = field(default_factory=list)  # (name, required, form, copies, (codes))
    version: str = ""


class LifeLookups:
    def __init__(self, codes, matter_codes):
        self.departments = {}
        for d in Department.objects.all():
            self.departments[d.code] = d
            self.departments.setdefault(d.name, d)
        self.venues = {v.code: v for v in Venue.objects.only("id", "code")}
        self.matter_codes = set(matter_codes)  # stored, or created by the same import
        existing = LifeEvent.objects.filter(code__in=codes).prefetch_related(
            "bundled__matter", "materials__for_matters"
        )
        self.events = {e.code: e for e in existing}
        self.names = dict(LifeEvent.objects.values_list("name", "code"))


def _codes(text):
    codes = [text]
    for sep in CODE_SEPS:
        codes = [part for code in codes for part in code.split(sep)]
    return tuple(c.strip() for c in codes if c.strip())


def _parse_matters(text, lookups):
    matters, errors, seen = [], [], set()
    rows = split_cell(text, "\n")
    if len(rows) > MAX_LIST:
        return [], [f"最多 {MAX_LIST} 个事项"]
    for n, parts in enumerate(rows, start=1):
        code = parts[0]
        label = f"第 {n} 个事项（{excerpt(code) or '未填编码'}）"
        if len(parts) > 3:
            errors.append(
                f"{label}有 {len(parts)} 段，最多 3 段（事项编码｜必办或非必办｜办理情形）"
            )
            continue
        word, condition = (parts[1:] + ["", ""])[:2]
        if word not in REQUIRED_WORDS:
            errors.append(f"{label}：“{excerpt(word)}”应填“必办”或“非必办”")
            continue
        required = REQUIRED_WORDS[word]
        if not code:
            errors.append(f"{label}：事项编码不能为空")
        elif code not in lookups.matter_codes:
            errors.append(f"{label}：没有这个事项编码（在事项目录和本文件的事项中都找不到）")
        elif code in seen:
            errors.append(f"{label}：同一事项在一件事中只能出现一次")
        else:
            try:
                link = LifeEventMatter(required=required, condition=condition)
                link.full_clean(exclude=["event", "matter"], validate_unique=False)
            except ValidationError as e:
                errors += [f"{label}：{m}" for _, m in _messages(e)]
                continue
            seen.add(code)
            matters.append((code, required, condition))
    return matters, errors


def _parse_materials(text, lookups):
    materials, errors, seen = [], [], {}
    rows = split_cell(text, "\n")
    if len(rows) > MAX_LIST:
        return [], [f"最多 {MAX_LIST} 项材料"]
    for n, parts in enumerate(rows, start=1):
        name = parts[0]
        label = f"第 {n} 项材料（{excerpt(name) or '未命名'}）"
        if len(parts) > 5:
            errors.append(
                f"{label}有 {len(parts)} 段，最多 5 段（名称｜是否必要｜材料形式｜份数｜用于事项）"
            )
            continue
        word, form, copies, codes = (parts[1:] + ["", "", "", ""])[:4]
        try:
            if word not in MATERIAL_REQUIRED:
                raise ValidationError(f"是否必要应填“必要”或“容缺”，而不是“{excerpt(word)}”")
            obj = LifeEventMaterial(
                name=name,
                required=MATERIAL_REQUIRED[word],
                form=_choice(form or "原件", Material.Form, "材料形式"),
                copies=_integer(copies or "1"),
            )
            obj.full_clean(exclude=["event"], validate_unique=False)
        except ValidationError as e:
            for f, message in _messages(e):
                where = "" if f == NON_FIELD_ERRORS else LifeEventMaterial._meta.get_field(f)
                where = getattr(where, "verbose_name", "")
                errors.append(f"{label}{where}：{message}")
            continue
        key = material_key(name)
        if key in seen:
            errors.append(f"{label}：与“{excerpt(seen[key])}”是同一材料，只能出现一次")
            continue
        seen[key] = name
        codes = _codes(codes)
        unknown = [c for c in codes if c not in lookups.matter_codes]
        if unknown:
            errors.append(f"{label}：用于事项中没有这些事项编码：{'、'.join(unknown[:10])}")
            continue
        materials.append((obj.name, obj.required, obj.form, obj.copies, tuple(sorted(set(codes)))))
    return materials, errors


def parse_life_row(number, cells, lookups):
    errors, failed = [], set()

    def bad(column, message):
        failed.add(column)
        errors.append(RowError(number, LIFE_HEADER.get(column, "整行"), message, LIFE_SHEET))

    code = cells["code"]
    plan = LifeRowPlan(row=number, code=code, name=cells["name"])
    values = plan.values
    for f in LIFE_TEXTS:
        values[f] = cells[f]
    try:
        if not cells["audience"]:
            raise ValidationError("服务对象不能为空（填 个人 或 企业）")
        values["audience"] = _choice(cells["audience"], LifeEvent.Audience, "服务对象")
    except ValidationError as e:
        bad("audience", e.messages[0])
    department = lookups.departments.get(cells["lead_department"])
    if department is None:
        bad(
            "lead_department",
            f"未知的牵头部门“{excerpt(cells['lead_department'])}”（填部门编码或名称）",
        )
    else:
        values["lead_department_id"] = department.id
    values["venue_id"] = None
    if cells["venue"]:
        venue = lookups.venues.get(cells["venue"])
        if venue is None:
            bad("venue", f"未知的场所编码“{excerpt(cells['venue'])}”")
        else:
            values["venue_id"] = venue.id
    for f, default in (("promised_days", ""), ("position", "0")):
        try:
            values[f] = _integer(cells[f] or default)
        except ValidationError as e:
            bad(f, e.messages[0] if cells[f] else f"{LIFE_HEADER[f]}不能为空")
    try:
        values["published"] = _flag(cells["published"] or YES)
    except ValidationError as e:
        bad("published", e.messages[0])
    plan.matters, problems = _parse_matters(cells["matters"], lookups)
    for message in problems:
        bad("matters", message)
    plan.materials, problems = _parse_materials(cells["materials"], lookups)
    for message in problems:
        bad("materials", message)
    other = lookups.names.get(values["name"])
    if other is not None and other != code:
        bad("name", f"与已有的一件事“{excerpt(other)}”同名")
    candidate = LifeEvent(code=code, **{f: v for f, v in values.items() if f not in failed})
    checks = [lambda: candidate.clean_fields(exclude=["lead_department", "venue", *failed])]
    checks.append(candidate.clean)
    for check in checks:
        try:
            check()
        except ValidationError as e:
            for f, message in _messages(e):
                bad(f if f in LIFE_HEADER else NON_FIELD_ERRORS, message)
    unique = {(e.column, e.message): e for e in errors}  # clean() may repeat a field's check
    return plan, list(unique.values())


def stored_matters(event):
    """(code, required, condition) of `event`'s bundled matters that still exist, in order."""
    links = [link for link in event.bundled.all() if link.matter_id is not None]
    return [(link.matter.code, link.required, link.condition) for link in links]


def stored_materials(event):
    return [
        (m.name, m.required, m.form, m.copies, tuple(sorted(x.code for x in m.for_matters.all())))
        for m in event.materials.all()
    ]


def _diff(row, event):
    changed = [f for f in LIFE_SCALARS if getattr(event, f) != row.values[f]]
    changed = [LIFE_HEADER[f.removesuffix("_id")] for f in changed]
    if stored_matters(event) != row.matters:
        changed.append(LIFE_HEADER["matters"])
    if stored_materials(event) != row.materials:
        changed.append(LIFE_HEADER["materials"])
    return changed


def plan_life_events(table, matter_codes):
    """(rows, errors) for the life-event table, against `matter_codes` (what will exist)."""
    codes = [cells["code"] for _, cells in table.rows]
    lookups = LifeLookups(codes, matter_codes)
    rows, errors, seen = [], list(table.problems), {}
    for number, cells in table.rows:
        row, problems = parse_life_row(number, cells, lookups)
        for key, what in (("code", row.code), ("name", row.name)):
            if what in seen.get(key, {}):
                message = f"与第 {seen[key][what]} 行的{LIFE_HEADER[key]}重复"
                problems.insert(0, RowError(number, LIFE_HEADER[key], message, LIFE_SHEET))
            seen.setdefault(key, {}).setdefault(what, number)
        if problems:
            errors += problems
            continue
        row.event = lookups.events.get(row.code)
        if row.event is None:
            row.action = "create"
        else:
            row.version = version_of(row.event)
            row.changed = _diff(row, row.event)
            row.action = "change" if row.changed else "unchanged"
        rows.append(row)
    return rows, errors


# Export --------------------------------------------------------------------------------------


def export_life_rows(events=None):
    """The header and one row per life event (by code). A bundled matter that was deleted is
    left out: it cannot be imported again (the data-quality page lists it)."""
    events = (LifeEvent.objects.all() if events is None else events).order_by("code")
    events = events.select_related("lead_department", "venue").prefetch_related(
        "bundled__matter", "materials__for_matters"
    )
    rows = [[h for _, h in LIFE_COLUMNS]]
    for event in events:
        matters = [
            trim([code, "必办" if required else "非必办", condition], 1)
            for code, required, condition in stored_matters(event)
        ]
        materials = [
            trim(
                [name, "必要" if required else "容缺", Material.Form(form).label, str(copies)]
                + ["、".join(codes)],
                1,
            )
            for name, required, form, copies, codes in stored_materials(event)
        ]
        row = {f: getattr(event, f).replace("\r\n", "\n") for f in LIFE_TEXTS}
        row |= {
            "code": event.code,
            "audience": event.get_audience_display(),
            "lead_department": event.lead_department.name,
            "promised_days": event.promised_days,
            "venue": event.venue.code if event.venue else "",
            "position": event.position,
            "published": YES if event.published else NO,
            "matters": join_cell(matters, "\n", FIELD_SEPS),
            "materials": join_cell(materials, "\n", FIELD_SEPS),
        }
        rows.append([row[f] for f, _ in LIFE_COLUMNS])
    return rows
