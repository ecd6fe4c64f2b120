"""What importing a `Table` would do (create / change / leave alone, or why not), in words
staff can check in the preview. It reads the database and never writes (see
actions.catalogue_import for the writes).
"""

import hashlib
from dataclasses import dataclass, field

from django.utils import translation

from ..models import Handling, Matter
from ..versions import version_of
from .columns import CHOICES, COLUMNS, HEADER, MATERIAL_FIELDS, MODE_OUT, NO, SCALARS, YES
from .life import plan_life_events
from .parse import Lookups, RowError, parse_row

LIFE_KEY = "一件事 "  # before a life event's code in versions(): matter codes stay apart


@dataclass
class ImportPlan:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    applied: bool = False
    life: bool = False  # the file carries life events (its 一件事 sheet or file)
    life_rows: list = field(default_factory=list)  # catalogue_io.life.LifeRowPlan

    def fingerprint(self):
        """Identifies what the plan would do and the versions of the matters and life events
        it was planned on, so that a confirm step applies only what was shown, over what was
        shown."""
        shown = [(r.code, r.action, r.changed, r.version) for r in self.rows + self.life_rows]
        return hashlib.sha256(repr((shown, self.errors, self.life)).encode()).hexdigest()

    def versions(self):
        """Matter code (or LIFE_KEY + life event code) → its stored version when planned ("" for
        a new one)."""
        found = {r.code: r.version for r in self.rows}
        return found | {LIFE_KEY + r.code: r.version for r in self.life_rows}

    def changed_since(self, versions):
        """The codes of the matters whose stored version differs from `versions` (an earlier
        plan's): what someone else changed between that plan and this one."""
        return [code for code, version in self.versions().items() if versions.get(code) != version]

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

    def life_with(self, action):
        return [r for r in self.life_rows if r.action == action]

    def summary(self):
        text = (
            f"新建 {len(self.created)} 个，修改 {len(self.changed)} 个，"
            f"未变 {len(self.unchanged)} 个事项"
        )
        if self.life:
            counts = [len(self.life_with(a)) for a in ("create", "change", "unchanged")]
            text += "；一件事新建 {} 个，修改 {} 个，未变 {} 个".format(*counts)
        return text


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
    if not changed and stale_search(matter, plan.values):  # a name change implies it
        changed.append(SEARCH_FIELDS)
    return changed


COLUMNS_ORDER = [h for _, h in COLUMNS]
SEARCH_FIELDS = "拼音检索字段"


def stale_search(matter, values):
    """Whether the matter's stored search fields differ from what its row's values give."""
    wanted = Matter.search_fields_for(values["name"], values["keywords"])
    return any(getattr(matter, f) != v for f, v in wanted.items())


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
        lookups = Lookups([cells["code"] for _, cells in table.rows])
        plan, seen = ImportPlan(errors=list(table.problems)), {}
        for number, cells in table.rows:
            row, errors = parse_row(number, cells, lookups)
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
                row.version = version_of(row.matter)
                row.changed = _diff(row, row.matter)
                row.details = _describe(row, row.matter, lookups) if row.changed else []
                row.action = "change" if row.changed else "unchanged"
            plan.rows.append(row)
        if table.life is not None:
            plan.life = True
            codes = set(Matter.objects.values_list("code", flat=True))
            codes |= {cells["code"] for _, cells in table.rows}
            plan.life_rows, errors = plan_life_events(table.life, codes)
            plan.errors += errors
    plan.errors.sort(key=lambda e: (e.sheet, e.row))
    return plan
