"""The admin's import page takes the life events too: the XLSX's "一件事" sheet, or a second
CSV file beside a CSV catalogue; the preview lists them, the confirm step applies them, and
the matter list offers the life events as a CSV of their own."""

import pytest
from django.urls import reverse

from services.models import LifeEvent
from services.roles import DATA_OFFICE
from tests import factories
from tests.data.sample_catalogue import catalogue, row, write_csv
from tests.data.sample_life_events import (
    LIFE_HEADERS,
    life_row,
    write_life_csv,
    write_xlsx_with_life,
)

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:services_matter_import")


@pytest.fixture
def office(client):
    catalogue()
    client.force_login(factories.staff_user(DATA_OFFICE))
    return client


def post(client, path, life=None):
    with open(path, "rb") as f:
        if life is None:
            return client.post(IMPORT, {"file": f})
        with open(life, "rb") as g:
            return client.post(IMPORT, {"file": f, "life_file": g})


def test_a_csv_and_its_life_event_file_are_previewed_then_applied(tmp_path, office):
    path = write_csv(tmp_path / "c.csv", [row()])
    life = write_life_csv(tmp_path / "events.csv", [life_row(matters="MZ-100")])

    preview = post(office, path, life)

    page = preview.content.decode()
    assert "“一件事”第 2 行</td><td>school</td><td>入学一件事</td><td>新建</td>" in page
    assert "一件事新建 1 个，修改 0 个，未变 0 个" in page
    assert not LifeEvent.objects.exists()
    token = preview.context["token"]
    done = office.post(IMPORT, {"confirm": "1", "token": token}, follow=True)
    assert "一件事新建 1 个" in done.content.decode()
    assert [x.matter.code for x in LifeEvent.objects.get().bundled.all()] == ["MZ-100"]


def test_an_xlsx_carries_its_life_events_on_its_second_sheet(tmp_path, office):
    path = write_xlsx_with_life(tmp_path / "c.xlsx", [], [life_row()])
    token = post(office, path).context["token"]
    office.post(IMPORT, {"confirm": "1", "token": token})
    assert LifeEvent.objects.get().name == "入学一件事"


def test_a_bad_life_event_row_is_listed_and_nothing_can_be_confirmed(tmp_path, office):
    path = write_csv(tmp_path / "c.csv", [row()])
    life = write_life_csv(tmp_path / "events.csv", [life_row(matters="XX-9")])

    response = post(office, path, life)

    page = response.content.decode()
    assert "<td>“一件事”第 2 行</td><td>所含事项</td>" in page
    assert "没有这个事项编码" in page
    assert response.context["token"] == ""


def test_a_life_event_csv_beside_an_xlsx_is_refused(tmp_path, office):
    path = write_xlsx_with_life(tmp_path / "c.xlsx", [], [])
    life = write_life_csv(tmp_path / "events.csv", [life_row()])
    response = post(office, path, life)
    assert "XLSX 目录的一件事请放在同一文件的“一件事”工作表中" in response.content.decode()


def test_the_life_events_export_as_a_csv_of_their_own(office):
    factories.life_event(code="birth", name="新生儿出生一件事")
    listing = office.get(reverse("admin:services_matter_changelist")).content.decode()
    assert "导出一件事（CSV）" in listing
    response = office.get(reverse("admin:services_matter_export") + "?format=csv&part=life")
    text = response.content.decode("utf-8-sig")
    assert "erqi-life-events-" in response["Content-Disposition"]
    assert text.splitlines()[0] == ",".join(LIFE_HEADERS)
    assert "birth,新生儿出生一件事" in text
