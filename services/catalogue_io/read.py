"""Reading a catalogue file (CSV or XLSX) into a `Table` of checked rows; nothing else."""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .columns import (
    COLUMNS,
    FORMATS,
    MAX_ROWS,
    NO,
    OPTIONAL,
    YES,
    ImportFileError,
    RowError,
    excerpt,
    unescape_formula,
)

# Limits that keep a hostile or broken file from exhausting the server (see docs/import-format.md).
MAX_CELL = 20000  # characters in one cell
MAX_COLUMNS = 100  # columns read; the format has 25
MAX_UNPACKED_PART = 50 * 1024 * 1024  # bytes of one part of an XLSX (a sheet, its strings)
MAX_UNPACKED_TOTAL = 100 * 1024 * 1024  # bytes of all its parts
MAX_HEADER_PROBLEMS = 10
# Every control character but tab and newline: never meant in a catalogue, and PostgreSQL
# refuses NUL outright.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _broken():
    return ImportFileError("不是有效的 XLSX 文件：请用 Excel 或 WPS 另存为 .xlsx。")


@dataclass
class Table:
    rows: list  # (row number as the spreadsheet shows it, {field: cell text})
    problems: list = field(default_factory=list)  # RowError for cells that cannot be read
    life: "Table | None" = None  # the 一件事 sheet or file, if any (read_table)


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


def _rows_csv(data):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError("无法识别 CSV 文件的编码：请另存为 UTF-8 编码的 CSV。")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            yield [unescape_formula(cell) for cell in row]
    except csv.Error as e:
        if "field larger than field limit" in str(e):
            raise ImportFileError(
                f"CSV 文件第 {reader.line_num} 行附近有一格超过 {MAX_CELL} 个字，请缩短后重新导入。"
            ) from None
        raise ImportFileError(
            f"CSV 文件第 {reader.line_num} 行格式有误，请用 Excel 或 WPS 另存为 CSV。"
        ) from e


def _check_unpacked_sizes(data):
    """Refuse a workbook whose parts would unpack too large, before reading any of them (the
    sizes are in the zip's directory, and zipfile never unpacks a part beyond its stated size)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sizes = [(info.filename, info.file_size) for info in archive.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise _broken() from e
    total = sum(size for _, size in sizes)
    largest = max((size for _, size in sizes), default=0)
    if largest > MAX_UNPACKED_PART or total > MAX_UNPACKED_TOTAL:
        raise ImportFileError(
            f"XLSX 文件解压后有 {total // (1024 * 1024)} MB，超过了可导入的大小"
            f"（单个部分 {MAX_UNPACKED_PART // (1024 * 1024)} MB，合计 "
            f"{MAX_UNPACKED_TOTAL // (1024 * 1024)} MB）：请检查是否有异常长的单元格，或分批导入。"
        )


def _rows_in_sheet(data, sheet):
    """The <row> elements in the sheet's unpacked XML, counted in its bytes without parsing
    them (a tenth of a second for 600,000 rows, where parsing takes seconds); 0 if the sheet's
    part is not known. The reader's own row limit below still applies."""
    part = getattr(sheet, "_worksheet_path", None)  # openpyxl's name for the sheet's zip member
    if not part:
        return 0
    count, tail = 0, b""
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(part) as xml:
        while chunk := xml.read(1024 * 1024):
            window = tail + chunk
            count += window.count(b"<row ") + window.count(b"<row>")
            tail = window[-4:]  # shorter than either pattern: nothing is counted twice
    return count


def _load_book(data):
    _check_unpacked_sizes(data)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as e:
        raise _broken() from e


def _rows_xlsx(data, book=None, sheet_name=None):
    """The rows of the first sheet, or of the sheet named `sheet_name`, of a loaded `book`."""
    own = book is None
    if own:
        book = _load_book(data)
    try:
        sheet = book[sheet_name] if sheet_name else book.worksheets[0]
        # Bounded whatever the sheet claims: at most MAX_COLUMNS columns and one row past the
        # limit (a sheet can state a million rows or columns in a few bytes).
        rows = sheet.iter_rows(max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS, values_only=True)
        for index, row in enumerate(rows):
            # Once the header is checked (read_table), a file of too many rows is refused
            # before the rest is parsed.
            if index == 1 and _rows_in_sheet(data, sheet) > MAX_ROWS + 1:
                raise ImportFileError(f"文件超过 {MAX_ROWS} 行，请分批导入。")
            yield [_cell_text(v) for v in row]
    except ImportFileError:
        raise
    except Exception as e:  # a damaged sheet can fail in many ways inside openpyxl: not a 500
        raise _broken() from e
    finally:
        if own:
            book.close()


