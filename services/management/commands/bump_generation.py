"""Tell every server process that the data changed, after writing around services/actions.py.

python manage.py loaddata erqi && python manage.py bump_generation
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from services.actions import generation_bump
from services.models import Generation


class Command(BaseCommand):
    help = "数据已在 actions 之外修改（loaddata、脚本、SQL）后运行：各服务进程的缓存和检索索引随即更新。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--pages-only",
            action="store_true",
            help="只改了页面上显示的数据（办公时间、核实等），检索索引不必重建",
        )

    def handle(self, *args, pages_only, **options):
        kind = Generation.Kind.PAGES if pages_only else Generation.Kind.SEARCH
        with transaction.atomic():
            generation_bump(kind=kind)
        numbers = Generation.objects.numbers()
        self.stdout.write(f"数据代数：检索 {numbers['search']}，页面 {numbers['pages']}。")
