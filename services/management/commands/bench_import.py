"""How fast, and in how little memory, the import reads or refuses a catalogue file
(make bench-import; figures in docs/benchmarks.md).

Builds real files in a temporary directory: an XLSX whose one cell unpacks to 150 MB, an XLSX
of 600,000 one-cell rows, and, for comparison, honest files of 20,000 rows in XLSX and CSV.
Each is read with catalogue_io.read_table (the step that refuses), timed (best of 3), then
read once more under tracemalloc for the most memory Python held. No database is used.
"""

import csv
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand
from openpyxl import Workbook

from services.catalogue_io import COLUMNS, ImportFileError, read_table

HEADERS = [h for _, h in COLUMNS]
MB = 1024 * 1024
PLACEHOLDER = "PLACEHOLDER-CELL"


def write_xlsx(path, rows, header=HEADERS):
    book = Workbook()
    for values in [header, *rows]:
        book.active.append(values)
    book.save(path)
    return path


def rewrite_member(source, target, member, before, repeat, times, after):
    """Copy the XLSX `source` to `target`, streaming `member` as before + repeat×times + after
    (so that a part of any unpacked size is written without holding it in memory)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != member:
                zout.writestr(info, zin.read(info.filename))
                continue
            with zout.open(member, "w", force_zip64=True) as out:
                out.write(before)
                for _ in range(times):
                    out.write(repeat)
                out.write(after)
    return target


SHEET = "xl/worksheets/sheet1.xml"  # openpyxl writes strings inline (Excel: sharedStrings.xml)


def xlsx_with_a_huge_cell(folder, row, megabytes=150):
    """A workbook whose cell holding PLACEHOLDER in `row` holds `megabytes` MB of text instead."""
    plain = write_xlsx(Path(folder) / "plain-huge.xlsx", [row])
    with zipfile.ZipFile(plain) as z:
        before, after = z.read(SHEET).split(PLACEHOLDER.encode())
    chunk = ("低保" * 1024).encode()  # 6 KB of UTF-8
    target = Path(folder) / "huge-cell.xlsx"
    return rewrite_member(plain, target, SHEET, before, chunk, megabytes * MB // len(chunk), after)


def xlsx_with_many_rows(folder, row, rows=600_000):
    """A workbook: the header, `row`, then `rows` rows of one cell each."""
    plain = write_xlsx(Path(folder) / "plain-rows.xlsx", [row])
    with zipfile.ZipFile(plain) as z:
        before, after = z.read(SHEET).split(b"</sheetData>")
    one = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'  # rows are numbered in turn
    target = Path(folder) / "many-rows.xlsx"
    return rewrite_member(plain, target, SHEET, before, one, rows, b"</sheetData>" + after)


def honest_row(n):
    values = dict.fromkeys(HEADERS, "")
    values |= {
        "事项编码": f"BENCH-{n:05d}",
        "事项名称": f"基准测试事项{n}",
        "实施部门": "区民政局",
        "事项类型": "行政给付",
        "服务对象": "个人",
        "受理条件": "本区户籍居民，家庭人均收入低于当地最低生活保障标准。" * 4,
        "办件类型": "承诺件",
        "承诺时限（工作日）": "15",
        "关键词": "低保 最低生活保障 救助",
        "申请材料": "居民身份证｜必要｜原件｜1\n户口簿｜必要｜原件和复印件｜1",
        "办理流程": "申请｜向街道提出\n受理\n审核\n决定",
        "办理地点": "street_centre",
    }
    return [values[h] for h in HEADERS]


def measure(path, fmt):
    """(best seconds of 3, peak MB, outcome) of read_table on `path`."""

    def read():
        try:
            return f"读入 {len(read_table(path, fmt).rows)} 行"
        except ImportFileError as e:
            return "拒绝：" + "；".join(e.messages)[:40]

    times = []
    for _ in range(3):
        start = time.perf_counter()
        outcome = read()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    read()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return min(times), peak / MB, outcome


class Command(BaseCommand):
    help = "测量导入读取（或拒绝）各种文件所需的时间和内存，见 docs/benchmarks.md。"

    def handle(self, *args, **options):
        with tempfile.TemporaryDirectory() as folder:
            huge = honest_row(0)
            huge[HEADERS.index("关键词")] = PLACEHOLDER
            rows = [honest_row(n) for n in range(1, 20_001)]
            honest_csv = Path(folder) / "honest.csv"
            with open(honest_csv, "w", encoding="utf-8-sig", newline="") as f:
                csv.writer(f).writerows([HEADERS, *rows])
            files = [
                ("150 MB 单元格的 XLSX", xlsx_with_a_huge_cell(folder, huge), ".xlsx"),
                ("600,000 行的 XLSX", xlsx_with_many_rows(folder, honest_row(0)), ".xlsx"),
                ("20,000 行的正常 XLSX", write_xlsx(Path(folder) / "honest.xlsx", rows), ".xlsx"),
                ("20,000 行的正常 CSV", honest_csv, ".csv"),
            ]
            self.stdout.write("| 文件 | 文件大小 | 解压后 | 用时 | Python 内存峰值 | 结果 |")
            self.stdout.write("|---|---|---|---|---|---|")
            for label, path, fmt in files:
                size = path.stat().st_size / MB
                unpacked = size
                if fmt == ".xlsx":
                    with zipfile.ZipFile(path) as z:
                        unpacked = sum(i.file_size for i in z.infolist()) / MB
                seconds, peak, outcome = measure(path, fmt)
                self.stdout.write(
                    f"| {label} | {size:.2f} MB | {unpacked:.1f} MB | {seconds:.2f} s "
                    f"| {peak:.1f} MB | {outcome} |"
                )
