"""A search combined with filters lists the best matches among the filtered matters."""

import pytest

from services.filters import MatterFilter
from services.models import Matter
from services.search import rank
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_department_filter_keeps_matches_beyond_the_search_cap(monkeypatch):
    monkeypatch.setattr(rank, "MAX_RESULTS", 3)
    busy, quiet = f.department(), f.department()
    for name in ["户口登记", "婚姻登记", "生育登记", "出生登记"]:  # short names rank first
        f.matter(name=name, department=busy)
    for name in ["社会团体成立登记", "民办非企业单位登记"]:
        f.matter(name=name, department=quiet)

    everything = MatterFilter({"q": "登记"}, queryset=Matter.objects.all()).qs
    assert everything.count() == 3  # the cap
    filtered = MatterFilter({"q": "登记", "department": quiet.code}, queryset=Matter.objects.all())
    assert list(filtered.qs.values_list("name", flat=True)) == [
        "社会团体成立登记",
        "民办非企业单位登记",
    ]
