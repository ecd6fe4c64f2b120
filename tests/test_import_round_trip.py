import pytest
from django.core.management import call_command

from services.models import Department, Handling, Matter, Venue
from services.search import pinyin_fields
from tests.data.sample_catalogue import catalogue, read_back

pytestmark = pytest.mark.django_db


def snapshot():
    """Everything an import sets on every matter, independent of primary keys and positions."""
    fields = [f.attname for f in Matter._meta.concrete_fields]
    skip = {"id", "updated_at", "verified_at", "verified_by_id", "search_pinyin", "search_initials"}
    result = {}
    for m in Matter.objects.prefetch_related("themes", "materials", "steps", "handlings__venue"):
        result[m.code] = (
            {f: getattr(m, f) for f in fields if f not in skip},
            sorted(t.slug for t in m.themes.all()),
            [
                (
                    x.position,
                    x.name,
                    x.requirement,
                    x.form,
                    x.copies,
                    x.source,
                    x.condition,
                    x.form_url,
                    x.sample_url,
                )
                for x in m.materials.all()
            ],
            [(s.position, s.name, s.description) for s in m.steps.all()],
            sorted((h.venue.code, h.window, h.mode) for h in m.handlings.all()),
        )
    return result


@pytest.mark.parametrize("ext", [".csv", ".xlsx"])
def test_export_delete_import_reproduces_the_catalogue_and_the_next_export(tmp_path, ext):
    catalogue()
    before = snapshot()
    first = tmp_path / f"first{ext}"
    call_command("export_catalogue", str(first))
    departments, venues = Department.objects.count(), Venue.objects.count()

    Matter.objects.all().delete()
    assert Handling.objects.count() == 0
    call_command("import_catalogue", str(first))
    second = tmp_path / f"second{ext}"
    call_command("export_catalogue", str(second))

    assert snapshot() == before
    for m in Matter.objects.all():
        assert (m.search_pinyin, m.search_initials) == pinyin_fields(m.name, m.keywords)
    assert read_back(second) == read_back(first)
    assert (Department.objects.count(), Venue.objects.count()) == (departments, venues)
