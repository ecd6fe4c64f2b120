"""The demo catalogue (fixtures/erqi.json, 1172 matters and its 一件事) survives export →
delete → import."""

import io

import pytest
from django.core.management import call_command

from services.catalogue_io import MATERIAL_FIELDS
from services.models import Department, Handling, LifeEvent, Material, Matter, Step, Venue
from tests.data.sample_life_events import life_snapshot, read_all

pytestmark = pytest.mark.django_db


SKIP = {"id", "updated_at", "verified_at", "verified_by_id", "search_pinyin", "search_initials"}
FIELDS = [f.attname for f in Matter._meta.concrete_fields if f.attname not in SKIP]


def catalogue():
    """Every matter's fields and children, ordered, without keys, positions or timestamps."""
    return sorted(
        (
            [getattr(m, f) for f in FIELDS],
            [tuple(getattr(x, f) for f in MATERIAL_FIELDS) for x in m.materials.all()],
            [(s.name, s.description) for s in m.steps.all()],
            sorted((h.venue.code, h.window, h.mode) for h in m.handlings.all()),
            sorted(t.slug for t in m.themes.all()),
        )
        for m in Matter.objects.prefetch_related("materials", "steps", "handlings__venue", "themes")
    )


def test_the_demo_catalogue_round_trips_exactly(tmp_path):
    call_command("loaddata", "erqi", verbosity=0)
    counts = [m.objects.count() for m in (Matter, Material, Step, Handling, Department, Venue)]
    before, events = catalogue(), life_snapshot()
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    call_command("export_catalogue", str(first), stdout=io.StringIO())

    LifeEvent.objects.all().delete()
    Matter.objects.all().delete()
    out = io.StringIO()
    call_command("import_catalogue", str(first), stdout=out)
    call_command("export_catalogue", str(second), stdout=io.StringIO())

    assert "新建 1172 个，修改 0 个，未变 0 个事项" in out.getvalue()
    assert f"一件事新建 {len(events)} 个，修改 0 个，未变 0 个" in out.getvalue()
    assert [
        m.objects.count() for m in (Matter, Material, Step, Handling, Department, Venue)
    ] == counts
    assert catalogue() == before
    assert life_snapshot() == events
    assert read_all(second) == read_all(first)
