from django.core.management.base import BaseCommand, CommandError

from services.integrity import problems


class Command(BaseCommand):
    help = "检查跨记录的数据规则（自助事项有自助终端、下沉事项在每个街道中心办理等）。"

    def handle(self, *args, **options):
        found = list(problems())
        for problem in found:
            self.stdout.write(problem)
        if found:
            raise CommandError(f"发现 {len(found)} 个数据问题。")
        self.stdout.write(self.style.SUCCESS("数据检查通过：没有发现问题。"))
