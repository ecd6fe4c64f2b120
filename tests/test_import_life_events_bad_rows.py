"""A bad life-event row is reported by sheet, row, column and reason in Chinese, and nothing
is written: an unknown matter code, an optional matter without its case, a repeated matter or
material, an unknown department or venue, a repeated code, a hostile cell."""

import io

import pytest
from django.core.management import CommandError, call_command

from services.models import LifeEvent
from tests.data.sample_catalogue import catalogue, write_csv
from tests.data.sample_life_events import LIFE_HEADERS, life_row, write_life_csv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data():
    return catalogue()


def errors_of(tmp_path, *life_rows, header=LIFE_HEADERS):
    path = write_csv(tmp_path / "c.csv", [])
    write_life_csv(tmp_path / "c-一件事.csv", life_rows, header)
    err = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("import_catalogue", str(path), stdout=io.StringIO(), stderr=err)
    assert LifeEvent.objects.count() == 0
    return err.getvalue() + str(failed.value)


@pytest.mark.parametrize(
    "cells,expected",
    [
        (
            {"matters": "MZ-003\nNO-SUCH｜必办"},
            "“一件事”第 2 行［所含事项］：第 2 个事项（NO-SUCH）：没有这个事项编码",
        ),
        (
            {"matters": "MZ-003｜非必办"},
            "“一件事”第 2 行［所含事项］：第 1 个事项（MZ-003）：非必办事项必须写明办理情形",
        ),
        (
            {"matters": "MZ-003\nMZ-003"},
            "［所含事项］：第 2 个事项（MZ-003）：同一事项在一件事中只能出现一次",
        ),
        ({"matters": "MZ-003｜也许"}, "“也许”应填“必办”或“非必办”"),
        (
            {"materials": "居民身份证\n申请人居民身份证（原件）"},
            "［一套材料］：第 2 项材料（申请人居民身份证（原件））：与“居民身份证”是同一材料",
        ),
        ({"materials": "户口簿｜必要｜原件｜0"}, "份数"),
        ({"materials": "户口簿｜必要｜原件｜1｜XX-1"}, "用于事项中没有这些事项编码：XX-1"),
        ({"lead_department": "区外星局"}, "［牵头部门］：未知的牵头部门“区外星局”"),
        ({"venue": "NOWHERE"}, "［一件事窗口所在场所］：未知的场所编码“NOWHERE”"),
        ({"audience": "法人"}, "［服务对象］：未知的服务对象“法人”，可填：个人、企业"),
        ({"promised_days": "三天"}, "［承诺办结时限（工作日）］：“三天”不是整数"),
        ({"code": "生孩子"}, "［一件事编码］：一件事编码只能由字母、数字、连字符和下划线组成"),
        ({"online_url": "不是网址"}, "［网上办理地址］"),
        ({"summary": "坏\x00字"}, "［适用对象］：含有不可见的控制字符 U+0000"),
        ({"summary": "长" * 20001}, "［适用对象］：超过 20000 个字"),
    ],
)
def test_a_bad_cell_is_named_and_nothing_is_written(tmp_path, cells, expected):
    assert expected in errors_of(tmp_path, life_row(**cells))


def test_a_repeated_code_is_named_with_the_first_row(tmp_path):
    found = errors_of(tmp_path, life_row(), life_row(name="另一个"))
    assert "“一件事”第 3 行［一件事编码］：与第 2 行的一件事编码重复" in found


def test_a_missing_column_is_named(tmp_path):
    header = [h for h in LIFE_HEADERS if h != "所含事项"]
    row = [c for h, c in zip(LIFE_HEADERS, life_row(), strict=True) if h != "所含事项"]
    assert "“一件事”缺少列：所含事项" in errors_of(tmp_path, row, header=header)


def test_a_life_event_file_of_too_many_rows_is_refused(tmp_path, settings, monkeypatch):
    monkeypatch.setattr("services.catalogue_io.read.MAX_ROWS", 3)
    rows = [life_row(code=f"e{i}", name=f"事{i}") for i in range(5)]
    assert "“一件事”超过 3 行，请分批导入" in errors_of(tmp_path, *rows)


def test_an_unreadable_life_event_file_is_named(tmp_path):
    path = write_csv(tmp_path / "c.csv", [])
    (tmp_path / "c-一件事.csv").write_bytes(b"\xff\xfe\x00\x81broken")
    with pytest.raises(CommandError, match="一件事文件：无法识别 CSV 文件的编码"):
        call_command("import_catalogue", str(path), stdout=io.StringIO())
