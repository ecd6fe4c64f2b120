"""python manage.py export_hsds DIR: the directory as an HSDS 3.0 tabular data package."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from services import hsds


class Command(BaseCommand):
    help = "把服务目录导出为 Open Referral HSDS 3.0 表格数据包（datapackage.json 和 CSV 文件）。"

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory, **options):
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"{directory} 已存在且不是目录。")
        names = hsds.write_directory(directory)
        self.stdout.write(f"已写入 {directory}：{'、'.join(names)}")
