"""Import from the admin: upload, preview (created / changed / unchanged / bad rows), confirm."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from services.catalogue_io import export_rows
from services.models import Matter, StaffProfile
from services.roles import DATA_OFFICE, DEPARTMENT_MANAGER, role_permissions
from services.search import pinyin_fields
from tests.data.sample_catalogue import HEADERS, catalogue, row, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:services_matter_import")


def staff(username, role=None, **profile):
    user = User.objects.create_user(username, password="x", is_staff=True)
    if role:
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(role_permissions(role))
        user.groups.add(group)
    if profile:
        StaffProfile.objects.create(user=user, **profile)
    return user


@pytest.fixture
def data():
    return catalogue()


@pytest.fixture
def office(client):
    client.force_login(staff("office", DATA_OFFICE))
    return client


def upload(client, path):
    with open(path, "rb") as f:
        return client.post(IMPORT, {"file": f})


def edited_catalogue(tmp_path, write=write_csv, ext=".csv"):
    """The current export with one matter renamed and one new matter added."""
    rows = export_rows()[1:]
    next(r for r in rows if r[0] == "MZ-003")[HEADERS.index("事项名称")] = "结婚登记（内地居民）"
    return write(tmp_path / f"edited{ext}", [*rows, row()])


@pytest.mark.parametrize("write,ext", [(write_csv, ".csv"), (write_xlsx, ".xlsx")])
def test_the_preview_lists_what_will_be_created_changed_and_left_alone(
    tmp_path, data, office, write, ext
):
    response = upload(office, edited_catalogue(tmp_path, write, ext))

    assert response.status_code == 200
    plan = response.context["plan"]
    assert [r.code for r in plan.created] == ["MZ-100"]
    assert [(r.code, r.changed) for r in plan.changed] == [("MZ-003", ["事项名称"])]
    assert sorted(r.code for r in plan.unchanged) == ["GA-001", "MZ-002"]
    page = response.content.decode()
    assert "确认后将新建 1 个，修改 1 个，未变 2 个事项" in page
    assert "<td>结婚登记（内地居民）</td><td>事项名称</td>" in page
    # Nothing is written before the confirm step.
    assert not Matter.objects.filter(code="MZ-100").exists()
    assert Matter.objects.get(code="MZ-003").name == "结婚登记"


def test_confirming_the_preview_applies_the_file(tmp_path, data, office):
    token = upload(office, edited_catalogue(tmp_path)).context["token"]

    response = office.post(IMPORT, {"confirm": "1", "token": token}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("admin:services_matter_changelist")
    assert "已导入“edited.csv”：新建 1 个，修改 1 个，未变 2 个事项。" in response.content.decode()
    assert Matter.objects.get(code="MZ-003").name == "结婚登记（内地居民）"
    assert Matter.objects.get(code="MZ-100").history.get().history_user.username == "office"


def test_a_catalogue_changed_since_the_preview_is_previewed_again_not_applied(
    tmp_path, data, office
):
    token = upload(office, edited_catalogue(tmp_path)).context["token"]
    other = Matter.objects.get(code="MZ-003")  # someone else makes the same edit meanwhile
    other.name = "结婚登记（内地居民）"
    other.search_pinyin, other.search_initials = pinyin_fields(other.name, other.keywords)
    other.save()

    again = office.post(IMPORT, {"confirm": "1", "token": token})

    assert "预览之后目录已有变化，未做任何修改" in again.content.decode()
    assert [r.code for r in again.context["plan"].changed] == []
    assert not Matter.objects.filter(code="MZ-100").exists()
    office.post(IMPORT, {"confirm": "1", "token": again.context["token"]})
    assert Matter.objects.filter(code="MZ-100").exists()


def test_a_confirm_without_the_previewed_token_changes_nothing(tmp_path, data, office):
    upload(office, edited_catalogue(tmp_path))

    response = office.post(IMPORT, {"confirm": "1", "token": "0" * 32}, follow=True)

    assert "预览已过期或不属于您" in response.content.decode()
    assert not Matter.objects.filter(code="MZ-100").exists()


def test_bad_rows_are_shown_with_row_column_and_reason_and_cannot_be_confirmed(
    tmp_path, data, office
):
    path = write_csv(tmp_path / "bad.csv", [row(), row(code="MZ-101", department="区教育局")])

    response = upload(office, path)

    page = response.content.decode()
    assert "文件有 1 行错误（共 1 处），数据库未做任何修改" in page
    assert "<td>第 3 行</td><td>实施部门</td><td>未知的实施部门“区教育局”" in page
    assert 'name="confirm"' not in page
    assert not Matter.objects.filter(code="MZ-100").exists()


def test_a_file_of_another_type_is_refused_on_the_form(data, office):
    response = office.post(IMPORT, {"file": _named(b"%PDF-1.4", "a.pdf")})
    assert response.status_code == 200
    assert "不支持的文件类型“.pdf”：请使用 .csv 或 .xlsx 文件。" in response.content.decode()


def _named(data, name):
    f = io.BytesIO(data)
    f.name = name
    return f


@pytest.mark.parametrize("role", [None, DEPARTMENT_MANAGER])
def test_staff_who_may_not_edit_every_matter_get_403(tmp_path, data, client, role):
    profile = {"department": data["civil"]} if role else {}
    client.force_login(staff("clerk", role, **profile))
    path = write_csv(tmp_path / "new.csv", [row()])

    assert client.get(IMPORT).status_code == 403
    assert upload(client, path).status_code == 403
    assert client.post(IMPORT, {"confirm": "1", "token": "x"}).status_code == 403
    assert not Matter.objects.filter(code="MZ-100").exists()


def test_the_import_button_is_shown_only_to_those_who_may_import(data, office, client):
    changelist = reverse("admin:services_matter_changelist")
    assert IMPORT in office.get(changelist).content.decode()
    client.force_login(staff("reader", DEPARTMENT_MANAGER, department=data["civil"]))
    page = client.get(changelist).content.decode()
    assert IMPORT not in page
    assert reverse("admin:services_matter_export") in page


def test_the_import_page_offers_the_upload_form_and_the_format(office):
    page = office.get(IMPORT).content.decode()
    assert 'type="file"' in page
    assert "、".join(HEADERS) in page


def test_the_preview_shows_old_and_new_values_and_the_venue_links_removed(tmp_path, data, office):
    rows = export_rows()[1:]
    id_card = next(r for r in rows if r[0] == "GA-001")
    id_card[HEADERS.index("7×24 自助")] = "否"
    id_card[HEADERS.index("主题分类")] = "生育收养"
    marriage = next(r for r in rows if r[0] == "MZ-003")
    marriage[HEADERS.index("事项名称")] = "结婚登记（内地居民）"
    marriage[HEADERS.index("实施部门")] = "区公安分局"
    birth = next(r for r in rows if r[0] == "MZ-002")
    birth[HEADERS.index("办理地点")] = "district"  # the department's file lacks the venues' links
    response = upload(office, write_csv(tmp_path / "edited.csv", rows))

    details = {r.code: dict(r.details) for r in response.context["plan"].changed}
    assert details["GA-001"] == {"7×24 自助": "是 → 否", "主题分类": "新增 生育收养；移除 户籍办理"}
    assert details["MZ-003"] == {
        "事项名称": "结婚登记 → 结婚登记（内地居民）",
        "实施部门": "区民政局 → 区公安分局",
    }
    street, station = data["streets"][0], data["station"]
    assert details["MZ-002"] == {
        "办理地点": f"移除 JD-01 {street.name} 3号窗口 帮办代办；移除 SQ-001 {station.name}"
    }
    page = response.content.decode()
    assert "<strong>事项名称</strong>：结婚登记 → 结婚登记（内地居民）" in page
    assert f"移除 SQ-001 {station.name}" in page
