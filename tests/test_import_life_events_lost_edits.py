"""A life event changed by someone else between the preview and the confirmation stops the
import, as a matter does: nothing is written, and the new preview names it."""

import pytest
from django.urls import reverse

from services.models import LifeEvent, Matter
from services.roles import DATA_OFFICE
from tests import factories
from tests.data.sample_catalogue import catalogue, row, write_csv
from tests.data.sample_life_events import life_row, write_life_csv

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:services_matter_import")


def test_a_life_event_changed_meanwhile_stops_the_import(tmp_path, client):
    catalogue()
    event = factories.life_event(code="school", name="入学一件事")
    client.force_login(factories.staff_user(DATA_OFFICE))
    path = write_csv(tmp_path / "c.csv", [row()])
    life = write_life_csv(tmp_path / "events.csv", [life_row(summary="新的说明。")])
    with open(path, "rb") as f, open(life, "rb") as g:
        token = client.post(IMPORT, {"file": f, "life_file": g}).context["token"]
    LifeEvent.objects.filter(pk=event.pk).update(promised_days=9)

    page = client.post(IMPORT, {"confirm": "1", "token": token}).content.decode()

    assert "预览之后目录已有变化，未做任何修改" in page
    assert "一件事 school" in page
    assert not Matter.objects.filter(code="MZ-100").exists()
    event.refresh_from_db()
    assert (event.summary, event.promised_days) == ("测试用的一件事。", 9)
