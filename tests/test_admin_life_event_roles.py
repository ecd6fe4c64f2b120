"""Only the data office changes life events; department and venue managers may look, and a
crafted save, bulk action or history revert from them is refused."""

import pytest
from django.urls import reverse

from services.models import LifeEvent
from services.roles import DATA_OFFICE, DEPARTMENT_MANAGER, VENUE_MANAGER
from tests import factories
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    event = factories.life_event(name="新生儿出生一件事")
    factories.bundle(event, factories.matter(name="出生医学证明"))
    return event


def login(client, role):
    if role == DEPARTMENT_MANAGER:
        user = factories.staff_user(role, department=factories.department())
    elif role == VENUE_MANAGER:
        user = factories.staff_user(role, venue=factories.venue())
    else:
        user = factories.staff_user(role)
    client.force_login(user)


def test_the_data_office_may_change_and_sees_the_regenerate_button(client, event):
    login(client, DATA_OFFICE)
    url = reverse("admin:services_lifeevent_change", args=[event.pk])
    page = client.get(url).content.decode()
    assert 'name="name"' in page
    assert "保存并按所含事项重新生成材料清单" in page
    actions = client.get(reverse("admin:services_lifeevent_changelist")).content.decode()
    assert "核实所选一件事" in actions


@pytest.mark.parametrize("role", [DEPARTMENT_MANAGER, VENUE_MANAGER])
def test_other_staff_see_the_list_and_page_read_only(client, event, role):
    login(client, role)
    listing = client.get(reverse("admin:services_lifeevent_changelist"))
    assert listing.status_code == 200
    assert "新生儿出生一件事" in listing.content.decode()
    assert "核实所选一件事" not in listing.content.decode()
    page = client.get(reverse("admin:services_lifeevent_change", args=[event.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'name="name"' not in text
    assert "出生医学证明" in text
    assert "保存并按所含事项重新生成材料清单" not in text
    assert client.get(reverse("admin:services_lifeevent_add")).status_code == 403


@pytest.mark.parametrize("role", [DEPARTMENT_MANAGER, VENUE_MANAGER])
def test_a_crafted_save_action_or_revert_is_refused(client, event, role):
    office = client.__class__()
    office.force_login(factories.staff_user(DATA_OFFICE))
    url = reverse("admin:services_lifeevent_change", args=[event.pk])
    data = form_data(office.get(url)) | {"name": "改名", "_regenerate": "1"}
    login(client, role)

    assert client.post(url, data).status_code == 403
    listing = reverse("admin:services_lifeevent_changelist")
    for action in ("verify", "set_materials", "delete_selected"):
        client.post(listing, {"action": action, "_selected_action": [event.pk]})
    history = event.history.first().history_id
    revert = reverse("admin:services_lifeevent_simple_history", args=[event.pk, history])
    assert client.post(revert, data).status_code == 403

    event.refresh_from_db()
    assert (event.name, event.verified_at, event.materials.count()) == ("新生儿出生一件事", None, 0)
    assert LifeEvent.objects.count() == 1
