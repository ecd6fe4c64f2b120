from django.core.management.base import BaseCommand, CommandError

from services.actions import catalogue_import
from services.catalogue_io import ImportFileError, format_of, life_file_beside


class Command(BaseCommand):
    help = (
        "从 CSV 或 XLSX（按扩展名）导入事项目录和一件事，按编码新建或更新；"
        "任何一行有错就什么也不改，并列出出错的行。格式见 docs/import-format.md。"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="要导入的文件，以 .csv 或 .xlsx 结尾")
        parser.add_argument(
            "--dry-run", action="store_true", help="只检查并报告将做的修改，不写入数据库"
        )
        parser.add_argument(
            "--life-events",
            metavar="CSV",
            help="一件事的 CSV 文件（只用于 CSV 目录）；不写时，若目录旁有 <目录名>-一件事.csv 就读它",
        )

    def handle(self, *args, path, dry_run, life_events, verbosity, **options):
        try:
            fmt = format_of(path)
            life = life_events
            if life is None and fmt == ".csv" and life_file_beside(path).exists():
                life = life_file_beside(path)
            if life is not None:
                self.stdout.write(f"一件事从 {life} 读入。")
            plan = catalogue_import(file=path, fmt=fmt, by=None, dry_run=dry_run, life_file=life)
        except ImportFileError as e:
            raise CommandError("导入失败：" + "；".join(e.messages)) from e
        except OSError as e:
            raise CommandError(f"无法读取“{e.filename or path}”：{e.strerror}") from e
        if not plan.ok:
            for error in plan.errors:
                self.stderr.write(str(error))
            rows = len({(e.sheet, e.row) for e in plan.errors})
            raise CommandError(f"导入失败：{rows} 行有错误，数据库未做任何修改。")
        if verbosity >= 2:
            for row in plan.created:
                self.stdout.write(f"新建 {row.code} {row.name}")
            for row in plan.changed:
                self.stdout.write(f"修改 {row.code} {row.name}：{'、'.join(row.changed)}")
            for row in plan.life_rows:
                if row.action != "unchanged":
                    verb = "新建" if row.action == "create" else "修改"
                    self.stdout.write(f"{verb}一件事 {row.code} {row.name}")
        prefix = "试运行，未写入数据库。将" if dry_run else "导入完成："
        self.stdout.write(prefix + plan.summary() + "。")
