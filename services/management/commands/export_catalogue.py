from django.core.management.base import BaseCommand, CommandError

from services.catalogue_io import ImportFileError, format_of, write_catalogue


class Command(BaseCommand):
    help = "把事项目录导出为 CSV 或 XLSX（按扩展名），每个事项一行，格式见 docs/import-format.md。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="输出文件，以 .csv 或 .xlsx 结尾")

    def handle(self, *args, path, **options):
        try:
            fmt = format_of(path)
        except ImportFileError as e:
            raise CommandError(str(e)) from e
        try:
            with open(path, "wb") as f:
                count = write_catalogue(f, fmt)
        except OSError as e:
            raise CommandError(f"无法写入“{path}”：{e.strerror}") from e
        self.stdout.write(f"已导出 {count} 个事项到 {path}。")