def _header_key(text):
    """Headers match whatever the spaces and the width of the brackets."""
    return re.sub(r"\s", "", text).replace("(", "（").replace(")", "）")


def _headers(first_row, columns=COLUMNS, optional=OPTIONAL, where=""):
    """The field of each column of the header row, or ImportFileError naming what is wrong."""
    if first_row is None or not any(c.strip() for c in first_row):
        raise ImportFileError(
            f"{where or '文件'}是空的：第 1 行应是表头（见 docs/import-format.md）。"
        )
    by_name = {_header_key(h): f for f, h in columns} | {f: f for f, _ in columns}
    headers, problems = [], []
    for number, text in enumerate(first_row, start=1):
        text, key = text.strip(), _header_key(text)
        if not text:
            headers.append(None)
        elif key not in by_name:
            problems.append(f"第 {number} 列的表头“{excerpt(text)}”不认识")
            headers.append(None)
        elif by_name[key] in headers:
            problems.append(f"表头“{text}”出现了两次")
            headers.append(None)
        else:
            headers.append(by_name[key])
    missing = [h for f, h in columns if f not in headers and f not in optional]
    if missing:
        problems.append("缺少列：" + "、".join(missing))
    if problems:
        raise ImportFileError([where + p for p in problems[:MAX_HEADER_PROBLEMS]])
    return headers


def _cell_problem(text):
    """Why a cell cannot be imported, or "": too long, or holding control characters."""
    if len(text) > MAX_CELL:
        return f"超过 {MAX_CELL} 个字（“{excerpt(text)}”），请缩短"
    bad = CONTROL_CHARACTERS.search(text)
    if bad:
        return f"含有不可见的控制字符 U+{ord(bad.group()):04X}，请删除后重新导入"
    return ""


def _data(file):
    if hasattr(file, "read"):
        return file.read()
    with open(file, "rb") as f:
        return f.read()


def read_table(file, fmt, life_file=None):
    """Read a catalogue file (a path or a binary file object) into a checked `Table`.

    The header row is checked first, rows are read one at a time and never past MAX_ROWS + 1,
    and a bad cell (too long, control characters) is reported by row and column with at most
    a short excerpt, its row left out of the plan.

    The life events (一件事, columns in services/catalogue_io/life.py) come from the XLSX's
    sheet of that name, or from `life_file` (CSV) beside a CSV; `table.life` is None when
    there are none in the file (the life events are then left as they are).
    """
    from .life import LIFE_COLUMNS, LIFE_OPTIONAL, LIFE_SHEET

    data = _data(file)
    life = dict(columns=LIFE_COLUMNS, optional=LIFE_OPTIONAL, sheet=LIFE_SHEET)
    if fmt == ".csv":
        table = _read_grid(_rows_csv(data))
        if life_file is not None:
            try:
                table.life = _read_grid(_rows_csv(_data(life_file)), **life)
            except ImportFileError as e:  # say which of the two files
                raise ImportFileError([f"一件事文件：{m}" for m in e.messages]) from e
        return table
    if life_file is not None:
        raise ImportFileError(
            f"XLSX 文件的一件事请放在同一文件的“{LIFE_SHEET}”工作表中，不必另传 CSV 文件。"
        )
    book = _load_book(data)
    try:
        table = _read_grid(_rows_xlsx(data, book))
        if LIFE_SHEET in book.sheetnames:
            table.life = _read_grid(_rows_xlsx(data, book, LIFE_SHEET), **life)
        return table
    finally:
        book.close()


def _read_grid(grid, columns=COLUMNS, optional=OPTIONAL, sheet=""):
    header = dict(columns)
    where = f"“{sheet}”" if sheet else ""
    try:
        headers = _headers(next(grid, None), columns, optional, where)
        table = Table(rows=[])
        for number, cells in enumerate(grid, start=2):
            if number - 1 > MAX_ROWS:
                raise ImportFileError(f"{where or '文件'}超过 {MAX_ROWS} 行，请分批导入。")
            if not any(c.strip() for c in cells):
                continue
            values = {f: "" for f, _ in columns}
            problems = []
            for f, cell in zip(headers, cells, strict=False):
                if not f:
                    continue
                cell = cell.replace("\r\n", "\n").replace("\r", "\n").strip()
                problem = _cell_problem(cell)
                if problem:
                    problems.append(RowError(number, header[f], problem, sheet))
                else:
                    values[f] = cell
            if problems:
                table.problems += problems
            else:
                table.rows.append((number, values))
        return table
    finally:
        grid.close()
