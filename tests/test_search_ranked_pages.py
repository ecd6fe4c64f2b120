"""A plain search is counted and paged from the index: no COUNT, one query for the page's own
rows, in the same order as the SQL that a filtered search uses (score, shorter name, code)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.models import Matter
from services.search import search
from services.search.index import current_index
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def matters():
    # Equal scores for most: the order then rests on the name's length and the code.
    for code, name in [("B-2", "社保卡申领"), ("A-9", "社保卡补领"), ("C-1", "社保卡"), ("A-1", "社保补贴"), ("Z-0", "社会保障卡申领")]:  # fmt: skip
        f.matter(code=code, name=name, keywords="社保")
    current_index()  # built before counting: the first search of a process pays for it


def test_the_count_and_a_page_cost_one_query(matters):
    found = search(Matter.objects.all(), "社保")
    with CaptureQueriesContext(connection) as queries:
        count = found.count()  # from the index: no query
        page = list(found[1:3])  # SELECT … WHERE id IN (2 ids)
    assert count == 5
    assert len(queries.captured_queries) == 1
    assert all(hasattr(m, "relevance") for m in page)


def test_index_and_sql_give_the_same_order(matters):
    found = search(Matter.objects.all(), "社保")
    by_index = [m.code for m in found]
    by_sql = [m.code for m in found.filter(pk__gt=0)]  # another filter: the SQL path
    assert by_index == by_sql
    assert by_index[:4] == ["C-1", "A-1", "A-9", "B-2"]  # shortest name first, then code


def test_a_filter_after_the_search_is_applied(matters):
    found = search(Matter.objects.all(), "社保").filter(code__startswith="A")
    assert found.count() == 2
    assert [m.code for m in found] == ["A-1", "A-9"]
