"""A 部门管理员 edits the matters of their own department, and only those."""

import pytest
from django.urls import reverse

from services.models import Handling, Material, Matter
from services.roles import DEPARTMENT_MANAGER
from tests import factories
from tests.admin_forms import form_data, inline_prefix

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    own, other = factories.department(), factories.department()
    return {
        "own": own,
        "other": other,
        "mine": factories.matter(department=own, name="本部门事项"),
        "theirs": factories.matter(department=other, name="别的部门事项"),
        "user": factories.staff_user(DEPARTMENT_MANAGER, department=own),
    }


def change_url(obj):
    return reverse(f"admin:services_{obj._meta.model_name}_change", args=[obj.pk])


def test_it_edits_a_matter_of_its_department_with_a_new_material(client, world):
    client.force_login(world["user"])
    url = change_url(world["mine"])
    page = client.get(url)
    data = form_data(page)
    data["name"] = "本部门事项（新）"
    prefix = inline_prefix(page, Material)
    data[f"{prefix}-TOTAL_FORMS"] = 1
    data.update({f"{prefix}-0-name": "户口簿", f"{prefix}-0-position": 1})
    data.update({f"{prefix}-0-requirement": "required", f"{prefix}-0-form": "original"})
    data[f"{prefix}-0-copies"] = 1
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    world["mine"].refresh_from_db()
    assert world["mine"].name == "本部门事项（新）"
    assert list(world["mine"].materials.values_list("name", flat=True)) == ["户口簿"]


def test_it_sees_another_departments_matter_read_only(client, world):
    client.force_login(world["user"])
    page = client.get(change_url(world["theirs"]))
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert not page.context["adminform"].form.fields


def test_a_crafted_post_to_another_departments_matter_is_refused(client, world):
    client.force_login(world["user"])
    data = form_data(client.get(change_url(world["mine"])))
    data["name"] = "篡改"
    data["department"] = str(world["other"].pk)
    response = client.post(change_url(world["theirs"]), data)
    assert response.status_code == 403
    world["theirs"].refresh_from_db()
    assert world["theirs"].name == "别的部门事项"


def test_it_cannot_delete_another_departments_matter(client, world):
    client.force_login(world["user"])
    url = reverse("admin:services_matter_delete", args=[world["theirs"].pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Matter.objects.filter(pk=world["theirs"].pk).exists()


def test_it_cannot_move_its_matter_to_another_department(client, world):
    client.force_login(world["user"])
    url = change_url(world["mine"])
    data = form_data(client.get(url))
    data["department"] = str(world["other"].pk)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "department" in response.context["adminform"].form.errors
    world["mine"].refresh_from_db()
    assert world["mine"].department == world["own"]


def test_it_adds_a_matter_only_to_its_own_department(client, world):
    client.force_login(world["user"])
    page = client.get(reverse("admin:services_matter_add"))
    offered = page.context["adminform"].form.fields["department"].queryset
    assert list(offered) == [world["own"]]


def test_bulk_actions_leave_other_departments_matters_alone(client, world):
    client.force_login(world["user"])
    ids = [world["mine"].pk, world["theirs"].pk]
    response = client.post(
        reverse("admin:services_matter_changelist"),
        {"action": "mark_instant", "_selected_action": ids},
        follow=True,
    )
    assert "有 1 个事项不属于您的部门，未作处理。" in response.content.decode()
    assert Matter.objects.get(pk=world["mine"].pk).instant
    assert not Matter.objects.get(pk=world["theirs"].pk).instant


def test_it_has_no_bulk_delete(client, world):
    client.force_login(world["user"])
    response = client.post(
        reverse("admin:services_matter_changelist"),
        {"action": "delete_selected", "_selected_action": [world["theirs"].pk], "post": "yes"},
    )
    assert Matter.objects.filter(pk=world["theirs"].pk).exists()
    assert response.status_code in (200, 302)


def test_it_cannot_link_another_departments_matter_to_a_venue(client, world):
    venue = factories.venue()
    client.force_login(world["user"])
    data = {"matter": world["theirs"].pk, "venue": venue.pk, "mode": "full", "window": ""}
    response = client.post(reverse("admin:services_handling_add"), data)
    assert response.status_code == 200
    assert "matter" in response.context["adminform"].form.errors
    assert not Handling.objects.exists()


def test_it_cannot_open_the_data_quality_page_or_staff_accounts(client, world):
    client.force_login(world["user"])
    assert client.get(reverse("admin-quality")).status_code == 403
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_a_revert_cannot_move_its_matter_back_to_another_department(client, world):
    mine = world["mine"]
    mine.department = world["other"]
    mine.save()
    elsewhere = mine.history.latest()
    mine.department = world["own"]
    mine.save()
    revert = reverse("admin:services_matter_simple_history", args=[mine.pk, elsewhere.history_id])
    client.force_login(world["user"])
    data = form_data(client.get(revert))
    data["department"] = world["other"].pk  # what the old version held
    response = client.post(revert, data)
    assert response.status_code == 200
    assert "department" in response.context["adminform"].form.errors
    mine.refresh_from_db()
    assert mine.department == world["own"]
