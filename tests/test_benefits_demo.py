"""The demo benefit rules: built from the catalogue by name, loaded by `loaddata erqi`, valid."""

import json
from pathlib import Path

from django.core import serializers
from django.core.management import call_command
from django.test import TestCase

from services.benefits.fixtures import build
from services.benefits.models import Benefit

FIXTURE = Path(build.__file__).with_name("erqi.json")


def test_the_committed_demo_rules_are_what_the_builder_makes_from_the_catalogue(tmp_path):
    output = tmp_path / "benefits.json"
    build.main(output)
    assert output.read_bytes() == FIXTURE.read_bytes(), (
        "run `make fixture` (services/benefits/fixtures/build.py) and commit its erqi.json"
    )


def test_every_demo_rule_points_at_the_matter_it_names():
    catalogue = json.loads(build.CATALOGUE.read_text(encoding="utf-8"))
    names = {o["pk"]: o["fields"]["name"] for o in catalogue if o["model"] == "services.matter"}
    benefits = [
        o
        for o in json.loads(FIXTURE.read_text(encoding="utf-8"))
        if o["model"] == "benefits.benefit"
    ]
    assert [names[b["fields"]["matter"]] for b in benefits] == [m for m, *_ in build.BENEFITS]


class DemoBenefitsTests(TestCase):
    """The demo rules loaded over just their matters and departments from the main fixture
    (the whole catalogue takes a minute to load; the rules only refer to these rows)."""

    @classmethod
    def setUpTestData(cls):
        catalogue = json.loads(build.CATALOGUE.read_text(encoding="utf-8"))
        wanted = {m for m, *_ in build.BENEFITS}
        rows = [o for o in catalogue if o["model"] == "services.department"]
        for o in catalogue:
            if o["model"] == "services.matter" and o["fields"]["name"] in wanted:
                rows.append({**o, "fields": {**o["fields"], "themes": []}})
        for obj in serializers.deserialize("json", json.dumps(rows)):
            obj.save()
        call_command("loaddata", str(FIXTURE), verbosity=0)

    def test_loaddata_erqi_loads_at_least_eight_valid_benefits_with_rules(self):
        benefits = list(Benefit.objects.with_rules())
        assert len(benefits) >= 8
        for benefit in benefits:
            benefit.full_clean()
            for part in [*benefit.bands.all(), *benefit.qualifiers.all()]:
                part.full_clean()
        with_rules = [
            b for b in benefits if b.bands.all() or b.qualifiers.all() or b.hukou != "any"
        ]
        assert len(with_rules) >= 8

    def test_the_published_figure_is_the_old_age_allowances_19000(self):
        allowance = Benefit.objects.get(name="高龄津贴")
        assert allowance.mode == Benefit.Mode.AUTOMATIC
        assert allowance.matter.no_application
        assert allowance.beneficiaries_count == 19000
        assert allowance.beneficiaries_source
        assert not allowance.amounts_verified  # demo amounts are marked as such
