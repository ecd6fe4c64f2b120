"""Search benchmark: quality on the dev set next to a naive baseline, and latency by size.

`make bench-search` runs it three times, each on its own SQLite file under bench-data/:
    python manage.py bench_search --scale 1     # quality + latency on the demo catalogue
    python manage.py bench_search --scale 10    # latency at 10× (11,720 matters)
    python manage.py bench_search --scale 100   # latency at 100× (117,200 matters)
It prepares the database itself (migrate, load the demo, generate the synthetic catalogue) when
needed. Everything goes through the API, GET /api/v1/matters/?q=…, in process
(django.test.Client), the way a resident's request would. DATABASE_URL may point at
PostgreSQL instead.
"""

import gc
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings

from services.models import Matter
from services.search import general
from services.search import index as search_index

# ../shared/search-eval from the project (SEARCH_EVAL_DIR elsewhere, e.g. from a git worktree).
EVAL = Path(
    os.environ.get("SEARCH_EVAL_DIR") or Path(settings.BASE_DIR).parent / "shared" / "search-eval"
)
DEV_SET = EVAL / "dev.tsv"
DEV_SETS = [EVAL / "dev.tsv", EVAL / "dev2.tsv"]
LIFE_SET = EVAL / "life-events-dev.tsv"
# Latency is also measured on phrasings that are not in the dev set.
EXTRA_QUERIES = ["补办身份证", "生小孩", "开餐馆", "医保转移", "营业执照丢了", "jiehun", "残疾正", "公积金", "养老保险", "登记"]  # fmt: skip
DEMO_SIZE = 1172
DUMMY_CACHE = "django.core.cache.backends.dummy.DummyCache"


def read_dev_set(path=DEV_SET):
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            query, expected = line.split("\t")[:2]
            rows.append((query, set(expected.split("|"))))
    return rows


def quality(rows, ranked_names):
    """recall@5 and MRR@10 of `ranked_names(query)` over the dev set rows."""
    recall, reciprocal = 0, 0.0
    for query, expected in rows:
        names = ranked_names(query)[:10]
        recall += any(name in expected for name in names[:5])
        reciprocal += next((1 / (i + 1) for i, n in enumerate(names) if n in expected), 0.0)
    return recall / len(rows), reciprocal / len(rows)


