"""The catalogue file a department sends: one row per matter, CSV or XLSX (docs/import-format.md).

Why our own small module on csv + openpyxl rather than django-import-export: a row here carries
three child lists (materials, steps, the venues that handle it) in structured cells; the whole
file must be validated (clean(), constraints, every department / theme / venue / choice) before
anything is written; errors must come back as (row, column, reason) in Chinese; the preview must
list the changed columns; and only what changed may be saved, so a re-import adds no history.
import-export's Resource maps one flat model per row; bending it to all that costs more glue
than the plain code below.

- `read_table(file, fmt)` → `Table` (headers checked, one `dict` per non-blank row).
- `plan_import(table)` → `ImportPlan` (what would be created / changed / left alone, or errors);
  it never writes.
- `apply_plan(plan, user=…)` writes a valid plan in one transaction.
- `import_catalogue(file, fmt, dry_run=…, user=…, expected=…)` does the three in one transaction.
- `export_rows(matters)`, `write_csv(rows, f)`, `write_xlsx(rows, f)` write the same format.
"""

import csv
import datetime
import hashlib
import io
import re
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import translation
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import InvalidFileException
from simple_history.utils import bulk_create_with_history

from .models import Department, Handling, Material, Matter, Step, Theme, Venue
from .search import pinyin_fields

FORMATS = (".csv", ".xlsx")
MAX_ROWS = 20000
CHANGE_REASON = "导入事项目录"

# (model field, Chinese header) in file order; the header or the field name is accepted.
COLUMNS = [
    ("code", "事项编码"),
    ("name", "事项名称"),
    ("department", "实施部门"),
    ("kind", "事项类型"),
    ("audience", "服务对象"),
    ("themes", "主题分类"),
    ("conditions", "受理条件"),
    ("basis", "设定依据"),
    ("handling_type", "办件类型"),
    ("legal_days", "法定时限（工作日）"),
    ("promised_days", "承诺时限（工作日）"),
    ("fee", "收费标准"),
    ("visits", "到现场次数"),
    ("scope", "通办范围"),
    ("online_url", "网上办理地址"),
    ("consult_phone", "咨询电话"),
    ("instant", "即来即办"),
    ("no_application", "免申即享"),
    ("self_service", "7×24 自助"),
    ("delegated_to_street", "下沉街道"),
    ("cross_province", "跨省通办"),
    ("keywords", "关键词"),
    ("materials", "申请材料"),
    ("steps", "办理流程"),
    ("handlings", "办理地点"),
]
HEADER = dict(COLUMNS)
FLAGS = ["instant", "no_application", "self_service", "delegated_to_street", "cross_province"]
TEXTS = ["name", "conditions", "basis", "fee", "online_url", "consult_phone", "keywords"]
CHOICES = {
    "kind": Matter.Kind,
    "audience": Matter.Audience,
    "handling_type": Matter.HandlingType,
    "scope": Matter.Scope,
}
# The Matter fields a row sets (besides code, themes and the child lists).
SCALARS = ["name", "department_id", *CHOICES, "conditions", "basis", "legal_days"]
SCALARS += ["promised_days", "fee", "visits", "online_url", "consult_phone", *FLAGS, "keywords"]
DEFAULTS = {"fee": "不收费", "visits": "1", "scope": Matter.Scope.LOCAL.label}

YES, NO = "是", "否"
REQUIREMENT_OUT = {"required": "必要", "conditional": "容缺"}
MODE_OUT = {"full": "全流程办理", "accept": "受理", "assist": "帮办代办"}
ALIASES = {
    Material.Requirement: {"容缺": "conditional", "特定情形需要": "conditional"},
    Handling.Mode: {"全流程": "full", "收件": "accept", "受理": "accept", "帮办代办": "assist"},
}
ALIASES[Handling.Mode] |= {"咨询": "assist", "帮办": "assist", "代办": "assist"}
FIELD_SEPS = "|｜"
LIST_SEPS = ";；、,，\n"
VENUE_SEPS = ";；\n"


class ImportFileError(Exception):
    """The file as a whole cannot be read: wrong type, unreadable, or bad headers."""

    def __init__(self, messages):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("；".join(self.messages))


