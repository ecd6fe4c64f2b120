"""Rules across records are said in Chinese right after a save that breaks them."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from services.models import Handling, Venue
from services.roles import DATA_OFFICE
from tests import factories
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client):
    client.force_login(factories.staff_user(DATA_OFFICE))


def warnings(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_marking_a_matter_self_service_without_a_kiosk_is_warned(client, office):
    centre = factories.venue()
    matter = factories.matter(name="社保缴费记录打印")
    factories.handling(matter, centre)
    url = reverse("admin:services_matter_change", args=[matter.pk])
    data = form_data(client.get(url))
    data["self_service"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302
    assert (
        f"请注意：“社保缴费记录打印”（{matter.code}）标为 7×24 自助，但没有任何自助终端办理。"
        in warnings(response)
    )


def test_a_consistent_save_warns_nothing(client, office):
    centre = factories.venue()
    matter = factories.matter(name="出生登记")
    factories.handling(matter, centre)
    url = reverse("admin:services_matter_change", args=[matter.pk])
    response = client.post(url, form_data(client.get(url)))
    assert not [m for m in warnings(response) if m.startswith("请注意")]


def test_removing_the_last_kiosk_of_a_self_service_matter_is_warned(client, office):
    centre = factories.venue()
    kiosk = factories.venue(Venue.Level.SELF_SERVICE_KIOSK)
    matter = factories.matter(name="个人权益记录打印", self_service=True)
    factories.handling(matter, centre)
    link = factories.handling(matter, kiosk)
    url = reverse("admin:services_handling_delete", args=[link.pk])
    response = client.post(url, {"post": "yes"})
    assert not Handling.objects.filter(pk=link.pk).exists()
    assert any("个人权益记录打印" in m and "自助终端" in m for m in warnings(response))
