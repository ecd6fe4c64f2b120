"""The memory caches are bounded in bytes (services/memorycache.py): answers differ in size a
hundredfold, so past MAX_BYTES the least recently used go, whatever their number."""

from services.memorycache import BoundedMemoryCache


def cache(max_bytes, name):
    return BoundedMemoryCache(name, {"OPTIONS": {"MAX_ENTRIES": 10_000, "MAX_BYTES": max_bytes}})


def held(memory):
    return sum(len(value) for value in memory._cache.values())


def test_past_its_bytes_the_least_recently_used_go():
    memory = cache(20_000, "test-bounded-lru")
    memory.clear()
    for n in range(40):
        memory.set(f"answer-{n}", "字" * 300, 60)  # about 1 KB pickled
        if n == 5:
            first_kept = memory.get("answer-0")  # used again: moves to the front
    assert first_kept is not None
    assert held(memory) <= 20_000
    assert memory.get("answer-39") is not None  # the newest stays
    assert memory.get("answer-1") is None  # the oldest unused went
    assert len(memory._cache) < 40


def test_a_count_alone_would_not_have_bounded_it():
    memory = cache(50_000, "test-bounded-big")
    memory.clear()
    for n in range(10):
        memory.set(f"zip-{n}", b"\0" * 20_000, 60)
    assert held(memory) <= 50_000
    assert memory.get("zip-9") is not None
