"""python manage.py sync_holidays YEAR [YEAR …]: the official holidays and 调休 days of each year."""

from django.core.management.base import BaseCommand, CommandError

from services.actions import calendar_sync_year
from services.holidays import UnknownYear


class Command(BaseCommand):
    help = "按 chinese-calendar 收录的国务院办公厅通知写入某年的法定节假日和调休上班日。"

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="+", type=int, metavar="YEAR")

    def handle(self, *args, years, **options):
        unknown = []
        for year in years:
            try:
                report = calendar_sync_year(year=year)
            except UnknownYear:
                unknown.append(year)
                continue
            self.stdout.write(
                f"{year} 年：{report.changed} 处变化，{report.unchanged} 天与已有记录相同。"
            )
        if unknown:
            years_text = "、".join(str(y) for y in unknown)
            raise CommandError(
                f"chinese-calendar 还没有 {years_text} 年的节假日安排（国务院办公厅通知发布并更新"
                "该软件包后再运行）；这些年份保持原样，数据质量页会提示。"
            )
