"""HTTP benchmark of the production server: `make bench-http` (wrk must be installed).

It starts gunicorn as `make serve` does (debug off, WhiteNoise, erqi/gunicorn.conf.py, 2
workers) on a free port of 127.0.0.1, against the demo database (bench-data/search-1x.sqlite3,
or DATABASE_URL), with a constant view added for the benchmark alone (/bench/floor/: what the
middleware costs). Then:

- warm: wrk (8 connections, DURATION seconds each) on the floor, then on the home page, the
  search page, a matter page, the venue list, a venue page, the search API and the stats API;
  both searches rotate over the query mix (bench/rotate.lua); then the floor again. Each
  figure is also given as a ratio to the floor of the same run (the mean of its two measures:
  the load of a shared machine drifts during a run).
- cold: right after `bump_generation` (every cached answer and the search index are then out
  of date), one pass over the query mix on the search API, sequentially over one keep-alive
  connection, timed against a pass of as many requests to the floor view.

The query mix: every query of ../shared/search-eval/*.tsv, read now (never copied into the
repository), and variants made from them (filler words around them, as residents type),
at least 300 distinct. Every answer must be a 200 and wrk must report no socket error; the
command fails otherwise. It prints each worker's memory (RSS, and PSS: shared pages counted
by share) at the end.
"""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from services.models import Matter, Venue

from .bench_search import prepare_catalogue

# ../shared/search-eval beside the repository, unless SEARCH_EVAL_DIR says where it is.
EVAL_DIR = Path(
    os.environ.get("SEARCH_EVAL_DIR") or Path(settings.BASE_DIR).parent / "shared" / "search-eval"
)
LUA = Path(settings.BASE_DIR) / "bench" / "rotate.lua"
# Ways residents wrap what they look for; each makes a variant of every query in the mix.
AROUND = [("", "怎么办理"), ("我想", ""), ("", "需要什么材料"), ("请问", "在哪里办")]
MIX_SIZE = 300


def query_mix():
    """The evaluation queries, read now, and variants of them: at least MIX_SIZE, distinct."""
    base = []
    for path in sorted(EVAL_DIR.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            query = line.split("\t")[0].strip()
            if query and query not in base:
                base.append(query)
    if not base:
        raise CommandError(f"没有找到检索评测集：{EVAL_DIR}/*.tsv")
    mix = list(base)
    for before, after in AROUND:
        if len(mix) >= MIX_SIZE:
            break
        mix.extend(v for q in base if (v := f"{before}{q}{after}") not in mix)
    return mix


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


WRK_LATENCY = re.compile(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", re.M)
WRK_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.M)
WRK_STATUS = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
WRK_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(output):
    rate = WRK_RATE.search(output)
    latency = WRK_LATENCY.search(output)
    if not (rate and latency):
        raise CommandError(f"wrk 输出无法解析：\n{output}")
    status = WRK_STATUS.search(output)
    sockets = WRK_SOCKET.search(output)
    return {
        "rate": float(rate.group(1)),
        "p99_ms": float(latency.group(1)) * UNIT_MS[latency.group(2)],
        "non_2xx": int(status.group(1)) if status else 0,
        "socket_errors": sum(map(int, sockets.groups())) if sockets else 0,
    }


def memory_kb(pid):
    """{"rss": kB, "pss": kB} of one process, from /proc (Linux)."""
    found = {}
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            name, _, rest = line.partition(":")
            if name in ("Rss", "Pss"):
                found[name.lower()] = int(rest.split()[0])
    return found


def children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


class Server:
    """gunicorn as `make serve` runs it, on a free loopback port, stopped on exit."""

    def __init__(self, *, workers, database_url, static_root, out):
        self.port = free_port()
        self.out = out
        self.env = {
            **os.environ,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-http-only-not-a-secret",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_BENCHMARK_FLOOR": "1",
            "DJANGO_STATIC_ROOT": str(static_root),
            "DATABASE_URL": database_url,
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
        }
        if self.env.get("REDIS_URL"):  # a key prefix of its own: the Redis may be shared
            self.env["DJANGO_CACHE_KEY_PREFIX"] = f"bench-http-{os.getpid()}"
        self.process = None
        self.log = Path(static_root).parent / "gunicorn.log"

    def collectstatic(self):
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=settings.BASE_DIR,
            env=self.env,
            check=True,
        )

    def start(self):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [str(gunicorn), "-c", "erqi/gunicorn.conf.py", "erqi.wsgi"],
            cwd=settings.BASE_DIR,
            env=self.env,
            stderr=open(self.log, "w"),
        )
        deadline = time.monotonic() + 120  # the index is built before the workers start
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CommandError(f"gunicorn 未能启动：\n{Path(self.log).read_text()[-3000:]}")
            try:
                if self.get("/bench/floor/")[0] == 200 and len(self.workers()) >= 1:
                    return
            except OSError:
                time.sleep(0.2)
        raise CommandError("gunicorn 两分钟内没有响应。")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def workers(self):
        return children(self.process.pid)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path, connection=None):
        conn = connection or http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        if connection is None:
            conn.close()
        return response.status, response


