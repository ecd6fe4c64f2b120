"""`manage.py export_catalogue PATH` and the admin's export button and action."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from services.catalogue_io import export_rows
from services.roles import DEPARTMENT_MANAGER, role_permissions
from tests.data.sample_catalogue import HEADERS, catalogue, read_back

pytestmark = pytest.mark.django_db


def cell(rows, code, header):
    return next(r for r in rows if r[0] == code)[HEADERS.index(header)]


@pytest.mark.parametrize("ext", [".csv", ".xlsx"])
def test_the_command_writes_one_row_per_matter_under_chinese_headers(tmp_path, ext):
    catalogue()
    out = io.StringIO()
    call_command("export_catalogue", str(tmp_path / f"c{ext}"), stdout=out)

    rows = read_back(tmp_path / f"c{ext}")
    assert f"已导出 3 个事项到 {tmp_path / f'c{ext}'}。" in out.getvalue()
    assert rows[0] == HEADERS
    assert [r[0] for r in rows[1:]] == ["GA-001", "MZ-002", "MZ-003"]
    assert cell(rows, "GA-001", "事项类型") == "公共服务"
    assert cell(rows, "GA-001", "即来即办") == "是"
    assert cell(rows, "MZ-002", "主题分类") == "户籍办理;生育收养"


def test_materials_steps_and_venues_use_the_documented_cell_format():
    catalogue()
    rows = export_rows()
    assert cell(rows, "GA-001", "申请材料") == (
        "居民身份证｜必要｜原件｜1\n"
        "户口簿｜容缺｜原件和复印件｜2｜申请人自备｜户籍不在本区时\\｜需要｜https://example.gov.cn/form.pdf"
    )
    assert cell(rows, "GA-001", "办理流程") == "受理｜窗口核验身份\\n现场采集照片\n送达"
    # Every street centre handles it with the same window: the level stands for them all.
    assert cell(rows, "GA-001", "办理地点") == (
        "district_centre｜户政窗口;street_centre｜户政窗口;self_service_kiosk｜｜受理"
    )
    # Only one of the two street centres: its code, with window and mode.
    assert cell(rows, "MZ-002", "办理地点") == (
        "district_centre;JD-01｜3号窗口｜帮办代办;community_station"
    )


def test_a_text_that_starts_with_an_equals_sign_stays_text_in_xlsx(tmp_path):
    data = catalogue()
    data["matters"][2].__class__.objects.filter(code="MZ-003").update(fee="=100元/件")
    call_command("export_catalogue", str(tmp_path / "c.xlsx"), stdout=io.StringIO())
    sheet = load_workbook(tmp_path / "c.xlsx").active
    fee = sheet.cell(row=4, column=HEADERS.index("收费标准") + 1)
    assert (fee.value, fee.data_type) == ("=100元/件", "s")


def test_an_unknown_extension_is_refused_in_chinese(tmp_path):
    with pytest.raises(CommandError, match="不支持的文件类型“.json”"):
        call_command("export_catalogue", str(tmp_path / "c.json"))
    assert not (tmp_path / "c.json").exists()


def test_any_staff_member_who_can_see_matters_can_download_the_catalogue(client):
    data = catalogue()
    user = User.objects.create_user("reader", is_staff=True)
    group, _ = Group.objects.get_or_create(name=DEPARTMENT_MANAGER)
    group.permissions.set(role_permissions(DEPARTMENT_MANAGER))
    user.groups.add(group)
    client.force_login(user)

    url = reverse("admin:services_matter_export")
    xlsx = client.get(url)
    csv_response = client.get(url, {"format": "csv"})

    assert xlsx["Content-Disposition"].endswith('.xlsx"')
    rows = [[v or "" for v in r] for r in load_workbook(io.BytesIO(xlsx.content)).active.values]
    assert [r[0] for r in rows[1:]] == [m.code for m in data["matters"]]
    assert csv_response.content.decode("utf-8-sig").startswith(",".join(HEADERS[:3]))


def test_the_export_action_downloads_only_the_selected_matters(client):
    data = catalogue()
    client.force_login(User.objects.create_superuser("admin", password="x"))
    picked = data["matters"][1]
    response = client.post(
        reverse("admin:services_matter_changelist"),
        {"action": "export_selected", "_selected_action": [picked.pk]},
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert [r[0] for r in rows[1:]] == [picked.code]


def test_staff_without_view_permission_cannot_export(client):
    client.force_login(User.objects.create_user("nobody", is_staff=True))
    assert client.get(reverse("admin:services_matter_export")).status_code == 403
