from django.core.management import call_command
from django.core.management.base import BaseCommand

from services.models import Matter, Venue


class Command(BaseCommand):
    help = "数据库为空时载入演示目录（loaddata erqi）和检索词表；已有数据时什么也不做。"

    def handle(self, *args, **options):
        if Matter.objects.exists() or Venue.objects.exists():
            self.stdout.write("数据库已有数据，不载入演示目录。")
            return
        call_command("loaddata", "erqi", verbosity=options["verbosity"])
        call_command("load_search_vocabulary", verbosity=options["verbosity"])
        call_command("bump_generation", stdout=self.stdout)  # loaddata writes around the actions
