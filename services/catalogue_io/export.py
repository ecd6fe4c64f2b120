"""Export: the catalogue in the same format as the import reads, as CSV or XLSX."""

import csv
import io
from collections import Counter, defaultdict
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from ..models import Matter, Venue
from .columns import (
    CHOICES,
    COLUMNS,
    FIELD_SEPS,
    FLAGS,
    MODE_OUT,
    NO,
    REQUIREMENT_OUT,
    TEXTS,
    VENUE_SEPS,
    YES,
    escape_formula,
    join_cell,
    trim,
)
from .life import LIFE_COLUMNS, LIFE_SHEET, export_life_rows


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
        cells.append(trim([token, window, MODE_OUT[mode] if mode != "full" else ""], 1))
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
            trim(
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
                [trim([s.name, s.description], 1) for s in m.steps.all()], "\n", FIELD_SEPS
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
    """UTF-8 with a byte-order mark, so that Excel shows the Chinese correctly. A cell that a
    spreadsheet would take as a formula is escaped with an apostrophe (the import removes it)."""
    text = io.StringIO(newline="")
    csv.writer(text).writerows([escape_formula(str(v)) for v in row] for row in rows)
    file.write(("\ufeff" + text.getvalue()).encode("utf-8"))


WIDE = {"conditions", "basis", "materials", "steps", "handlings", "keywords"}
LIFE_WIDE = {"summary", "conditions", "keywords", "matters", "materials"}


def _fill(sheet, rows, columns, wide):
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
            elif columns[c - 1][0] in wide:
                cell.alignment = wrap
    for c, (f, _) in enumerate(columns, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = (
            40 if f in wide else 14
        )
    sheet.freeze_panes = "C2"


def write_xlsx(rows, file, life_rows=None):
    """The matters on the first sheet; the life events, if given, on the sheet "一件事"."""
    book = Workbook()
    sheet = book.active
    sheet.title = "事项目录"
    _fill(sheet, rows, COLUMNS, WIDE)
    if life_rows is not None:
        _fill(book.create_sheet(LIFE_SHEET), life_rows, LIFE_COLUMNS, LIFE_WIDE)
    book.save(file)


def life_file_beside(path):
    """Where the life events of a CSV catalogue go: catalogue.csv → catalogue-一件事.csv."""
    path = Path(path)
    return path.with_name(f"{path.stem}-{LIFE_SHEET}{path.suffix}")


def write_catalogue(file, fmt, matters=None, life_file=None):
    """Write the matters (all, or those given) to `file`. A whole catalogue carries its life
    events too: in the XLSX's second sheet, or in `life_file` (CSV) when one is given."""
    rows = export_rows(matters)
    if fmt == ".csv":
        write_csv(rows, file)
        if life_file is not None:
            write_csv(export_life_rows(), life_file)
    else:
        write_xlsx(rows, file, export_life_rows() if matters is None else None)
    return len(rows) - 1