def timed_pass(server, paths):
    """Seconds for `paths` requested one after another over one keep-alive connection."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    started = time.perf_counter()
    for path in paths:
        status, response = server.get(path, conn)
        if status != 200:
            raise CommandError(f"{path} 返回 {status}")
        if response.getheader("Connection", "").lower() == "close":
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def warm_up(server, paths, connections):
    """Request every path on each of `connections` keep-alive connections, opened together
    (the kernel spreads them over the workers, as it does wrk's)."""
    conns = [http.client.HTTPConnection("127.0.0.1", server.port, timeout=30) for _ in range(connections)]  # fmt: skip
    for conn in conns:
        conn.connect()
    for path in paths:
        for conn in conns:
            status, _ = server.get(path, conn)
            if status != 200:
                raise CommandError(f"{path} 返回 {status}")
    for conn in conns:
        conn.close()


class Command(BaseCommand):
    help = "HTTP 基准：生产服务器（gunicorn、关闭调试）上各页面和 API 的吞吐量，与基线视图对比。"

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="目录规模：演示目录的 N 倍")
        parser.add_argument("--duration", type=int, default=5, help="每项 wrk 测量的秒数（≤10）")
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--save", help="把结果另存为 JSON 文件")

    def handle(self, *args, scale, duration, connections, workers, save, **options):
        if not shutil.which("wrk"):
            raise CommandError("需要 wrk：apt-get install -y wrk")
        if not 1 <= duration <= 10:
            raise CommandError("--duration 必须在 1 到 10 秒之间。")
        prepare_catalogue(scale, stdout=self.stdout)
        database_url = os.environ.get("DATABASE_URL") or "sqlite:///db.sqlite3"
        mix = query_mix()
        matter = Matter.objects.filter(handlings__isnull=False).order_by("code").first()
        venue = Venue.objects.order_by("code").filter(level=Venue.Level.DISTRICT_CENTRE).first()
        total = Matter.objects.count()
        vendor = connection.vendor
        connection.close()
        out = self.stdout.write
        out(f"== HTTP 基准：{total} 个事项（{vendor}），gunicorn {workers} 个进程，"
            f"wrk {connections} 个连接 × {duration} 秒；查询组合 {len(mix)} 条")  # fmt: skip

        with tempfile.TemporaryDirectory(prefix="bench-http-") as tmp:
            server = Server(
                workers=workers,
                database_url=database_url,
                static_root=Path(tmp) / "static",
                out=out,
            )
            server.collectstatic()
            server.start()
            try:
                results = self.measure(server, mix, matter, venue, Path(tmp), duration, connections)
            finally:
                server.stop()
        if save:
            Path(save).write_text(json.dumps(results, ensure_ascii=False, indent=2), "utf-8")
        bad = [r["name"] for r in results["warm"] if r["non_2xx"] or r["socket_errors"]]
        if bad:
            raise CommandError(f"有非 2xx 响应或连接错误：{'、'.join(bad)}")

    def measure(self, server, mix, matter, venue, tmp, duration, connections):
        out = self.stdout.write
        searches = {
            "search": [f"/search/?{urlencode({'q': q})}" for q in mix],
            "api": [f"/api/v1/matters/?{urlencode({'q': q})}" for q in mix],
        }
        targets = [
            ("基线（常量视图）", ["/bench/floor/"]),
            ("首页", ["/"]),
            ("搜索页（轮换查询）", searches["search"]),
            ("事项页", [f"/matters/{quote(matter.code)}/"]),
            ("场所列表", ["/venues/"]),
            ("场所页", [f"/venues/{quote(venue.code)}/"]),
            ("检索 API（轮换查询）", searches["api"]),
            ("统计 API", ["/api/v1/stats/"]),
        ]
        # Warm-up, and a check that every path answers 200, before anything is measured: every
        # path over as many connections as wrk opens, so that each worker has seen each one.
        for _, paths in targets:
            warm_up(server, paths, connections)
        # The floor is measured first and again last (the machine's load drifts during a run):
        # each ratio is to the mean of the two.
        targets.append(("基线（再测）", targets[0][1]))
        warm = []
        for name, paths in targets:
            listing = tmp / f"paths-{len(warm)}.txt"
            listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
            command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
            command += ["-s", str(LUA), server.url(paths[0]), "--", str(listing)]
            result = parse_wrk(subprocess.run(command, capture_output=True, text=True).stdout)
            result["name"] = name
            warm.append(result)
        floor = (warm[0]["rate"] + warm[-1]["rate"]) / 2
        for result in warm:
            result["ratio"] = result["rate"] / floor
            out(
                f"  {result['name']:<14} {result['rate']:8.0f} 次/秒  p99 {result['p99_ms']:6.1f} ms  "
                f"× 基线 {result['ratio']:.2f}  非 2xx {result['non_2xx']}  连接错误 {result['socket_errors']}"
            )
        memory = [memory_kb(pid) for pid in server.workers()]
        for i, m in enumerate(memory, start=1):
            out(f"  进程 {i} 内存：RSS {m['rss'] / 1024:.0f} MB，PSS {m['pss'] / 1024:.0f} MB")

        # Cold: every cached answer and the search index are out of date after the bump.
        call_command("bump_generation", stdout=open(os.devnull, "w"))
        connection.close()
        cold_search = timed_pass(server, searches["api"])
        cold_floor = timed_pass(server, ["/bench/floor/"] * len(mix))
        ratio = cold_floor / cold_search
        out(
            f"  冷启动（bump_generation 之后）：检索 API 一轮 {len(mix)} 条 {cold_search:.2f} 秒"
            f"（平均 {cold_search / len(mix) * 1000:.1f} ms），基线一轮 {cold_floor:.2f} 秒，"
            f"× 基线 {ratio:.2f}"
        )
        # After the bump each worker built an index of its own: no longer shared with the master.
        rebuilt = [memory_kb(pid) for pid in server.workers()]
        for i, m in enumerate(rebuilt, start=1):
            out(
                f"  冷启动之后进程 {i} 内存：RSS {m['rss'] / 1024:.0f} MB，PSS {m['pss'] / 1024:.0f} MB"
            )
        return {
            "warm": warm,
            "memory_kb": memory,
            "memory_after_cold_kb": rebuilt,
            "cold": {"queries": len(mix), "search_s": cold_search, "floor_s": cold_floor},
        }
