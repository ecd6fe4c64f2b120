"""CSV export is safe to open in a spreadsheet: a cell beginning with = + - @ (OWASP's rule)
gets a leading apostrophe, so it opens as text, not as a formula; the import removes that
apostrophe again, so export → import → export is exact."""

import csv

import pytest
from django.core.management import call_command

from services.catalogue_io.columns import escape_formula, unescape_formula
from services.models import Matter
from tests import factories
from tests.data.sample_catalogue import catalogue
from tests.test_import_round_trip import snapshot

pytestmark = pytest.mark.django_db

HOSTILE = {
    "keywords": '=HYPERLINK("http://evil.example/","点我")',
    "fee": "+86 按次收费",
    "conditions": "-本市户籍居民",
    "basis": "@SUM(1,1)",
    "consult_phone": "'=已带撇号",
}


@pytest.fixture
def hostile():
    data = catalogue()
    matter = Matter.objects.get(code="MZ-003")
    for field, value in HOSTILE.items():
        setattr(matter, field, value)
    matter.save()
    factories.step(matter, position=1, name="=受理")
    return data


def exported(tmp_path, name="catalogue.csv"):
    path = tmp_path / name
    call_command("export_catalogue", str(path))
    with open(path, encoding="utf-8-sig", newline="") as f:
        return path, list(csv.reader(f))


def test_no_exported_csv_cell_begins_with_a_formula_character(tmp_path, hostile):
    _, rows = exported(tmp_path)
    cells = [cell for r in rows for cell in r]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'" + HOSTILE["keywords"] in cells
    assert "''=已带撇号" in cells  # an apostrophe already there is kept by adding one
    assert "'=受理" in cells


def test_the_import_removes_the_apostrophe_again_so_the_round_trip_is_exact(tmp_path, hostile):
    before = snapshot()
    first, first_rows = exported(tmp_path, "first.csv")
    Matter.objects.all().delete()
    call_command("import_catalogue", str(first))
    assert snapshot() == before
    assert Matter.objects.get(code="MZ-003").keywords == HOSTILE["keywords"]
    _, second_rows = exported(tmp_path, "second.csv")
    assert second_rows == first_rows


@pytest.mark.parametrize(
    "text", ["=1+1", "'=1", "''@x", "-", "'", "'a", "a=1", "", "\t=x", "身份证"]
)
def test_escaping_then_unescaping_gives_back_the_text(text):
    assert unescape_formula(escape_formula(text)) == text
