"""The data office edits a life event on one page: its fields, the bundled matters in order
(with autocomplete) and the merged material list, each saved as posted."""

import pytest
from django.urls import reverse

from services.models import Generation, LifeEvent, LifeEventMaterial, LifeEventMatter
from services.roles import DATA_OFFICE
from tests import factories
from tests.admin_forms import form_data, inline_prefix

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client):
    client.force_login(factories.staff_user(DATA_OFFICE))
    return client


@pytest.fixture
def event():
    event = factories.life_event(name="新生儿出生一件事")
    first, second = factories.matter(name="出生医学证明"), factories.matter(name="出生登记")
    factories.bundle(event, first, position=1)
    factories.bundle(event, second, position=2)
    return event


def change_url(event):
    return reverse("admin:services_lifeevent_change", args=[event.pk])


def test_the_page_shows_the_bundled_matters_in_order_with_autocomplete(office, event):
    response = office.get(change_url(event))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("出生医学证明") < page.index("出生登记")
    assert "admin-autocomplete" in page
    assert "保存并按所含事项重新生成材料清单" in page


def test_reordering_and_making_a_matter_optional_saves_each_row(office, event):
    response = office.get(change_url(event))
    data = form_data(response)
    prefix = inline_prefix(response, LifeEventMatter)
    data |= {f"{prefix}-0-position": "2", f"{prefix}-1-position": "1"}
    data |= {f"{prefix}-0-required": None, f"{prefix}-0-condition": "仅在医院外出生时"}
    data = {k: v for k, v in data.items() if v is not None}
    before = Generation.objects.numbers()

    assert office.post(change_url(event), data).status_code == 302

    rows = [(r.matter.name, r.required, r.condition) for r in event.bundled.all()]
    assert rows == [("出生登记", True, ""), ("出生医学证明", False, "仅在医院外出生时")]
    assert Generation.objects.numbers()["pages"] > before["pages"]


def test_an_optional_matter_without_its_case_is_refused_in_chinese(office, event):
    response = office.get(change_url(event))
    data = form_data(response)
    prefix = inline_prefix(response, LifeEventMatter)
    data.pop(f"{prefix}-0-required")

    response = office.post(change_url(event), data)

    assert response.status_code == 200
    assert "非必办事项必须写明办理情形" in response.content.decode()
    assert event.bundled.filter(required=False).count() == 0


def test_the_same_matter_twice_is_refused(office, event):
    response = office.get(change_url(event))
    data = form_data(response)
    prefix = inline_prefix(response, LifeEventMatter)
    data[f"{prefix}-1-matter"] = data[f"{prefix}-0-matter"]

    response = office.post(change_url(event), data)

    assert response.status_code == 200
    assert "同一事项在一件事中只能出现一次" in response.content.decode()
    assert event.bundled.filter(matter__name="出生登记").exists()


def test_a_new_event_with_matters_and_a_material_is_saved_from_the_add_page(office, event):
    matter = event.bundled.first().matter
    add = reverse("admin:services_lifeevent_add")
    data = form_data(office.get(add))
    data |= {
        "code": "death",
        "name": "身后一件事",
        "audience": LifeEvent.Audience.PERSON,
        "summary": "家人去世后要办的事。",
        "lead_department": str(event.lead_department_id),
        "promised_days": "5",
        "position": "0",
        "published": "on",
        "bundled-TOTAL_FORMS": "1",
        "bundled-0-position": "1",
        "bundled-0-matter": str(matter.pk),
        "bundled-0-required": "on",
        "materials-TOTAL_FORMS": "1",
        "materials-0-position": "1",
        "materials-0-name": "死亡医学证明",
        "materials-0-required": "on",
        "materials-0-form": "original",
        "materials-0-copies": "1",
        "materials-0-matter_codes": matter.code,
    }

    response = office.post(add, data)

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    created = LifeEvent.objects.get(code="death")
    assert [r.matter for r in created.bundled.all()] == [matter]
    (material,) = created.materials.all()
    assert list(material.for_matters.all()) == [matter]


def test_editing_a_materials_matter_codes_saves_them_and_unknown_codes_are_refused(office, event):
    first, second = [r.matter for r in event.bundled.all()]
    row = LifeEventMaterial.objects.create(event=event, position=1, name="居民身份证")
    row.for_matters.set([first])
    response = office.get(change_url(event))
    data = form_data(response)
    prefix = inline_prefix(response, LifeEventMaterial)
    assert data[f"{prefix}-0-matter_codes"] == first.code

    bad = office.post(change_url(event), data | {f"{prefix}-0-matter_codes": "NO-SUCH"})
    assert bad.status_code == 200
    assert "没有这些事项编码：NO-SUCH" in bad.content.decode()

    both = f"{first.code}；{second.code}"
    assert (
        office.post(change_url(event), data | {f"{prefix}-0-matter_codes": both}).status_code == 302
    )
    assert set(row.for_matters.all()) == {first, second}
