"""The search API keeps the rows it listed until the pages generation moves
(services/caching.py, RowsByGeneration): a search over matters already listed reads no row
again, and a change shown in the list (a flag) is in the very next answer."""

import pytest

from services import actions
from services.models import Generation
from services.roles import DATA_OFFICE
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def matters():
    department = f.department(name="公安局")
    return [
        f.matter(code="A1", name="身份证换领", department=department),
        f.matter(code="B2", name="身份证补领", department=department),
    ]


def listed(client, q):
    answer = client.get("/api/v1/matters/", {"q": q})
    assert answer.status_code == 200
    return {row["code"]: row for row in answer.json()["results"]}


def test_rows_already_listed_are_not_read_again(client, matters, django_assert_num_queries):
    assert set(listed(client, "换领")) == {"A1"}
    with django_assert_num_queries(2):  # the generation, and B2's row: never listed before
        assert set(listed(client, "身份证")) == {"A1", "B2"}
    with django_assert_num_queries(1):  # the generation only: B2 was read by the last search
        assert set(listed(client, "补领")) == {"B2"}


def test_a_flag_changed_by_staff_is_in_the_next_answer(client, matters):
    assert listed(client, "身份证")["A1"]["instant"] is False
    search_before = Generation.objects.numbers()["search"]
    actions.matters_mark_instant(matters=[matters[0]], by=f.staff_user(DATA_OFFICE))
    assert Generation.objects.numbers()["search"] == search_before  # the index is unchanged
    assert listed(client, "身份证换领")["A1"]["instant"] is True
