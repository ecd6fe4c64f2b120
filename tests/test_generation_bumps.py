"""Every write path moves the data generation, in the write's own transaction: an admin save,
delete and bulk delete, a bulk action, an import, and the commands."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from services import actions
from services.models import Generation, Matter, OpeningPeriod, Synonym
from services.roles import DATA_OFFICE
from services.search.index import current_index
from tests import factories
from tests.admin_forms import form_data, inline_prefix
from tests.data.sample_catalogue import catalogue, row, write_csv

pytestmark = pytest.mark.django_db


class Boom(Exception):
    pass


@pytest.fixture
def office(client):
    client.force_login(factories.staff_user(DATA_OFFICE))
    return client


@pytest.fixture
def bump_then_fail(monkeypatch):
    """The real bump, then a failure: whatever the path wrote with it must be undone too."""
    real = actions.generation_bump

    def bump_and_fail(**kwargs):
        real(**kwargs)
        raise Boom

    for module in (actions, *vars(actions).values()):  # the package and each of its modules
        if getattr(module, "generation_bump", None) is real:
            monkeypatch.setattr(module, "generation_bump", bump_and_fail)


def numbers():
    return Generation.objects.numbers()


def moved(before):
    after = numbers()
    return {kind for kind in after if after[kind] != before[kind]}


def change_url(obj):
    return reverse(f"admin:services_{obj._meta.model_name}_change", args=[obj.pk])


def save(client, obj, **changes):
    data = form_data(client.get(change_url(obj)))
    data.update(changes)
    return client.post(change_url(obj), data)


def test_an_admin_edit_of_a_matter_name_moves_both_generations(office):
    matter = factories.matter(name="旧名称")
    before = numbers()
    assert save(office, matter, name="新名称").status_code == 302
    assert moved(before) == {"search", "pages"}


def test_an_admin_edit_that_search_does_not_read_moves_the_pages_generation_only(office):
    matter = factories.matter(promised_days=5)
    index = current_index()
    before = numbers()
    assert save(office, matter, promised_days="3").status_code == 302
    assert moved(before) == {"pages"}
    assert current_index() is index  # not rebuilt


def test_an_hours_change_in_the_admin_moves_the_pages_generation_only(office):
    venue = factories.venue()
    factories.weekday_hours(venue, days=[0])
    page = office.get(change_url(venue))
    data = form_data(page)
    prefix = inline_prefix(page, OpeningPeriod)
    data[f"{prefix}-0-closes"] = "16:00"
    before = numbers()
    assert office.post(change_url(venue), data).status_code == 302
    assert OpeningPeriod.objects.get().closes.hour == 16
    assert moved(before) == {"pages"}


def test_a_synonym_added_in_the_admin_moves_the_search_generation(office):
    before = numbers()
    url = reverse("admin:services_synonym_add")
    assert office.post(url, {"term": "生娃", "expansions": "生育"}).status_code == 302
    assert moved(before) == {"search", "pages"}


def test_an_admin_save_is_undone_with_its_bump(office, bump_then_fail):
    matter = factories.matter(name="旧名称")
    before = numbers()
    with pytest.raises(Boom):
        save(office, matter, name="新名称")
    matter.refresh_from_db()
    assert matter.name == "旧名称"
    assert moved(before) == set()


def test_an_admin_delete_moves_the_search_generation(office):
    matter = factories.matter()
    before = numbers()
    url = reverse("admin:services_matter_delete", args=[matter.pk])
    assert office.post(url, {"post": "yes"}).status_code == 302
    assert not Matter.objects.exists()
    assert moved(before) == {"search", "pages"}


def test_a_bulk_delete_is_undone_with_its_bump(office, bump_then_fail):
    synonym = Synonym.objects.create(term="生娃", expansions="生育")
    before = numbers()
    data = {"action": "delete_selected", "_selected_action": [synonym.pk], "post": "yes"}
    with pytest.raises(Boom):
        office.post(reverse("admin:services_synonym_changelist"), data)
    assert Synonym.objects.filter(pk=synonym.pk).exists()
    assert moved(before) == set()


def test_a_bulk_action_moves_the_pages_generation_and_keeps_the_search_index(office):
    matter = factories.matter()
    index = current_index()
    before = numbers()
    data = {"action": "verify", "_selected_action": [matter.pk]}
    assert office.post(reverse("admin:services_matter_changelist"), data).status_code == 302
    matter.refresh_from_db()
    assert matter.verified_at is not None
    assert moved(before) == {"pages"}
    assert current_index() is index  # a 核实 stamp does not rebuild it


def test_a_life_events_check_moves_the_pages_generation_and_keeps_the_search_index():
    event = factories.life_event()
    index = current_index()
    before = numbers()
    actions.life_event_verify(events=[event], by=factories.staff_user(DATA_OFFICE))
    event.refresh_from_db()
    assert event.verified_at is not None
    assert moved(before) == {"pages"}
    assert current_index() is index


def test_a_bulk_action_is_undone_with_its_bump(bump_then_fail):
    matter = factories.matter()
    before = numbers()
    with pytest.raises(Boom):
        actions.matters_mark_instant(matters=[matter], by=factories.staff_user(DATA_OFFICE))
    matter.refresh_from_db()
    assert not matter.instant
    assert moved(before) == set()


def test_a_bulk_action_that_changes_nothing_moves_nothing():
    matter = factories.matter(instant=True)
    before = numbers()
    actions.matters_mark_instant(matters=[matter], by=factories.staff_user(DATA_OFFICE))
    assert moved(before) == set()


def test_an_import_moves_the_search_generation(tmp_path):
    catalogue()
    before = numbers()
    call_command(
        "import_catalogue", str(write_csv(tmp_path / "new.csv", [row()])), stdout=io.StringIO()
    )
    assert Matter.objects.filter(code="MZ-100").exists()
    assert moved(before) == {"search", "pages"}


def test_an_import_is_undone_with_its_bump(tmp_path, bump_then_fail):
    catalogue()
    before = numbers()
    with pytest.raises(Boom):
        call_command(
            "import_catalogue", str(write_csv(tmp_path / "new.csv", [row()])), stdout=io.StringIO()
        )
    assert not Matter.objects.filter(code="MZ-100").exists()
    assert moved(before) == set()


def test_a_dry_run_import_moves_nothing(tmp_path):
    catalogue()
    before = numbers()
    path = write_csv(tmp_path / "new.csv", [row()])
    call_command("import_catalogue", str(path), "--dry-run", stdout=io.StringIO())
    assert moved(before) == set()


def test_the_bump_generation_command_moves_both_generations_or_the_pages_one():
    before = numbers()
    call_command("bump_generation", stdout=io.StringIO())
    assert moved(before) == {"search", "pages"}
    before = numbers()
    call_command("bump_generation", "--pages-only", stdout=io.StringIO())
    assert moved(before) == {"pages"}


def test_numbers_only_grow_and_never_repeat_one_given_before_a_restore():
    actions.generation_bump(kind=Generation.Kind.SEARCH)
    first = numbers()["search"]
    Generation.objects.update(number=1)  # the database restored from an old backup
    actions.generation_bump(kind=Generation.Kind.SEARCH)
    assert numbers()["search"] > first
