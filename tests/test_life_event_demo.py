"""The 一件事 demo guides, loaded by `loaddata erqi`: the 11 published guides, each on the
catalogue's own matters, with merged material lists, and the file is what the builder writes."""

import subprocess
import sys
from pathlib import Path

from django.test import TestCase

from services import integrity
from services.models import LifeEvent, LifeEventMatter
from services.models.life import material_key

ROOT = Path(__file__).resolve().parent.parent
# The guides Erqi publishes (issue 7, ../shared/catalogue/life-events.tsv).
PERSON = {
    "新生儿出生一件事", "入学前一件事", "婚育一件事", "退休一件事", "身后一件事",
    "残疾人服务一件事", "军人退役一件事",
}  # fmt: skip
ENTERPRISE = {
    "开办餐饮店一件事",
    "企业信息变更一件事",
    "企业注销一件事",
    "个体工商户转型为企业一件事",
}


class LifeEventDemoTests(TestCase):
    fixtures = ["erqi"]

    def test_the_eleven_guides_are_there_under_their_names(self):
        by_audience = {
            audience: set(LifeEvent.objects.for_audience(audience).values_list("name", flat=True))
            for audience in ("个人", "企业")
        }
        self.assertEqual(by_audience, {"个人": PERSON, "企业": ENTERPRISE})
        self.assertEqual(LifeEvent.objects.public().count(), 11)

    def test_every_step_is_a_matter_of_the_catalogue_and_each_guide_has_a_required_one(self):
        self.assertFalse(LifeEventMatter.objects.filter(matter__isnull=True).exists())
        for event in LifeEvent.objects.prefetch_related("bundled"):
            steps = list(event.bundled.all())
            self.assertGreaterEqual(len(steps), 3, event.name)
            self.assertTrue(any(s.required for s in steps), event.name)
            self.assertTrue(all(s.required or s.condition for s in steps), event.name)
            self.assertEqual([s.position for s in steps], list(range(1, len(steps) + 1)))

    def test_a_newborn_needs_the_six_matters_of_four_departments(self):
        event = LifeEvent.objects.get(name="新生儿出生一件事")
        names = set(event.bundled.values_list("matter__name", flat=True))
        self.assertLessEqual(
            {"《出生医学证明》首次签发", "《预防接种证》办理", "出生登记", "社会保障卡申领"}, names
        )
        departments = event.bundled.values("matter__department").distinct().count()
        self.assertGreaterEqual(departments, 4)

    def test_each_material_appears_once_per_guide_for_the_matters_that_need_it(self):
        for event in LifeEvent.objects.prefetch_related("materials__for_matters", "bundled"):
            keys = [material_key(m.name) for m in event.materials.all()]
            self.assertEqual(len(keys), len(set(keys)), event.name)
            bundled = {s.matter_id for s in event.bundled.all()}
            for material in event.materials.all():
                needing = {m.pk for m in material.for_matters.all()}
                self.assertTrue(needing and needing <= bundled, (event.name, material.name))
        card = LifeEvent.objects.get(name="新生儿出生一件事").materials.get(name="居民身份证")
        self.assertGreaterEqual(card.for_matters.count(), 5)

    def test_each_guide_can_be_done_in_one_visit_somewhere(self):
        for event in LifeEvent.objects.all():
            self.assertTrue(event.one_visit_venues().exists(), event.name)

    def test_the_rules_across_records_hold(self):
        self.assertEqual(list(integrity.problems()), [])


def test_the_committed_fixture_is_what_the_builder_writes(tmp_path):
    output = tmp_path / "life.json"
    subprocess.run(
        [sys.executable, str(ROOT / "fixtures" / "build_life.py"), "--output", str(output)],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    committed = (ROOT / "fixtures" / "life" / "erqi.json").read_bytes()
    assert output.read_bytes() == committed, "run `make fixture` and commit fixtures/life/erqi.json"
