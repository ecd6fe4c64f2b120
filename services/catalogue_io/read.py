"""Reading a catalogue file (CSV or XLSX) into a `Table` of checked rows; nothing else."""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .columns import COLUMNS, FORMATS, MAX_ROWS, NO, YES, ImportFileError


@dataclass
class Table:
    rows: list  # (row number as the spreadsheet shows it, {field: cell text})


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
