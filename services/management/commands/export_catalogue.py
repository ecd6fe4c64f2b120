from django.core.management.base import BaseCommand, CommandError

from services.catalogue_io import ImportFileError, format_of, life_file_beside, write_catalogue
from services.models import LifeEvent


class Command(BaseCommand):
    help = (
        "把事项目录导出为 CSV 或 XLSX（按扩展名），每个事项一行，格式见 docs/import-format.md。"
        "一件事在 XLSX 的“一件事”工作表里；导出 CSV 时另写一个文件（catalogue.csv 旁的 "
        "catalogue-一件事.csv）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="输出文件，以 .csv 或 .xlsx 结尾")

    def handle(self, *args, path, **options):
        try:
            fmt = format_of(path)
        except ImportFileError as e:
            raise CommandError(str(e)) from e
        life = life_file_beside(path) if fmt == ".csv" else None
        try:
            with open(path, "wb") as f:
                if life is None:
                    count = write_catalogue(f, fmt)
                else:
                    with open(life, "wb") as life_file:
                        count = write_catalogue(f, fmt, life_file=life_file)
        except OSError as e:
            raise CommandError(f"无法写入“{e.filename or path}”：{e.strerror}") from e
        where = life or f"{path} 的“一件事”工作表"
        self.stdout.write(
            f"已导出 {count} 个事项到 {path}。{LifeEvent.objects.count()} 个一件事在 {where}。"
        )
