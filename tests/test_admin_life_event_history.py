"""A life event's history lists its own changes and its bundled matters' and materials'; 核实
stamps who and when and records what each bundled matter is now."""

import pytest
from django.urls import reverse

from services.models import LifeEventMatter
from services.roles import DATA_OFFICE
from tests import factories
from tests.admin_forms import form_data, inline_prefix

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client):
    client.force_login(factories.staff_user(DATA_OFFICE, username="zhang"))
    return client


def test_the_history_page_shows_changes_to_the_bundled_matters(office):
    event = factories.life_event(name="新生儿出生一件事")
    factories.bundle(event, factories.matter(name="出生医学证明"))
    url = reverse("admin:services_lifeevent_change", args=[event.pk])
    response = office.get(url)
    data = form_data(response)
    prefix = inline_prefix(response, LifeEventMatter)
    data |= {f"{prefix}-0-condition": "仅在医院外出生时"}
    data.pop(f"{prefix}-0-required")
    office.post(url, data | {"name": "新生儿出生“一件事”"})

    page = office.get(reverse("admin:services_lifeevent_history", args=[event.pk]))

    text = page.content.decode()
    assert page.status_code == 200
    assert "一件事包含的事项：出生医学证明" in text
    assert "必办：是 → 否" in text
    assert "新生儿出生“一件事”" in text
    assert "zhang" in text


def test_verifying_stamps_the_event_and_records_its_matters_as_they_are(office):
    police = factories.department(name="区公安分局")
    event = factories.life_event()
    matter = factories.matter(code="GA-9", name="出生登记", department=police)
    factories.bundle(event, matter)
    listing = reverse("admin:services_lifeevent_changelist")

    response = office.post(
        listing, {"action": "verify", "_selected_action": [event.pk]}, follow=True
    )

    event.refresh_from_db()
    link = event.bundled.get()
    assert "核实一件事" in response.content.decode()
    assert event.verified_at is not None and event.verified_by.username == "zhang"
    assert (link.verified_code, link.verified_name, link.verified_department) == (
        "GA-9",
        "出生登记",
        police,
    )


def test_verifying_does_not_count_as_someone_elses_edit_of_an_open_page(office):
    event = factories.life_event()
    factories.bundle(event, factories.matter())
    url = reverse("admin:services_lifeevent_change", args=[event.pk])
    data = form_data(office.get(url))
    listing = reverse("admin:services_lifeevent_changelist")
    office.post(listing, {"action": "verify", "_selected_action": [event.pk]})

    assert office.post(url, data | {"summary": "新的说明。"}).status_code == 302
    event.refresh_from_db()
    assert event.summary == "新的说明。"
