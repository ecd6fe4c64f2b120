import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from services.help.actions import request_anonymise
from services.help.models import HelpRequest


class Command(BaseCommand):
    help = (
        "删除归档或撤回已满 HELP_ANONYMISE_AFTER_DAYS 天（默认 365）的帮办工单中的个人信息"
        "（姓名、手机号、地址、诉求、评价意见、办理记录中的说明），统计数字保留。由 cron 每天运行。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只统计，不修改")

    def handle(self, *args, dry_run=False, **options):
        days = getattr(settings, "HELP_ANONYMISE_AFTER_DAYS", 365)
        cutoff = timezone.now() - datetime.timedelta(days=days)
        due = HelpRequest.objects.archived_before(cutoff).filter(anonymised_at__isnull=True)
        if dry_run:
            self.stdout.write(f"有 {due.count()} 张工单将被匿名化（归档或撤回超过 {days} 天）。")
            return
        count = 0
        for request in due.iterator():
            request_anonymise(request=request)
            count += 1
        self.stdout.write(f"已匿名化 {count} 张工单（归档或撤回超过 {days} 天）。")
