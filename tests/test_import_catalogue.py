"""`manage.py import_catalogue PATH [--dry-run]` with real CSV and XLSX files."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from services.catalogue_io import export_rows
from services.models import Handling, Material, Matter, Step, Venue
from services.search import pinyin_fields
from tests.data.sample_catalogue import HEADERS, catalogue, row, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

WRITERS = {".csv": write_csv, ".xlsx": write_xlsx}


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_catalogue", str(path), *args, stdout=out, stderr=err)
    return out.getvalue()


def history_rows():
    return [m.history.count() for m in (Matter, Material, Step, Handling)]


@pytest.fixture
def data():
    return catalogue()


@pytest.mark.parametrize("ext", [".csv", ".xlsx"])
def test_a_good_file_creates_the_matter_with_everything_in_its_row(tmp_path, data, ext):
    cells = row(
        themes="生育收养；户籍办理",
        materials="居民身份证｜必要｜原件｜1\n户口簿｜容缺｜复印件｜2｜申请人自备｜户籍在外地时",
        steps="申请｜网上或窗口提交\n受理",
        handlings="district_centre;street_centre｜民政窗口;JK-001｜｜受理",
    )
    out = run(WRITERS[ext](tmp_path / f"good{ext}", [cells]))

    assert "导入完成：新建 1 个，修改 0 个，未变 0 个事项。" in out
    m = Matter.objects.get(code="MZ-100")
    assert (m.name, m.department, m.kind, m.audience) == (
        "最低生活保障申请",
        data["civil"],
        "payment",
        "person",
    )
    assert (m.legal_days, m.promised_days, m.handling_type) == (30, 15, "promised")
    assert sorted(t.slug for t in m.themes.all()) == ["birth", "household"]
    assert [
        (x.position, x.name, x.requirement, x.form, x.copies, x.source, x.condition)
        for x in m.materials.all()
    ] == [
        (1, "居民身份证", "required", "original", 1, "", ""),
        (2, "户口簿", "conditional", "copy", 2, "申请人自备", "户籍在外地时"),
    ]
    assert [(s.name, s.description) for s in m.steps.all()] == [
        ("申请", "网上或窗口提交"),
        ("受理", ""),
    ]
    venues = {h.venue.code: (h.window, h.mode) for h in m.handlings.select_related("venue")}
    assert venues == {
        "district": ("", "full"),
        "JD-01": ("民政窗口", "full"),
        "JD-02": ("民政窗口", "full"),
        "JK-001": ("", "accept"),
    }
    assert (m.search_pinyin, m.search_initials) == pinyin_fields(m.name, m.keywords)


def test_the_department_may_be_given_by_its_code(tmp_path, data):
    run(write_csv(tmp_path / "by-code.csv", [row(department="MZ")]))
    assert Matter.objects.get(code="MZ-100").department == data["civil"]


def test_an_edited_export_updates_only_the_edited_matter_and_names_the_changed_columns(
    tmp_path, data
):
    id_card, birth, plain = data["matters"]
    untouched = list(Matter.objects.exclude(pk=plain.pk).values_list("code", "updated_at"))
    rows = export_rows()
    edited = next(r for r in rows if r[0] == "MZ-003")
    edited[HEADERS.index("承诺时限（工作日）")] = "1"
    edited[HEADERS.index("办理地点")] = "JD-02｜2号窗口"
    out = run(write_csv(tmp_path / "edited.csv", rows[1:]), "-v", "2")

    assert "修改 MZ-003 结婚登记：承诺时限（工作日）、办理地点\n" in out
    assert "导入完成：新建 0 个，修改 1 个，未变 2 个事项。" in out
    plain.refresh_from_db()
    assert plain.promised_days == 1
    assert [(h.venue.code, h.window) for h in plain.handlings.all()] == [("JD-02", "2号窗口")]
    assert list(Matter.objects.exclude(pk=plain.pk).values_list("code", "updated_at")) == untouched


def test_matters_missing_from_the_file_are_left_alone(tmp_path, data):
    run(write_csv(tmp_path / "one.csv", [row()]))
    assert sorted(Matter.objects.values_list("code", flat=True)) == [
        "GA-001",
        "MZ-002",
        "MZ-003",
        "MZ-100",
    ]


def test_stale_search_fields_are_refreshed_and_reported(tmp_path, data):
    Matter.objects.filter(code="MZ-003").update(search_pinyin="", search_initials="")
    out = run(write_csv(tmp_path / "same.csv", export_rows()[1:]), "-v", "2")
    assert "修改 MZ-003 结婚登记：拼音检索字段" in out
    assert Matter.objects.get(code="MZ-003").search_initials == "jhdj"


@pytest.mark.parametrize("ext", [".csv", ".xlsx"])
def test_importing_the_same_file_twice_changes_nothing_the_second_time(tmp_path, data, ext):
    path = WRITERS[ext](tmp_path / f"twice{ext}", [row(), row(code="MZ-003", name="结婚登记")])
    run(path)
    before = (history_rows(), list(Matter.objects.values_list("code", "updated_at")))

    out = run(path)

    assert "新建 0 个，修改 0 个，未变 2 个事项" in out
    assert (history_rows(), list(Matter.objects.values_list("code", "updated_at"))) == before


def test_a_dry_run_reports_what_would_change_and_writes_nothing(tmp_path, data):
    before = history_rows()
    path = write_csv(tmp_path / "dry.csv", [row(), row(code="MZ-003", name="结婚登记（新）")])

    out = run(path, "--dry-run")

    assert "试运行，未写入数据库。将新建 1 个，修改 1 个，未变 0 个事项。" in out
    assert not Matter.objects.filter(code="MZ-100").exists()
    assert Matter.objects.get(code="MZ-003").name == "结婚登记"
    assert history_rows() == before


BAD_ROWS = [
    # (cells, column, part of the reason)
    ({"department": "区教育局"}, "实施部门", "未知的实施部门“区教育局”"),
    ({"kind": "行政审批"}, "事项类型", "未知的事项类型“行政审批”"),
    ({"themes": "养老服务"}, "主题分类", "未知的主题分类“养老服务”"),
    ({"handlings": "district_centre;JK-999"}, "办理地点", "未知的场所编码或层级“JK-999”"),
    ({"materials": "居民身份证｜必要｜扫描件"}, "申请材料", "第 1 项材料（居民身份证）"),
    ({"materials": "户口簿｜必要｜原件｜0"}, "申请材料", "份数至少为 1"),
    ({"promised_days": "三十"}, "承诺时限（工作日）", "“三十”不是整数"),
    ({"promised_days": "40"}, "承诺时限（工作日）", "不能超过法定时限"),
    ({"instant": "是"}, "办件类型", "即来即办事项的办件类型必须是即办件"),
    ({"no_application": "是"}, "到现场次数", "到现场次数必须为 0"),
    ({"self_service": "可以"}, "7×24 自助", "只能填“是”或“否”"),
    ({"online_url": "not a url"}, "网上办理地址", ""),
    ({"code": ""}, "事项编码", "事项编码不能为空"),
    ({"code": "MZ-003"}, "事项编码", "与第 2 行的事项编码重复"),
]


@pytest.mark.parametrize("ext", [".csv", ".xlsx"])
def test_a_file_with_bad_rows_changes_nothing_and_reports_each_row_column_and_reason(
    tmp_path, data, ext
):
    good = [row(code="MZ-003", name="结婚登记（改）"), row(code="MZ-200")]
    bad = [row(**({"code": f"MZ-3{i:02d}"} | cells)) for i, (cells, _, _) in enumerate(BAD_ROWS)]
    path = WRITERS[ext](tmp_path / f"bad{ext}", good + bad)
    before = (history_rows(), list(Matter.objects.values_list("code", "name", "updated_at")))
    err = io.StringIO()

    with pytest.raises(
        CommandError, match=f"导入失败：{len(BAD_ROWS)} 行有错误，数据库未做任何修改"
    ):
        call_command("import_catalogue", str(path), stdout=io.StringIO(), stderr=err)

    report = err.getvalue().splitlines()
    for number, (_, column, reason) in enumerate(BAD_ROWS, start=4):
        assert any(
            line.startswith(f"第 {number} 行［{column}］：") and reason in line for line in report
        ), (number, column, reason, report)
    assert not any(line.startswith(("第 2 行", "第 3 行")) for line in report)
    assert (
        history_rows(),
        list(Matter.objects.values_list("code", "name", "updated_at")),
    ) == before


def test_a_file_of_another_type_is_refused_in_chinese(tmp_path, data):
    path = tmp_path / "catalogue.txt"
    path.write_text("事项编码\n")
    with pytest.raises(CommandError, match="不支持的文件类型“.txt”：请使用 .csv 或 .xlsx 文件"):
        run(path)


def test_a_missing_column_is_named(tmp_path, data):
    path = write_csv(tmp_path / "short.csv", [row()[:-1]], header=HEADERS[:-1])
    with pytest.raises(CommandError, match="缺少列：办理地点"):
        run(path)


def test_an_xlsx_that_is_not_a_spreadsheet_is_refused(tmp_path, data):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="不是有效的 XLSX 文件"):
        run(path)


def test_a_csv_saved_by_chinese_excel_in_gb18030_is_read(tmp_path, data):
    path = tmp_path / "gbk.csv"
    write_csv(tmp_path / "utf8.csv", [row()])
    path.write_bytes((tmp_path / "utf8.csv").read_text(encoding="utf-8-sig").encode("gb18030"))
    run(path)
    assert Matter.objects.get(code="MZ-100").name == "最低生活保障申请"


def test_numbers_typed_as_numbers_in_excel_are_read_as_text(tmp_path, data):
    cells = row(code=11410103, legal_days=30, promised_days=15.0, visits=1)
    write_xlsx(tmp_path / "numbers.xlsx", [cells])
    run(tmp_path / "numbers.xlsx")
    m = Matter.objects.get(code="11410103")
    assert (m.legal_days, m.promised_days, m.visits) == (30, 15, 1)


def test_a_level_name_in_chinese_stands_for_every_venue_of_that_level(tmp_path, data):
    run(write_csv(tmp_path / "level.csv", [row(handlings="街道便民服务中心")]))
    codes = Matter.objects.get(code="MZ-100").handlings.values_list("venue__code", flat=True)
    assert sorted(codes) == sorted(Venue.objects.streets().values_list("code", flat=True))


def test_headers_match_whatever_the_spaces_brackets_or_english_field_names(tmp_path, data):
    header = [h.replace(" ", "").replace("（", "(").replace("）", ")") for h in HEADERS]
    header[0] = "code"
    run(write_csv(tmp_path / "headers.csv", [row()], header=header))
    assert Matter.objects.filter(code="MZ-100").exists()


def test_an_unknown_or_repeated_header_is_named(tmp_path, data):
    header = [*HEADERS[:-1], "备注", "事项名称"]
    with pytest.raises(CommandError) as raised:
        run(write_csv(tmp_path / "headers.csv", [row() + ["x"]], header=header))
    message = str(raised.value)
    assert f"第 {len(HEADERS)} 列的表头“备注”不认识" in message
    assert "表头“事项名称”出现了两次" in message
    assert "缺少列：办理地点" in message


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path, data):
    with zipfile.ZipFile(tmp_path / "other.xlsx", "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(CommandError, match="不是有效的 XLSX 文件"):
        run(tmp_path / "other.xlsx")


def test_every_problem_of_a_row_is_reported_at_once(tmp_path, data):
    cells = row(name="名" * 201, promised_days="40", materials="户口簿｜必要｜扫描件", kind="审批")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_catalogue",
            str(write_csv(tmp_path / "many.csv", [cells])),
            stdout=io.StringIO(),
            stderr=err,
        )
    columns = [line.split("］")[0] for line in err.getvalue().splitlines()]
    assert columns == ["第 2 行［事项类型", "第 2 行［申请材料", "第 2 行［事项名称"]


def test_clean_runs_once_the_fields_it_reads_are_known(tmp_path, data):
    cells = row(promised_days="40", materials="户口簿｜必要｜扫描件")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_catalogue",
            str(write_csv(tmp_path / "clean.csv", [cells])),
            stdout=io.StringIO(),
            stderr=err,
        )
    assert (
        "第 2 行［承诺时限（工作日）］：承诺时限（40 个工作日）不能超过法定时限" in err.getvalue()
    )
