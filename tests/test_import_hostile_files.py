"""Import files built to exhaust the server are refused with a short Chinese message, without
being read whole, and nothing is changed: a cell that unpacks to 150 MB, 600,000 rows in a
small file, an over-long cell, a NUL byte, a bad cell quoted in full, 150 keywords."""

import tracemalloc
import zipfile

import pytest
from django.urls import reverse

from services.actions import catalogue_import
from services.catalogue_io import ImportFileError, plan_import, read_table
from services.management.commands.bench_import import (
    PLACEHOLDER,
    xlsx_with_a_huge_cell,
    xlsx_with_many_rows,
)
from services.models import Matter
from services.roles import DATA_OFFICE
from tests import factories
from tests.data.sample_catalogue import catalogue, csv_bytes, row, write_csv

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:services_matter_import")
MB = 1024 * 1024


@pytest.fixture
def data():
    return catalogue()


@pytest.fixture
def office(client):
    client.force_login(factories.staff_user(DATA_OFFICE))
    return client


def upload(client, path):
    with open(path, "rb") as f:
        return client.post(IMPORT, {"file": f})


def huge_cell_file(tmp_path):
    return xlsx_with_a_huge_cell(tmp_path, row(keywords=PLACEHOLDER))


def many_rows_file(tmp_path):
    return xlsx_with_many_rows(tmp_path, row())


def peak_memory(read):
    """The most memory Python held while `read()` ran, in bytes."""
    tracemalloc.start()
    try:
        read()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def refusal(path, fmt):
    """The ImportFileError reading `path` raises, and the memory the reading took."""
    errors = []

    def read():
        try:
            read_table(path, fmt)
        except ImportFileError as e:
            errors.append(e)

    peak = peak_memory(read)
    assert errors, "the file was read as if it were fine"
    return "；".join(errors[0].messages), peak


def test_a_cell_that_unpacks_to_150_mb_is_refused_before_it_is_read(tmp_path):
    path = huge_cell_file(tmp_path)
    assert path.stat().st_size < 2 * MB  # small on disk, 150 MB unpacked
    message, peak = refusal(path, ".xlsx")
    assert "XLSX 文件解压后有 150 MB" in message
    assert len(message) < 200
    assert peak < 20 * MB  # the string was never unpacked


def test_the_admin_refuses_the_150_mb_cell_with_a_short_page_and_changes_nothing(
    tmp_path, data, office
):
    before = list(Matter.objects.values_list("code", "keywords"))
    response = upload(office, huge_cell_file(tmp_path))
    page = response.content.decode()
    assert response.status_code == 200
    assert "XLSX 文件解压后有 150 MB" in page
    assert len(page) < 100_000
    assert list(Matter.objects.values_list("code", "keywords")) == before


def test_600000_rows_in_a_small_file_stop_at_the_row_limit(tmp_path):
    path = many_rows_file(tmp_path)
    assert path.stat().st_size < 2 * MB
    message, peak = refusal(path, ".xlsx")
    assert message == "文件超过 20000 行，请分批导入。"
    assert peak < 40 * MB  # rows are read one at a time, never all 600,000 kept


def test_the_header_row_is_checked_before_any_other_row(tmp_path):
    path = many_rows_file(tmp_path)
    bad_header = tmp_path / "bad-header.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(bad_header, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace("事项编码".encode(), "编号".encode())
            zout.writestr(info, data)
    message, _ = refusal(bad_header, ".xlsx")
    assert "表头“编号”不认识" in message and "缺少列：事项编码" in message


def test_an_over_long_cell_is_a_row_error_quoting_only_its_start(tmp_path, data, office):
    path = write_csv(tmp_path / "long.csv", [row(keywords="低" * 25_000), row(code="MZ-101")])
    response = upload(office, path)
    errors = response.context["plan"].errors
    assert [(e.row, e.column) for e in errors] == [(2, "关键词")]
    assert errors[0].message.startswith("超过 20000 个字（“低低低")
    assert len(errors[0].message) < 80
    assert not Matter.objects.filter(code__in=["MZ-100", "MZ-101"]).exists()


def test_a_csv_cell_past_the_csv_readers_own_limit_is_refused_in_chinese(tmp_path):
    path = write_csv(tmp_path / "huge.csv", [row(conditions="条" * 200_000)])
    message, _ = refusal(path, ".csv")
    assert message == "CSV 文件第 2 行附近有一格超过 20000 个字，请缩短后重新导入。"


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1b", "\x7f"])
def test_a_control_character_in_a_cell_is_a_row_error(tmp_path, data, character):
    path = write_csv(tmp_path / "nul.csv", [row(name=f"最低生活{character}保障")])
    plan = plan_import(read_table(path, ".csv"))
    [error] = plan.errors
    assert (error.row, error.column) == (2, "事项名称")
    assert f"U+{ord(character):04X}" in error.message
    assert not plan.rows


def test_a_nul_byte_in_a_code_reaches_no_query(tmp_path, data, office):
    data_bytes = csv_bytes([row(code="MZ-\x00100")])
    path = tmp_path / "nul-code.csv"
    path.write_bytes(data_bytes)
    response = upload(office, path)
    assert response.status_code == 200
    assert "U+0000" in response.content.decode()


def test_a_bad_cell_is_quoted_by_a_short_excerpt_only(tmp_path, data):
    path = write_csv(tmp_path / "bad.csv", [row(department="某" * 5000, handlings="场" * 5000)])
    plan = plan_import(read_table(path, ".csv"))
    assert {e.column for e in plan.errors} == {"实施部门", "办理地点"}
    assert all(len(e.message) < 100 for e in plan.errors)


def test_150_keywords_are_imported_with_search_fields_that_fit_their_columns(tmp_path, data):
    keywords = " ".join(f"关键词语{n}" for n in range(150))
    path = write_csv(tmp_path / "keywords.csv", [row(keywords=keywords)])
    plan = catalogue_import(file=path, fmt=".csv", by=None)
    assert plan.applied
    saved = Matter.objects.get(code="MZ-100")
    assert saved.keywords == keywords
    assert 0 < len(saved.search_initials) <= Matter._meta.get_field("search_initials").max_length


def test_a_preview_lists_at_most_500_errors(tmp_path, data, office):
    rows = [row(code=f"MZ-{n}", department="没有这个部门") for n in range(600)]
    response = upload(office, write_csv(tmp_path / "e.csv", rows))
    page = response.content.decode()
    assert page.count("没有这个部门") == 500
    assert "另有 100 处错误未列出" in page
