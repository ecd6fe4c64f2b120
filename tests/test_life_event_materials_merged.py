"""一件事: one material list for the whole event, each material once."""

import pytest

from services import actions
from services.models import Generation, Material
from tests import factories

pytestmark = pytest.mark.django_db

F = Material.Form
R = Material.Requirement


def test_an_id_card_needed_by_five_matters_appears_once():
    rows = [(f"M{i}", True, "居民身份证", True, F.ORIGINAL, 1) for i in range(5)]
    merged = actions.merge_materials(rows)
    assert len(merged) == 1
    assert merged[0].name == "居民身份证"
    assert merged[0].for_matters == ["M0", "M1", "M2", "M3", "M4"]


def test_names_are_compared_in_normalised_form():
    rows = [
        ("A", True, "居民身份证", True, F.ORIGINAL, 1),
        ("B", True, "申请人居民身份证（原件）", True, F.ORIGINAL, 1),
        ("C", True, "居民身份证复印件", True, F.COPY, 2),
        ("D", True, "居民户口簿", True, F.ORIGINAL, 1),
    ]
    merged = actions.merge_materials(rows)
    assert [m.name for m in merged] == ["居民身份证", "居民户口簿"]
    card = merged[0]
    assert card.for_matters == ["A", "B", "C"]
    assert card.form == F.ORIGINAL_AND_COPY  # one matter wants the original, one a copy
    assert card.copies == 2  # the most any matter asks for


def test_required_if_any_required_matter_requires_it():
    rows = [
        ("optional-matter", False, "结婚证", True, F.ORIGINAL, 1),
        ("required-matter", True, "结婚证", False, F.ORIGINAL, 1),
        ("other", True, "出生医学证明", True, F.ORIGINAL, 1),
    ]
    merged = {m.name: m for m in actions.merge_materials(rows)}
    assert merged["结婚证"].required is False  # only an optional matter requires it
    assert merged["出生医学证明"].required is True
    rows.append(("third", True, "结婚证", True, F.ORIGINAL, 1))
    merged = {m.name: m for m in actions.merge_materials(rows)}
    assert merged["结婚证"].required is True


def test_paper_wins_over_an_electronic_licence():
    rows = [
        ("A", True, "营业执照", True, F.ELECTRONIC, 1),
        ("B", True, "营业执照", True, F.COPY, 1),
    ]
    assert actions.merge_materials(rows)[0].form == F.COPY


def test_the_event_list_is_merged_from_the_bundled_matters_in_step_order():
    event = factories.life_event()
    first, second = factories.matter(name="出生医学证明"), factories.matter(name="出生登记")
    factories.material(first, name="居民身份证", position=1)
    factories.material(first, name="结婚证", position=2, requirement=R.CONDITIONAL)
    factories.material(second, name="出生医学证明", position=1)
    factories.material(second, name="居民身份证", position=2)
    factories.material(second, name="结婚证", position=3)
    factories.bundle(event, first, position=1)
    factories.bundle(event, second, position=2, required=False, condition="仅在本区落户时")
    merged = actions.life_event_merge_materials(event=event)
    assert [(m.name, m.required, m.for_matters) for m in merged] == [
        ("居民身份证", True, [first, second]),
        ("结婚证", False, [first, second]),  # conditional for the first, optional matter second
        ("出生医学证明", False, [second]),
    ]


def test_setting_the_materials_writes_the_merged_list_and_moves_the_generation():
    event = factories.life_event()
    matter = factories.matter()
    factories.material(matter, name="居民身份证")
    factories.material(matter, name="身份证复印件", form=F.COPY)
    factories.bundle(event, matter)
    before = Generation.objects.numbers()
    report = actions.life_event_set_materials(event=event, by=None)
    assert report.changed == 1
    (row,) = event.materials.all()
    assert (row.name, row.form, list(row.for_matters.all())) == (
        "居民身份证",
        F.ORIGINAL_AND_COPY,
        [matter],
    )
    assert Generation.objects.numbers()["pages"] > before["pages"]
