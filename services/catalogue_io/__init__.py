"""The catalogue file a department sends: one row per matter, CSV or XLSX (docs/import-format.md).

Why our own small package on csv + openpyxl rather than django-import-export: a row here carries
three child lists (materials, steps, the venues that handle it) in structured cells; the whole
file must be validated (clean(), constraints, every department / theme / venue / choice) before
anything is written; errors must come back as (row, column, reason) in Chinese; the preview must
list the changed columns; and only what changed may be saved, so a re-import adds no history.
import-export's Resource maps one flat model per row; bending it to all that costs more glue
than the plain code here.

- `columns`: the format (columns, words, structured cells).
- `read.read_table(file, fmt)` → `Table` (headers checked, one `dict` per non-blank row).
- `parse.parse_row(…)` → one row's values and errors; `plan.plan_import(table)` → `ImportPlan`
  (what would be created / changed / left alone, or errors); neither writes.
- The writes are in services/actions.py: `catalogue_apply_plan(plan=…, by=…)` and
  `catalogue_import(file=…, fmt=…, dry_run=…, by=…, expected=…)`, one transaction.
- `export.export_rows(matters)`, `write_csv(rows, f)`, `write_xlsx(rows, f)` write the format.
- `life`: the life events (一件事), one row each, on the XLSX's second sheet or in a CSV file
  of their own (`life_file_beside`); planned with the matters, applied in the same transaction.
"""

from .columns import (
    COLUMNS,
    FIELD_SEPS,
    FORMATS,
    MATERIAL_FIELDS,
    VENUE_SEPS,
    ImportFileError,
    join_cell,
    split_cell,
)
from .export import export_rows, life_file_beside, write_catalogue, write_csv, write_xlsx
from .life import LIFE_COLUMNS, LIFE_SHEET, export_life_rows
from .plan import ImportPlan, plan_import
from .read import Table, format_of, read_table

__all__ = [
    "COLUMNS",
    "FIELD_SEPS",
    "FORMATS",
    "MATERIAL_FIELDS",
    "VENUE_SEPS",
    "ImportFileError",
    "ImportPlan",
    "LIFE_COLUMNS",
    "LIFE_SHEET",
    "Table",
    "export_life_rows",
    "export_rows",
    "format_of",
    "join_cell",
    "life_file_beside",
    "plan_import",
    "read_table",
    "split_cell",
    "write_catalogue",
    "write_csv",
    "write_xlsx",
]
