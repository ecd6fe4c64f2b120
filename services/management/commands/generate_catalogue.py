"""Grow the catalogue in the current database to N× its base size, for search benchmarks.

Each base matter gets N-1 derived variants, named the way real catalogues name handling
variants and local implementations: 居民身份证换领（变更·长江路街道）. Variants keep the base
matter's department, flags, themes and keywords; they get no materials, steps or venues
(search does not read them). Run it on a scratch database, never on real data:

    DATABASE_URL=sqlite:///bench-data/search-10x.sqlite3 python manage.py generate_catalogue --scale 10
"""

from functools import cache

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from services.actions import generation_bump
from services.models import Generation, Matter
from services.search.pinyin import pinyin_fields

# Handling variants and places, combined: 11 × 19 = 209 distinct suffixes, enough for 100×.
VARIANTS = ["新办", "变更", "延续", "注销", "补办", "换发", "首次申请", "个人", "企业", "网上办理", "窗口办理"]  # fmt: skip
PLACES = ["二七区", "长江路街道", "解放路街道", "一马路街道", "大学路街道", "淮河路街道", "铭功路街道", "蜜蜂张街道", "五里堡街道", "建中街街道", "福华街街道", "德化街街道", "嵩山路街道", "京广路街道", "人和路街道", "樱桃沟管理区", "金水源街道", "侯寨街道", "马寨镇"]  # fmt: skip
SUFFIXES = [f"{variant}·{place}" for place in PLACES for variant in VARIANTS]
BATCH = 5000


class Command(BaseCommand):
    help = "在当前数据库中按倍数生成合成事项（仅用于检索性能测试）。"

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, required=True, help="目标规模：基础目录的 N 倍")

    def handle(self, *args, scale, **options):
        if not 1 <= scale <= len(SUFFIXES) + 1:
            raise CommandError(f"--scale 必须在 1 到 {len(SUFFIXES) + 1} 之间。")
        base = list(Matter.objects.exclude(code__contains="-G").order_by("pk"))
        if not base:
            raise CommandError("数据库里没有基础事项：先载入演示目录（loaddata erqi）。")
        existing = set(Matter.objects.filter(code__contains="-G").values_list("code", flat=True))
        themes = dict(_themes_of(base))
        made = 0
        with transaction.atomic():
            batch = []
            for matter in base:
                name_pinyin = pinyin_fields(matter.name)
                keyword_pinyin = pinyin_fields(matter.keywords)
                for k in range(1, scale):
                    code = f"{matter.code}-G{k:03d}"
                    if code not in existing:
                        batch.append(
                            _variant(matter, code, SUFFIXES[k - 1], name_pinyin, keyword_pinyin)
                        )
                if len(batch) >= BATCH:
                    made += _save(batch, themes)
                    batch = []
            made += _save(batch, themes)
            generation_bump(kind=Generation.Kind.SEARCH)  # bulk_create goes around the actions
        total = Matter.objects.count()
        self.stdout.write(f"新增 {made} 个合成事项；现共 {total} 个事项（基础 {len(base)} 个）。")


def _themes_of(matters):
    through = Matter.themes.through
    rows = through.objects.filter(matter__in=[m.pk for m in matters]).values_list(
        "matter_id", "theme_id"
    )
    out = {}
    for matter_id, theme_id in rows:
        out.setdefault(matter_id, []).append(theme_id)
    return out.items()


def _variant(matter, code, suffix, name_pinyin, keyword_pinyin):
    variant = Matter(
        **{
            f.attname: getattr(matter, f.attname)
            for f in Matter._meta.concrete_fields
            if f.attname not in ("id", "code", "name", "updated_at")
        }
    )
    variant.code = code
    variant.name = f"{matter.name}（{suffix}）"
    # pinyin of "name（suffix）" is the name's pinyin then the suffix's: no need to recompute it.
    suffix_full, suffix_initials = _suffix_pinyin(suffix)
    variant.search_pinyin = " ".join(
        filter(None, [name_pinyin[0] + suffix_full, keyword_pinyin[0]])
    )
    variant.search_initials = " ".join(
        filter(None, [name_pinyin[1] + suffix_initials, keyword_pinyin[1]])
    )[:400]
    variant._base_pk = matter.pk
    return variant


@cache
def _suffix_pinyin(suffix):
    return pinyin_fields(suffix.replace("·", ""))


def _save(batch, themes):
    if not batch:
        return 0
    created = Matter.objects.bulk_create(batch)
    through = Matter.themes.through
    links = [
        through(matter_id=m.pk, theme_id=theme_id)
        for m, original in zip(created, batch, strict=True)
        for theme_id in themes.get(original._base_pk, ())
    ]
    through.objects.bulk_create(links)
    return len(created)
