"""按所含事项重新生成材料清单: from the change page (saving first) or as a bulk action, the
merged list replaces the material list, which stays editable."""

import pytest
from django.urls import reverse

from services.models import LifeEventMaterial, LifeEventMatter, Material
from services.roles import DATA_OFFICE
from tests import factories
from tests.admin_forms import form_data, inline_prefix

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    event = factories.life_event(name="新生儿出生一件事")
    birth, register = factories.matter(name="出生医学证明"), factories.matter(name="出生登记")
    factories.material(birth, position=1, name="居民身份证")
    factories.material(register, position=1, name="申请人居民身份证（原件）")
    factories.material(register, position=2, name="户口簿", form=Material.Form.ORIGINAL_AND_COPY)
    factories.bundle(event, birth, position=1)
    factories.bundle(event, register, position=2)
    LifeEventMaterial.objects.create(event=event, position=1, name="旧的材料")
    return event


def merged(event):
    return [
        (m.name, sorted(x.name for x in m.for_matters.all()))
        for m in event.materials.prefetch_related("for_matters")
    ]


def test_the_button_saves_the_page_then_merges_the_saved_matters(client, event):
    client.force_login(factories.staff_user(DATA_OFFICE))
    url = reverse("admin:services_lifeevent_change", args=[event.pk])
    response = client.get(url)
    data = form_data(response)
    prefix = inline_prefix(response, LifeEventMatter)
    data[f"{prefix}-1-DELETE"] = "on"  # 出生登记 leaves the event in the same save

    response = client.post(url, data | {"_regenerate": "1"}, follow=True)

    assert response.redirect_chain[-1][0] == url
    assert "按所含事项重新生成材料清单：共 1 项材料" in response.content.decode()
    assert merged(event) == [("居民身份证", ["出生医学证明"])]


def test_the_bulk_action_merges_each_selected_event(client, event):
    client.force_login(factories.staff_user(DATA_OFFICE))
    listing = reverse("admin:services_lifeevent_changelist")

    client.post(listing, {"action": "set_materials", "_selected_action": [event.pk]})

    assert merged(event) == [
        ("居民身份证", ["出生医学证明", "出生登记"]),
        ("户口簿", ["出生登记"]),
    ]


def test_the_generated_list_can_then_be_edited(client, event):
    client.force_login(factories.staff_user(DATA_OFFICE))
    url = reverse("admin:services_lifeevent_change", args=[event.pk])
    client.post(url, form_data(client.get(url)) | {"_regenerate": "1"})
    response = client.get(url)
    data = form_data(response)
    prefix = inline_prefix(response, LifeEventMaterial)

    client.post(url, data | {f"{prefix}-1-copies": "3", f"{prefix}-1-name": "户口簿（户主页）"})

    assert [(m.name, m.copies) for m in event.materials.all()] == [
        ("居民身份证", 1),
        ("户口簿（户主页）", 3),
    ]


def test_the_button_on_the_add_page_saves_the_new_event_and_opens_it_merged(client, event):
    client.force_login(factories.staff_user(DATA_OFFICE))
    birth = event.bundled.first().matter
    add = reverse("admin:services_lifeevent_add")
    data = form_data(client.get(add)) | {
        "code": "baby2",
        "name": "出生一件事（试点）",
        "audience": "person",
        "summary": "试点。",
        "lead_department": str(event.lead_department_id),
        "promised_days": "3",
        "position": "0",
        "bundled-TOTAL_FORMS": "1",
        "bundled-0-position": "1",
        "bundled-0-matter": str(birth.pk),
        "bundled-0-required": "on",
    }

    response = client.post(add, data | {"_regenerate": "1"})

    created = event.__class__.objects.get(code="baby2")
    assert response["Location"] == reverse("admin:services_lifeevent_change", args=[created.pk])
    assert merged(created) == [("居民身份证", ["出生医学证明"])]