@dataclass
class Table:
    rows: list  # (row number as the spreadsheet shows it, {field: cell text})


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        return f"第 {self.row} 行［{self.column}］：{self.message}"


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


@dataclass
class ImportPlan:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    applied: bool = False

    def fingerprint(self):
        """Identifies what the plan would do, so a confirm step can apply only what was shown."""
        shown = [(r.code, r.action, r.changed) for r in self.rows]
        return hashlib.sha256(repr((shown, self.errors)).encode()).hexdigest()

    def _with(self, action):
        return [r for r in self.rows if r.action == action]

    @property
    def created(self):
        return self._with("create")

    @property
    def changed(self):
        return self._with("change")

    @property
    def unchanged(self):
        return self._with("unchanged")

    @property
    def ok(self):
        return not self.errors

    def summary(self):
        return (
            f"新建 {len(self.created)} 个，修改 {len(self.changed)} 个，"
            f"未变 {len(self.unchanged)} 个事项"
        )


# Reading files ------------------------------------------------------------------------------


def format_of(filename):
    """'.csv' or '.xlsx' from a file name, or ImportFileError in Chinese."""
    name = str(filename).lower()
    for ext in FORMATS:
        if name.endswith(ext):
            return ext
    shown = "." + name.rsplit(".", 1)[1] if "." in name else "（无扩展名）"
    raise ImportFileError(f"不支持的文件类型“{shown}”：请使用 .csv 或 .xlsx 文件。")


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


def _grid_csv(data):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError("无法识别 CSV 文件的编码：请另存为 UTF-8 编码的 CSV。")
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as e:
        raise ImportFileError(f"CSV 文件格式有误：{e}") from e


def _grid_xlsx(data):
    broken = ImportFileError("不是有效的 XLSX 文件：请用 Excel 或 WPS 另存为 .xlsx。")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as e:
        raise broken from e
    try:
        sheet = book.worksheets[0]
        return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    except Exception as e:  # a damaged sheet can fail in many ways inside openpyxl: not a 500
        raise broken from e
    finally:
        book.close()


def _header_key(text):
    """Headers match whatever the spaces and the width of the brackets."""
    return re.sub(r"\s", "", text).replace("(", "（").replace(")", "）")