def resident_mb():
    """This process's resident memory now (Linux), in MB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "检索基准：开发集上的 recall@5、MRR@10（与朴素基线对比）以及 API 延迟。"

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="目录规模：演示目录的 N 倍")
        parser.add_argument("--rounds", type=int, default=5, help="每个查询计时的次数")

    def handle(self, *args, scale, rounds, **options):
        settings.DEBUG = False  # as in production: no SQL logging in the timings
        # The uncached path: every request is answered afresh (bench-http measures the cache).
        override_settings(CACHES={"default": {"BACKEND": DUMMY_CACHE}}).enable()
        prepare_catalogue(scale, stdout=self.stdout)
        client = Client(HTTP_HOST="localhost")
        total = Matter.objects.count()
        vendor = connection.vendor
        out = self.stdout.write
        out(f"== {scale}× 目录：{total} 个事项（{vendor}）")

        gc.collect()
        rss_before = resident_mb()
        started = time.perf_counter()
        general.load()
        loaded = time.perf_counter() - started
        gc.collect()
        out(
            f"通用词典（jieba 词频）载入 {loaded * 1000:.0f} ms，常驻内存增加 {resident_mb() - rss_before:.1f} MB（每个进程一次）"
        )
        rss_before = resident_mb()
        started = time.perf_counter()
        search_index.current_index()
        built = time.perf_counter() - started
        gc.collect()
        out(f"索引构建 {built * 1000:.0f} ms，常驻内存增加 {resident_mb() - rss_before:.1f} MB")

        rows = read_dev_set()

        def api_names(query):
            response = client.get("/api/v1/matters/", {"q": query, "page_size": 10})
            assert response.status_code == 200, response.content
            return [r["name"] for r in response.json()["results"]]

        def baseline_names(query):
            return list(
                Matter.objects.filter(name__contains=query).values_list("name", flat=True)[:10]
            )

        if scale == 1:
            for path in DEV_SETS:
                if not path.exists():
                    continue
                dev = read_dev_set(path)
                recall, mrr = quality(dev, api_names)
                base_recall, base_mrr = quality(dev, baseline_names)
                out(f"开发集 {len(dev)} 条查询（{path.name}）")
                out(f"  检索 API   recall@5 = {recall:.3f}   MRR@10 = {mrr:.3f}")
                out(
                    f"  朴素基线   recall@5 = {base_recall:.3f}   MRR@10 = {base_mrr:.3f}（名称包含查询词）"
                )
                # An expectation whose matters all left the catalogue (merged or taken out as
                # not the district's) cannot be met by any search: say which, and the figures
                # over the rest, next to the figures over all.
                names = set(Matter.objects.values_list("name", flat=True))
                stale = [(q, e) for q, e in dev if not e & names]
                if stale:
                    recall, mrr = quality([r for r in dev if r[1] & names], api_names)
                    out(
                        f"  其中 {len(dev) - len(stale)} 条的期望事项仍在目录中："
                        f"recall@5 = {recall:.3f}   MRR@10 = {mrr:.3f}"
                    )
                    for query, expected in stale:
                        out(f"    期望事项已不在目录中：{query} → {'|'.join(sorted(expected))}")

        if scale == 1:
            self.life_events()

        queries = [q for q, _ in rows] + EXTRA_QUERIES
        for q in queries:  # warm-up: first requests pay for imports and caches
            api_names(q)
        self.latency("API 延迟（每次一页 20 条）", client, "/api/v1/matters/", queries, rounds)
        # Typeahead: what the box sends while one types, the first 1–3 characters of each query.
        prefixes = sorted({q[:n] for q in queries for n in (1, 2, 3) if q[:n].strip()})
        for q in prefixes:
            client.get("/api/v1/suggest/", {"q": q})
        self.latency("输入提示延迟", client, "/api/v1/suggest/", prefixes, rounds)

    def life_events(self):
        """Life situations (一件事): recall@1 on the life-events set, and how often a query of
        dev/dev2, each about one matter, shows a life event (it should rarely)."""
        from services.models import LifeEvent
        from services.search.life import life_events

        out = self.stdout.write
        if not LIFE_SET.exists() or not LifeEvent.objects.exists():
            out("一件事：没有一件事数据或评测集，跳过")
            return
        rows = read_dev_set(LIFE_SET)
        found = [life_events(query) for query, _ in rows]
        hits = sum(
            bool(f) and f[0].name in expected for f, (_, expected) in zip(found, rows, strict=True)
        )
        out(f"一件事 {len(rows)} 条查询（{LIFE_SET.name}）：recall@1 = {hits / len(rows):.3f}")
        single = [q for path in DEV_SETS if path.exists() for q, _ in read_dev_set(path)]
        shown = [(q, [e.name for e in life_events(q)]) for q in single]
        quiet = sum(not names for _, names in shown)
        out(
            f"  单一事项查询（dev + dev2，{len(single)} 条）不显示一件事的比例 = {quiet / len(single):.3f}"
        )
        for query, names in shown:
            if names:
                out(f"    显示一件事：{query} → {'、'.join(names)}")

    def latency(self, label, client, path, queries, rounds):
        """Wall-clock p50/p95 of whole requests, and the CPU time this process spent on them:
        on a shared machine the second shows the request's own cost when others wait."""
        wall, cpu = [], []
        for _ in range(rounds):
            for q in queries:
                started, used = time.perf_counter(), time.process_time()
                client.get(path, {"q": q})
                wall.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - used) * 1000)
        self.stdout.write(
            f"{label}（{len(wall)} 次请求）：p50 = {percentile(wall, 50):.1f} ms"
            f"   p95 = {percentile(wall, 95):.1f} ms   最大 = {max(wall):.1f} ms"
            f"；其中本进程 CPU 时间 p50 = {percentile(cpu, 50):.1f} ms   p95 = {percentile(cpu, 95):.1f} ms"
        )


def prepare_catalogue(scale, *, stdout):
    """Migrate, load the demo and grow it to `scale`× when the database has less."""
    call_command("migrate", verbosity=0)
    if not Matter.objects.exists():
        call_command("loaddata", "erqi", verbosity=0)
        call_command("load_search_vocabulary", verbosity=0)
        call_command("bump_generation", stdout=stdout)  # loaddata writes around the actions
    if Matter.objects.count() < DEMO_SIZE * scale:
        call_command("generate_catalogue", scale=scale, stdout=stdout)
