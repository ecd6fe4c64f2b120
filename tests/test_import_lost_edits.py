"""No silent lost edits through the import: the plan carries the version of every matter it
was made on, so a confirmation after someone else changed one of them (even the very column
the file changes) applies nothing, names the matter, and shows the new preview."""

import pytest
from django.urls import reverse

from services.catalogue_io import export_rows
from services.models import Matter
from services.roles import DATA_OFFICE
from tests import factories
from tests.data.sample_catalogue import HEADERS, catalogue, row, write_csv

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:services_matter_import")


@pytest.fixture
def office(client):
    catalogue()
    client.force_login(factories.staff_user(DATA_OFFICE, username="office"))
    return client


def previewed(client, tmp_path):
    """Upload the export with MZ-003 renamed and a new matter; return the confirm token."""
    rows = export_rows()[1:]
    next(r for r in rows if r[0] == "MZ-003")[HEADERS.index("事项名称")] = "结婚登记（内地居民）"
    path = write_csv(tmp_path / "edited.csv", [*rows, row()])
    with open(path, "rb") as f:
        return client.post(IMPORT, {"file": f}).context["token"]


def edit_meanwhile(code, **values):
    matter = Matter.objects.get(code=code)
    for field, value in values.items():
        setattr(matter, field, value)
    matter.set_search_fields()
    matter.save()


def test_a_change_to_the_same_column_meanwhile_stops_the_import(tmp_path, office):
    token = previewed(office, tmp_path)
    edit_meanwhile("MZ-003", name="结婚登记（涉外）")  # the plan would still "change the name"

    again = office.post(IMPORT, {"confirm": "1", "token": token})

    page = again.content.decode()
    assert "预览之后目录已有变化，未做任何修改" in page
    assert "期间被他人修改或新建的事项（1 个）：MZ-003。" in page
    assert Matter.objects.get(code="MZ-003").name == "结婚登记（涉外）"
    assert not Matter.objects.filter(code="MZ-100").exists()
    assert "结婚登记（涉外） → 结婚登记（内地居民）" in page  # the new preview, to re-apply


def test_confirming_the_new_preview_re_applies_the_file(tmp_path, office):
    token = previewed(office, tmp_path)
    edit_meanwhile("MZ-003", name="结婚登记（涉外）")
    again = office.post(IMPORT, {"confirm": "1", "token": token})

    office.post(IMPORT, {"confirm": "1", "token": again.context["token"]})

    assert Matter.objects.get(code="MZ-003").name == "结婚登记（内地居民）"
    assert Matter.objects.filter(code="MZ-100").exists()


def test_a_change_to_a_matter_the_file_leaves_alone_stops_the_import_too(tmp_path, office):
    token = previewed(office, tmp_path)
    edit_meanwhile("GA-001", fee="工本费 20 元")

    again = office.post(IMPORT, {"confirm": "1", "token": token})

    assert "期间被他人修改或新建的事项（1 个）：GA-001。" in again.content.decode()
    assert Matter.objects.get(code="GA-001").fee == "工本费 20 元"


def test_without_changes_meanwhile_the_preview_is_applied(tmp_path, office):
    token = previewed(office, tmp_path)
    office.post(IMPORT, {"confirm": "1", "token": token})
    assert Matter.objects.get(code="MZ-003").name == "结婚登记（内地居民）"
