"""Two staff open the same life event: the second save, from what they saw before the first
one's change to its bundled matters, is refused and says what changed meanwhile."""

import pytest
from django.test import Client
from django.urls import reverse

from services.models import LifeEventMatter
from services.roles import DATA_OFFICE
from tests import factories
from tests.admin_forms import form_data, inline_prefix

pytestmark = pytest.mark.django_db


def test_a_save_from_an_older_page_is_refused_and_keeps_the_other_change(client):
    first, second = client, Client()
    first.force_login(factories.staff_user(DATA_OFFICE, username="zhang"))
    second.force_login(factories.staff_user(DATA_OFFICE, username="li"))
    event = factories.life_event(name="新生儿出生一件事")
    factories.bundle(event, factories.matter(name="出生医学证明"))
    url = reverse("admin:services_lifeevent_change", args=[event.pk])
    opened_first = first.get(url)
    first_form = form_data(opened_first)
    second_form = form_data(second.get(url))
    prefix = inline_prefix(opened_first, LifeEventMatter)
    first_form.pop(f"{prefix}-0-required")

    first_form[f"{prefix}-0-condition"] = "仅在医院外出生时"
    assert first.post(url, first_form).status_code == 302
    response = second.post(url, second_form | {"summary": "另一段说明。"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "这条一件事已被他人修改" in page
    assert "办理情形：（空） → 仅在医院外出生时" in page
    event.refresh_from_db()
    assert event.summary != "另一段说明。"
    assert event.bundled.get().condition == "仅在医院外出生时"
