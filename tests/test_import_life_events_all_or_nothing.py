"""Matters and life events are imported in one transaction: a bad life-event row keeps the
good matters out, a bad matter row keeps the life events out, and a life event may bundle a
matter the same file creates."""

import io

import pytest
from django.core.management import CommandError, call_command

from services.models import LifeEvent, Matter
from tests.data.sample_catalogue import catalogue, row, write_csv
from tests.data.sample_life_events import life_row, write_life_csv, write_xlsx_with_life

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data():
    return catalogue()


def run(path, life=None):
    args = [str(path)] + (["--life-events", str(life)] if life else [])
    out = io.StringIO()
    call_command("import_catalogue", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_bad_life_event_keeps_the_new_matter_out(tmp_path):
    path = write_csv(tmp_path / "c.csv", [row()])
    life = write_life_csv(tmp_path / "events.csv", [life_row(matters="MZ-100\nNO-SUCH")])
    with pytest.raises(CommandError, match="1 行有错误，数据库未做任何修改"):
        run(path, life)
    assert not Matter.objects.filter(code="MZ-100").exists()


def test_a_bad_matter_keeps_the_life_events_out(tmp_path):
    path = write_xlsx_with_life(tmp_path / "c.xlsx", [row(kind="不知道")], [life_row()])
    with pytest.raises(CommandError):
        run(path)
    assert not LifeEvent.objects.exists()


def test_a_life_event_may_bundle_a_matter_created_by_the_same_file(tmp_path):
    path = write_xlsx_with_life(
        tmp_path / "c.xlsx", [row()], [life_row(matters="MZ-100\nMZ-003｜非必办｜已婚时")]
    )
    out = run(path)
    event = LifeEvent.objects.get(code="school")
    assert [x.matter.code for x in event.bundled.all()] == ["MZ-100", "MZ-003"]
    assert "新建 1 个，修改 0 个，未变 0 个事项；一件事新建 1 个" in out


def test_a_database_refusal_while_writing_leaves_nothing(tmp_path, monkeypatch):
    from services.actions import imports

    def refuse(*args, **kwargs):
        from django.db import IntegrityError

        raise IntegrityError("simulated")

    monkeypatch.setattr(imports, "_import_life_event", refuse)
    path = write_xlsx_with_life(tmp_path / "c.xlsx", [row()], [life_row()])
    with pytest.raises(CommandError, match="数据库拒绝了修改"):
        run(path)
    assert not Matter.objects.filter(code="MZ-100").exists()
