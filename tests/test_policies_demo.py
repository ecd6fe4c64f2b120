"""The demo explainers and questions: built from the catalogue by name, loaded by
`loaddata erqi`, at least 10 explainers and 30 public answers, no personal data."""

import json
from pathlib import Path

from django.core import serializers
from django.core.management import call_command
from django.test import TestCase

from services.outreach.fixtures import build
from services.outreach.markup import render
from services.outreach.models import Policy, Question

FIXTURE = Path(build.__file__).with_name("erqi.json")


def test_the_committed_demo_is_what_the_builder_makes_from_the_catalogue(tmp_path):
    output = tmp_path / "outreach.json"
    build.main(output)
    assert output.read_bytes() == FIXTURE.read_bytes(), (
        "run `make fixture` (services/outreach/fixtures/build.py) and commit its erqi.json"
    )


class DemoOutreachTests(TestCase):
    """Loaded over just the departments and the named matters of the main fixture."""

    @classmethod
    def setUpTestData(cls):
        catalogue = json.loads(build.CATALOGUE.read_text(encoding="utf-8"))
        wanted = {n for *_, names in build.POLICIES for n in names}
        wanted |= {q[0] for q in build.QUESTIONS + build.OPEN_QUESTIONS}
        rows = [o for o in catalogue if o["model"] == "services.department"]
        for o in catalogue:
            if o["model"] == "services.matter" and o["fields"]["name"] in wanted:
                rows.append({**o, "fields": {**o["fields"], "themes": []}})
        for obj in serializers.deserialize("json", json.dumps(rows)):
            obj.save()
        call_command("loaddata", str(FIXTURE), verbosity=0)

    def test_at_least_ten_published_explainers_each_about_some_matter(self):
        published = Policy.objects.published().prefetch_related("matters")
        assert published.count() >= 10
        for policy in published:
            policy.full_clean()
            assert policy.matters.exists()
            assert "<h2>" in str(render(policy.body))

    def test_at_least_thirty_answered_public_questions_and_no_contacts(self):
        assert Question.objects.public().count() >= 30
        assert not Question.objects.exclude(contact="").exists()
        for question in Question.objects.all():
            question.full_clean()
