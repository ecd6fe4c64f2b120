import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from services.help.reminders import send_reminders
from services.help.workdays import calendar_between, is_working_day


class Command(BaseCommand):
    help = "发送当天的帮办提醒（邮件和短信）：帮办人员今天到期和已超期的工单，调度员的待办日报。由 cron 每个工作日早上运行。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按这一天计算（YYYY-MM-DD），默认今天")
        parser.add_argument("--force", action="store_true", help="节假日也发送")

    def handle(self, *args, date=None, force=False, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as bad:
            raise CommandError(f"日期格式不对：{date}（应为 YYYY-MM-DD）") from bad
        if not force and not is_working_day(today, calendar_between(today, today)):
            self.stdout.write(f"{today} 不是工作日，不发送提醒（需要时加 --force）。")
            return
        mails, texts = send_reminders(today)
        self.stdout.write(f"{today}：已发送 {mails} 封邮件、{texts} 条短信。")
