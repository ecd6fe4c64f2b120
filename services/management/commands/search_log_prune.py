from django.conf import settings
from django.core.management.base import BaseCommand

from services import actions


class Command(BaseCommand):
    help = "删除超过保留期（SEARCH_LOG_DAYS，默认 180 天）的搜索记录和点击记录。"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="保留天数（默认取设置）")

    def handle(self, *args, days, **options):
        days = settings.SEARCH_LOG_DAYS if days is None else days
        if days < 0:
            self.stderr.write("保留天数不能为负数。")
            return
        searches, opens = actions.search_log_prune(days=days)
        self.stdout.write(f"已删除 {days} 天以前的 {searches} 条搜索记录、{opens} 条点击记录。")
