"""Life events travel with the catalogue: export (XLSX sheet "一件事", or a CSV file beside the
catalogue's) → delete → import gives them back exactly, and the next export is the same; an
unchanged file imported again changes nothing and adds no history."""

import io

import pytest
from django.core.management import call_command

from services.catalogue_io import export_life_rows, life_file_beside
from services.models import LifeEvent, LifeEventMaterial, LifeEventMatter, Matter
from tests.data.sample_life_events import (
    LIFE_HEADERS,
    catalogue_with_life_events,
    life_snapshot,
    read_all,
    write_life_csv,
)

pytestmark = pytest.mark.django_db


def run(command, *args):
    out = io.StringIO()
    call_command(command, *map(str, args), stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("ext", [".csv", ".xlsx"])
def test_export_delete_import_gives_the_life_events_back_exactly(tmp_path, ext):
    catalogue_with_life_events()
    before = life_snapshot()
    first, second = tmp_path / f"first{ext}", tmp_path / f"second{ext}"
    out = run("export_catalogue", first)
    assert "2 个一件事在" in out
    if ext == ".csv":
        assert life_file_beside(first).name == "first-一件事.csv"

    LifeEvent.objects.all().delete()
    Matter.objects.all().delete()
    out = run("import_catalogue", first)
    run("export_catalogue", second)

    assert "新建 3 个，修改 0 个，未变 0 个事项；一件事新建 2 个，修改 0 个，未变 0 个" in out
    assert life_snapshot() == before
    assert read_all(second) == read_all(first)


@pytest.mark.parametrize("ext", [".csv", ".xlsx"])
def test_importing_the_same_file_again_changes_nothing(tmp_path, ext):
    catalogue_with_life_events()
    path = tmp_path / f"c{ext}"
    run("export_catalogue", path)
    history = [m.history.count() for m in (LifeEvent, LifeEventMatter, LifeEventMaterial)]

    out = run("import_catalogue", path)

    assert "修改 0 个，未变 3 个事项；一件事新建 0 个，修改 0 个，未变 2 个" in out
    assert [m.history.count() for m in (LifeEvent, LifeEventMatter, LifeEventMaterial)] == history


def test_an_edited_row_changes_only_what_was_edited(tmp_path):
    data = catalogue_with_life_events()
    path = tmp_path / "c.csv"
    run("export_catalogue", path)
    rows = export_life_rows()
    matters = LIFE_HEADERS.index("所含事项")
    assert rows[1][matters] == "MZ-002｜必办\nGA-001｜非必办｜仅父母需换领身份证时"
    rows[1][matters] = "GA-001｜非必办｜仅父母需换领身份证时\nMZ-002｜必办"
    write_life_csv(life_file_beside(path), rows[1:])

    out = run("import_catalogue", path, "-v", "2")

    baby = data["events"][0]
    assert "修改一件事 birth 新生儿出生一件事" in out
    assert [x.matter.code for x in baby.bundled.all()] == ["GA-001", "MZ-002"]
    assert "一件事新建 0 个，修改 1 个，未变 1 个" in out


def test_a_csv_catalogue_without_its_life_event_file_leaves_the_life_events_alone(tmp_path):
    catalogue_with_life_events()
    path = tmp_path / "c.csv"
    run("export_catalogue", path)
    life_file_beside(path).unlink()
    LifeEventMatter.objects.all().delete()

    out = run("import_catalogue", path)

    assert "一件事" not in out
    assert LifeEvent.objects.count() == 2
    assert not LifeEventMatter.objects.exists()
