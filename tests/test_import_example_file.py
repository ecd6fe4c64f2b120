"""tests/data/catalogue-example.csv: a file typed the way a department would, half-width bars,
Chinese level names, themes separated by 、, department by code or name."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from services.models import Matter
from tests import factories
from tests.data.sample_catalogue import network

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).parent / "data" / "catalogue-example.csv"


@pytest.fixture
def references():
    factories.department(code="GA", name="区公安分局", short_name="公安")
    factories.department(code="MZ", name="区民政局", short_name="民政")
    for slug, name in [("marriage", "婚姻登记"), ("social", "社会保障"), ("relief", "困难救助")]:
        factories.theme(slug=slug, name=name)
    factories.theme(slug="household", name="户籍办理")
    return network()


def run(*args):
    out = io.StringIO()
    call_command("import_catalogue", *map(str, args), stdout=out)
    return out.getvalue()


def test_the_example_file_imports_as_documented(references):
    assert "新建 3 个，修改 0 个，未变 0 个事项" in run(EXAMPLE)

    marriage = Matter.objects.get(code="410103-MZ-001")
    assert (marriage.instant, marriage.promised_days, marriage.legal_days) == (True, 0, None)
    assert [(m.name, m.copies, m.source) for m in marriage.materials.all()][-1] == (
        "近期半身免冠合影照片",
        2,
        "申请人自备",
    )
    assert [h.venue.code for h in marriage.handlings.all()] == ["district"]
    assert marriage.handlings.get().window == "婚姻登记窗口"

    relief = Matter.objects.get(code="410103-MZ-002")
    assert relief.department.code == "MZ"
    assert sorted(t.slug for t in relief.themes.all()) == ["relief", "social"]
    handled = {h.venue.code: (h.window, h.mode) for h in relief.handlings.select_related("venue")}
    assert handled == {"JD-01": ("社会救助窗口", "accept"), "JD-02": ("民政窗口", "full")}
    disabled = relief.materials.get(name="残疾人证")
    assert (disabled.requirement, disabled.form, disabled.source, disabled.condition) == (
        "conditional",
        "copy",
        "残联",
        "家庭成员有残疾的",
    )


def test_its_export_is_canonical_and_reimports_unchanged(references, tmp_path):
    run(EXAMPLE)
    call_command("export_catalogue", str(tmp_path / "out.csv"), stdout=io.StringIO())
    assert "新建 0 个，修改 0 个，未变 3 个事项" in run(tmp_path / "out.csv")
    assert "新建 0 个，修改 0 个，未变 3 个事项" in run(EXAMPLE)
