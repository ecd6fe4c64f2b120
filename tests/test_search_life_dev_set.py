"""Measured, not hard-coded: recall@1 of the life-situation search on the evaluation set
../shared/search-eval/life-events-dev.tsv, read at test time (SEARCH_EVAL_DIR elsewhere)."""

import pytest

from services.management.commands.bench_search import LIFE_SET, read_dev_set
from services.search import life_events
from tests.life_events_demo import life_events as demo_events

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(not LIFE_SET.exists(), reason="no evaluation set here (SEARCH_EVAL_DIR)")
def test_recall_at_1_on_the_life_event_set_is_at_least_0_9():
    demo_events()
    rows = read_dev_set(LIFE_SET)
    hits = 0
    for query, expected in rows:
        found = life_events(query)
        hits += bool(found) and found[0].name in expected
    assert hits / len(rows) >= 0.9, f"recall@1 {hits}/{len(rows)}"
