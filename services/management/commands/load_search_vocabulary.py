from django.core.management.base import BaseCommand

from services.actions import synonym_add
from services.search import vocabulary


class Command(BaseCommand):
    help = "把检索词表（services/search/data/vocabulary.tsv）并入同义词：只增不删，已有的保留。"

    def handle(self, *args, **options):
        rows = vocabulary.rows()
        changed = sum(synonym_add(term=t, words=w, note=n) is not None for t, w, n in rows)
        self.stdout.write(f"词表 {len(rows)} 个群众说法，新增或补充 {changed} 个同义词。")
