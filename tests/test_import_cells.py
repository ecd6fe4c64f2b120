"""The structured cells (materials, steps, venues): what a person types and what export writes."""

import pytest

from services.catalogue_io import FIELD_SEPS, VENUE_SEPS, join_cell, split_cell

TRICKY = [
    "居民身份证",
    "C:\\材料\\说明",
    "以\\结尾\\",
    "两个\\\\反斜杠",
    "字面的 \\n 不是换行",
    "真的\n换行",
    "竖线|和｜全角竖线",
    "分号;和；全角分号",
    "反斜杠在竖线前\\|",
    "反斜杠在换行前\\\n之后",
]


def test_a_material_line_splits_on_either_vertical_bar():
    assert split_cell("户口簿|容缺｜原件 ｜ 2", "\n") == [["户口簿", "容缺", "原件", "2"]]


def test_blank_lines_are_ignored_and_each_line_is_one_record():
    assert split_cell("申请\n\n受理｜当场受理\n", "\n") == [["申请"], ["受理", "当场受理"]]


def test_venues_may_be_separated_by_semicolons_or_lines():
    cell = "district_centre;street_centre；JK-001｜3号窗口\nSQ-001"
    assert split_cell(cell, VENUE_SEPS) == [
        ["district_centre"],
        ["street_centre"],
        ["JK-001", "3号窗口"],
        ["SQ-001"],
    ]


def test_a_backslash_before_an_ordinary_character_is_kept_as_typed():
    assert split_cell("C:\\材料\\说明｜原件", "\n") == [["C:\\材料\\说明", "原件"]]


@pytest.mark.parametrize("text", TRICKY)
def test_any_text_survives_join_then_split(text):
    records = [[text, "原件", text], ["第二项", text]]
    for seps, specials in (("\n", FIELD_SEPS), (VENUE_SEPS, FIELD_SEPS + VENUE_SEPS)):
        record_sep = seps[0]
        assert split_cell(join_cell(records, record_sep, specials), seps) == records


def test_export_escapes_only_what_needs_it():
    assert join_cell([["C:\\材料", "a｜b"]], "\n", FIELD_SEPS) == "C:\\材料｜a\\｜b"