def read_table(file, fmt):
    """Read a catalogue file (a path or a binary file object) into a checked `Table`."""
    if hasattr(file, "read"):
        data = file.read()
    else:
        with open(file, "rb") as f:
            data = f.read()
    grid = _grid_csv(data) if fmt == ".csv" else _grid_xlsx(data)
    if not grid or not any(c.strip() for c in grid[0]):
        raise ImportFileError("文件是空的：第 1 行应是表头（见 docs/import-format.md）。")
    by_name = {_header_key(h): f for f, h in COLUMNS} | {f: f for f, _ in COLUMNS}
    headers, problems = [], []
    for number, text in enumerate(grid[0], start=1):
        text, key = text.strip(), _header_key(text)
        if not text:
            headers.append(None)
        elif key not in by_name:
            problems.append(f"第 {number} 列的表头“{text}”不认识")
            headers.append(None)
        elif by_name[key] in headers:
            problems.append(f"表头“{text}”出现了两次")
            headers.append(None)
        else:
            headers.append(by_name[key])
    missing = [h for f, h in COLUMNS if f not in headers]
    if missing:
        problems.append("缺少列：" + "、".join(missing))
    if problems:
        raise ImportFileError(problems)
    if len(grid) - 1 > MAX_ROWS:
        raise ImportFileError(f"文件超过 {MAX_ROWS} 行，请分批导入。")
    rows = []
    for number, cells in enumerate(grid[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        values = {f: "" for f, _ in COLUMNS}
        for f, cell in zip(headers, cells, strict=False):
            if f:
                values[f] = cell.replace("\r\n", "\n").replace("\r", "\n").strip()
        rows.append((number, values))
    return Table(rows)


# Structured cells ---------------------------------------------------------------------------


def split_cell(text, record_seps, field_seps=FIELD_SEPS):
    """Records of fields from a structured cell; `\\` escapes a separator, `\\n` is a newline."""
    records, fields, buf = [], [], []
    chars = iter(text)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            if nxt == "n":
                buf.append("\n")
            elif nxt == "\\" or (nxt and nxt in field_seps + record_seps):
                buf.append(nxt)
            else:
                buf.append("\\" + nxt)
        elif ch in field_seps:
            fields.append("".join(buf).strip())
            buf = []
        elif ch in record_seps:
            fields.append("".join(buf).strip())
            records.append(fields)
            fields, buf = [], []
        else:
            buf.append(ch)
    fields.append("".join(buf).strip())
    records.append(fields)
    return [r for r in records if any(r)]


def join_cell(records, record_sep, specials):
    # A backslash is doubled only where the reader would otherwise take it as an escape.
    lone = re.compile(r"\\(?=[n\\\n" + re.escape(specials) + "]|$)")

    def escape(value):
        value = lone.sub(r"\\\\", value.replace("\r\n", "\n")).replace("\n", "\\n")
        for ch in specials:
            value = value.replace(ch, "\\" + ch)
        return value

    return record_sep.join(FIELD_SEPS[1].join(escape(v) for v in r) for r in records)


def _trim(fields, keep):
    fields = list(fields)
    while len(fields) > keep and fields[-1] == "":
        fields.pop()
    return fields


# Planning an import -------------------------------------------------------------------------


MATERIAL_FIELDS = ["name", "requirement", "form", "copies", "source", "condition"]
MATERIAL_FIELDS += ["form_url", "sample_url"]


def _choice(text, choices, what):
    lookup = {c.value: c.value for c in choices} | {c.label: c.value for c in choices}
    lookup |= ALIASES.get(choices, {})
    if text in lookup:
        return lookup[text]
    allowed = "、".join(c.label for c in choices)
    raise ValidationError(f"未知的{what}“{text}”，可填：{allowed}")


def _integer(text):
    try:
        number = int(text)
    except ValueError:
        raise ValidationError(f"“{text}”不是整数") from None
    if number < 0:
        raise ValidationError("不能是负数")
    return number


def _flag(text):
    if text in ("", NO, "N", "n", "0", "false", "False"):
        return False
    if text in (YES, "Y", "y", "1", "true", "True"):
        return True
    raise ValidationError(f"只能填“是”或“否”，而不是“{text}”")


def _messages(error):
    """(field, message) pairs from a ValidationError."""
    if hasattr(error, "error_dict"):
        return [(f, m) for f, errs in error.message_dict.items() for m in errs]
    return [(NON_FIELD_ERRORS, m) for m in error.messages]


class _Lookups:
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
                errors.append(f"{label}（{name or '未命名'}）{where}：{message}")
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
                errors.append(f"第 {n} 个环节（{name or '未命名'}）{where}：{message}")
            continue
        steps.append((name, description))
    return steps, errors


def _parse_handlings(text, lookups):
    by_level, by_code, errors = {}, {}, []
    for parts in split_cell(text, VENUE_SEPS):
        token = parts[0]
        if len(parts) > 3:
            errors.append(f"“{token}”有 {len(parts)} 段，最多 3 段（场所｜窗口｜办理方式）")
            continue
        window, mode = (parts[1:] + ["", ""])[:2]
        try:
            mode = _choice(mode or "全流程办理", Handling.Mode, "办理方式")
            Handling(window=window, mode=mode).full_clean(
                exclude=["matter", "venue"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as e:
            errors += [f"“{token}”：{m}" for _, m in _messages(e)]
            continue
        level = next((c.value for c in Venue.Level if token in (c.value, c.label)), None)
        target = by_level if level else by_code
        key = level or token
        if key in target:
            errors.append(f"“{token}”写了两次")
        elif level and not lookups.levels.get(level):
            errors.append(f"还没有任何{Venue.Level(level).label}")
        elif not level and token not in lookups.venues:
            errors.append(f"未知的场所编码或层级“{token}”")
        else:
            target[key] = (window, mode)
    handlings = {}
    for level, spec in by_level.items():
        handlings |= {v.id: spec for v in lookups.levels[level]}
    # A venue code written after its level overrides the level's window and mode.
    handlings |= {lookups.venues[code].id: spec for code, spec in by_code.items()}
    return handlings, errors


def _parse_row(number, cells, lookups):
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
        bad("department", f"未知的实施部门“{cells['department']}”（填部门编码或部门名称）")
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
            bad("themes", f"未知的主题分类“{name[0]}”")
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


def _diff(plan, matter):
    """Headers of the columns where the row differs from the stored matter."""
    changed = [f for f in SCALARS if getattr(matter, f) != plan.values[f]]
    changed = [HEADER.get(f.removesuffix("_id")) for f in changed]
    if {t.id for t in matter.themes.all()} != plan.themes:
        changed.append(HEADER["themes"])
    have = [tuple(getattr(m, f) for f in MATERIAL_FIELDS) for m in matter.materials.all()]
    if have != plan.materials:
        changed.append(HEADER["materials"])
    if [(s.name, s.description) for s in matter.steps.all()] != plan.steps:
        changed.append(HEADER["steps"])
    handlings = {h.venue_id: (h.window, h.mode) for h in matter.handlings.all()}
    if handlings != plan.handlings:
        changed.append(HEADER["handlings"])
    changed = [h for h in COLUMNS_ORDER if h in changed]
    if not changed and _stale_search(matter, plan.values):  # a name change implies it
        changed.append(SEARCH_FIELDS)
    return changed


COLUMNS_ORDER = [h for _, h in COLUMNS]
SEARCH_FIELDS = "拼音检索字段"
SHOWN_CHARS = 60


def _shown(value):
    """A cell value as the preview shows it: 是/否, a choice's label, （空）, or shortened text."""
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return YES if value else NO
    text = str(value).replace("\n", " ")
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _list_change(old, new):
    """Names added and removed between two lists, e.g. 新增 户口簿；移除 身份证."""
    added = [n for n in new if n not in old]
    removed = [n for n in old if n not in new]
    parts = [f"新增 {'、'.join(added)}"] if added else []
    parts += [f"移除 {'、'.join(removed)}"] if removed else []
    return "；".join(parts) or f"内容或顺序有修改（{len(old)} 项 → {len(new)} 项）"


def _venue_label(venue, window, mode):
    extra = [window] if window else []
    extra += [MODE_OUT[mode]] if mode != Handling.Mode.FULL else []
    return " ".join([venue.code, venue.name, *extra])


def _describe(row, matter, lookups):
    """(header, old → new) for each changed column of `row`, in words staff can check."""
    details = []
    for f in SCALARS:
        old, new = getattr(matter, f), row.values[f]
        if old == new:
            continue
        name = f.removesuffix("_id")
        if name == "department":
            old, new = matter.department.name, lookups.department_names.get(new, new)
        elif name in CHOICES:
            old, new = CHOICES[name](old).label, CHOICES[name](new).label
        details.append((HEADER[name], f"{_shown(old)} → {_shown(new)}"))
    old_themes = sorted(t.name for t in matter.themes.all())
    new_themes = sorted(lookups.theme_names[t] for t in row.themes)
    if old_themes != new_themes:
        details.append((HEADER["themes"], _list_change(old_themes, new_themes)))
    old_materials = [m.name for m in matter.materials.all()]
    have = [tuple(getattr(m, f) for f in MATERIAL_FIELDS) for m in matter.materials.all()]
    if have != row.materials:
        details.append(
            (HEADER["materials"], _list_change(old_materials, [m[0] for m in row.materials]))
        )
    old_steps = [(s.name, s.description) for s in matter.steps.all()]
    if old_steps != row.steps:
        details.append(
            (HEADER["steps"], _list_change([s[0] for s in old_steps], [s[0] for s in row.steps]))
        )
    venues = lookups.venues_by_id
    old = {h.venue_id: (h.window, h.mode) for h in matter.handlings.all()}
    if old != row.handlings:
        parts = []
        for venue_id in sorted(set(old) | set(row.handlings), key=lambda i: venues[i].code):
            before, after = old.get(venue_id), row.handlings.get(venue_id)
            if before == after:
                continue
            venue = venues[venue_id]
            if before is None:
                parts.append(f"新增 {_venue_label(venue, *after)}")
            elif after is None:
                parts.append(f"移除 {_venue_label(venue, *before)}")
            else:
                was, now = _venue_label(venue, *before), _venue_label(venue, *after)
                parts.append(f"修改 {was} → {now}")
        details.append((HEADER["handlings"], "；".join(parts)))
    return [d for h in COLUMNS_ORDER for d in details if d[0] == h]


def plan_import(table):
    """What importing `table` would do, or why it cannot; reads the database, never writes."""
    with translation.override("zh-hans"):
        lookups = _Lookups([cells["code"] for _, cells in table.rows])
        plan, seen = ImportPlan(), {}
        for number, cells in table.rows:
            row, errors = _parse_row(number, cells, lookups)
            if row.code in seen:
                errors.insert(
                    0, RowError(number, HEADER["code"], f"与第 {seen[row.code]} 行的事项编码重复")
                )
            seen.setdefault(row.code, number)
            if errors:
                plan.errors += errors
                continue
            row.matter = lookups.matters.get(row.code)
            if row.matter is None:
                row.action = "create"
            else:
                row.changed = _diff(row, row.matter)
                row.details = _describe(row, row.matter, lookups) if row.changed else []
                row.action = "change" if row.changed else "unchanged"
            plan.rows.append(row)
    return plan


# Applying a plan ----------------------------------------------------------------------------


def _search_fields(values):
    full, initials = pinyin_fields(values["name"], values["keywords"])
    return {"search_pinyin": full, "search_initials": initials}


def _stale_search(matter, values):
    return any(getattr(matter, f) != v for f, v in _search_fields(values).items())


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


def _sync_list(existing, wanted, fields, make, user):
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
        _save(obj, user)
    for obj in existing[len(wanted) :]:
        obj._history_user = user
        obj._change_reason = CHANGE_REASON
        obj.delete()


def _save(obj, user):
    obj._history_user = user
    obj._change_reason = CHANGE_REASON
    obj.save()


def _update(row, user):
    matter = row.matter
    if any(getattr(matter, f) != row.values[f] for f in SCALARS) or _stale_search(
        matter, row.values
    ):
        for f, v in (row.values | _search_fields(row.values)).items():
            setattr(matter, f, v)
        _save(matter, user)
    if {t.id for t in matter.themes.all()} != row.themes:
        matter.themes.set(row.themes)
    _sync_list(
        list(matter.materials.all()),
        row.materials,
        MATERIAL_FIELDS,
        lambda: Material(matter=matter),
        user,
    )
    _sync_list(
        list(matter.steps.all()),
        row.steps,
        ["name", "description"],
        lambda: Step(matter=matter),
        user,
    )
    have = {h.venue_id: h for h in matter.handlings.all()}
    for venue_id, (window, mode) in row.handlings.items():
        h = have.pop(venue_id, None) or Handling(matter=matter, venue_id=venue_id)
        if h.pk is None or (h.window, h.mode) != (window, mode):
            h.window, h.mode = window, mode
            _save(h, user)
    for h in have.values():
        h._history_user = user
        h._change_reason = CHANGE_REASON
        h.delete()


@transaction.atomic
def apply_plan(plan, *, user=None):
    """Write a valid plan: create the new matters, update the changed ones, nothing else."""
    if not plan.ok:
        raise ValueError("an import plan with errors cannot be applied")
    history = {"default_user": user, "default_change_reason": CHANGE_REASON}
    created = [Matter(code=r.code, **r.values, **_search_fields(r.values)) for r in plan.created]
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
        _update(row, user)


def import_catalogue(file, fmt, *, dry_run=False, user=None, expected=None):
    """Read, check and apply, all in one transaction; `plan.applied` says whether it wrote.

    Nothing is written for a dry run, for a file with errors, or when `expected` is given and
    the plan's fingerprint differs (the data changed since the preview that was confirmed).
    """
    table = read_table(file, fmt)
    try:
        with transaction.atomic():
            plan = plan_import(table)
            if plan.ok and not dry_run and expected in (None, plan.fingerprint()):
                apply_plan(plan, user=user)
                plan.applied = True
    except IntegrityError as e:  # someone else wrote the same code meanwhile: rolled back
        raise ImportFileError(f"写入时数据库拒绝了修改（{e}），未做任何修改，请重新导入。") from e
    return plan


# Export -------------------------------------------------------------------------------------


def _handlings_cell(matter, levels):
    """Venue codes, or a level's name when every venue of that level handles the matter."""
    by_venue = {h.venue.code: h for h in matter.handlings.all()}
    records = []
    for level in Venue.Level:
        codes = levels.get(level.value, [])
        specs = Counter((by_venue[c].window, by_venue[c].mode) for c in codes if c in by_venue)
        if codes and specs.total() == len(codes):
            common = max(sorted(specs), key=lambda s: specs[s])
            records.append([level.value, *common])
            listed = [c for c in codes if (by_venue[c].window, by_venue[c].mode) != common]
        else:
            listed = [c for c in codes if c in by_venue]
        records += [[c, by_venue[c].window, by_venue[c].mode] for c in listed]
    cells = []
    for token, window, mode in records:
        cells.append(_trim([token, window, MODE_OUT[mode] if mode != "full" else ""], 1))
    return join_cell(cells, ";", FIELD_SEPS + VENUE_SEPS)


def export_rows(matters=None):
    """The header and one row per matter (ordered by code), ready for write_csv/write_xlsx."""
    matters = (Matter.objects.all() if matters is None else matters).order_by("code")
    matters = matters.select_related("department").prefetch_related(
        "themes", "materials", "steps", "handlings__venue"
    )
    levels = defaultdict(list)
    for code, level in Venue.objects.order_by("code").values_list("code", "level"):
        levels[level].append(code)
    rows = [[h for _, h in COLUMNS]]
    for m in matters:
        materials = [
            _trim(
                [
                    x.name,
                    REQUIREMENT_OUT[x.requirement],
                    x.get_form_display(),
                    str(x.copies),
                    x.source,
                    x.condition,
                    x.form_url,
                    x.sample_url,
                ],
                4,
            )
            for x in m.materials.all()
        ]
        row = {
            "code": m.code,
            "department": m.department.name,
            "themes": ";".join(t.name for t in m.themes.all()),
            "legal_days": "" if m.legal_days is None else m.legal_days,
            "materials": join_cell(materials, "\n", FIELD_SEPS),
            "steps": join_cell(
                [_trim([s.name, s.description], 1) for s in m.steps.all()], "\n", FIELD_SEPS
            ),
            "handlings": _handlings_cell(m, levels),
        }
        for f in TEXTS:
            row[f] = getattr(m, f).replace("\r\n", "\n")
        for f in CHOICES:
            row[f] = getattr(m, f"get_{f}_display")()
        for f in ("promised_days", "visits"):
            row[f] = getattr(m, f)
        for f in FLAGS:
            row[f] = YES if getattr(m, f) else NO
        rows.append([row[f] for f, _ in COLUMNS])
    return rows


def write_csv(rows, file):
    """UTF-8 with a byte-order mark, so that Excel shows the Chinese correctly."""
    text = io.StringIO(newline="")
    csv.writer(text).writerows(rows)
    file.write(("\ufeff" + text.getvalue()).encode("utf-8"))


WIDE = {"conditions", "basis", "materials", "steps", "handlings", "keywords"}


def write_xlsx(rows, file):
    book = Workbook()
    sheet = book.active
    sheet.title = "事项目录"
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, even when the text starts with "="
                cell.number_format = "@"
            if r == 1:
                cell.font = Font(bold=True)
            elif COLUMNS[c - 1][0] in WIDE:
                cell.alignment = wrap
    for c, (f, _) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = (
            40 if f in WIDE else 14
        )
    sheet.freeze_panes = "C2"
    book.save(file)


def write_catalogue(file, fmt, matters=None):
    rows = export_rows(matters)
    (write_csv if fmt == ".csv" else write_xlsx)(rows, file)
    return len(rows) - 1
