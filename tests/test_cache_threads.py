"""What a process keeps per generation (services/caching.py) is read and replaced by several
threads at once (gunicorn's threaded worker): right after a bump, threads holding the old and
the new number must never see a half-replaced value, nor fail."""

import datetime
import threading

from services import caching

THREADS = 4
CALLS = 40_000


def hammer(call):
    """Run call(i) CALLS times on each of THREADS threads; the exceptions raised."""
    failures = []

    def run(offset):
        try:
            for i in range(CALLS):
                call(offset + i)
        except Exception as error:  # what a request would have answered with a 500
            failures.append(error)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def test_open_now_stretches_under_interleaved_generations(monkeypatch):
    monkeypatch.setattr(
        caching, "_opening_and_closing_times", lambda: [datetime.time(9), datetime.time(17)]
    )
    noon = datetime.datetime(2026, 12, 1, 12, 0)
    seen = []

    def call(i):
        seen.append(caching._stretch_of_day(noon, i % 3))

    assert hammer(call) == []
    assert set(seen) == {1}  # noon is between the opening and the closing


def test_per_generation_values_under_interleaved_generations(monkeypatch):
    local = threading.local()
    monkeypatch.setattr(caching, "tokens", lambda using="default": {"pages": local.generation})

    @caching.per_generation
    def value():
        return ("made at", local.generation)

    memo = caching._memos[-1]

    def call(i):
        local.generation = i % 3
        made = value()
        assert made == ("made at", local.generation)

    try:
        assert hammer(call) == []
    finally:
        caching._memos.remove(memo)
