"""Synonyms and keywords are data: staff edits are searched at once, no restart needed."""

import pytest

from services.models import Matter, Synonym
from tests import factories as f

pytestmark = pytest.mark.django_db


def names(q):
    return list(Matter.objects.search(q).values_list("name", flat=True))


def test_a_synonym_added_by_staff_is_used_by_the_next_search():
    f.matter(name="食品经营许可")
    assert names("开奶茶店") == []
    Synonym.objects.create(term="开奶茶店", expansions="食品经营许可")
    assert names("开奶茶店") == ["食品经营许可"]


def test_an_edited_synonym_is_used_by_the_next_search():
    f.matter(name="生育登记")
    f.matter(name="出生登记")
    synonym = Synonym.objects.create(term="生娃", expansions="生育")
    assert names("生娃") == ["生育登记"]
    synonym.expansions = "出生"
    synonym.save()
    assert names("生娃") == ["出生登记"]


def test_new_keywords_and_new_matters_are_found_by_the_next_search():
    matter = f.matter(name="最低生活保障审核确认")
    assert names("吃低保") == []
    matter.keywords = "吃低保"
    matter.save()
    assert names("吃低保") == ["最低生活保障审核确认"]
    f.matter(name="低保家庭证明", keywords="吃低保")
    assert names("吃低保") == ["低保家庭证明", "最低生活保障审核确认"]


def test_a_deleted_matter_is_no_longer_found():
    f.matter(name="残疾人证办理").delete()
    assert names("残疾人证") == []


def test_a_matter_written_by_another_process_is_seen_through_the_database_check():
    existing = f.matter(name="居民身份证换领")
    assert names("补领") == []
    # bulk_create sends no signal here, as if another process had written the row.
    Matter.objects.bulk_create(
        [
            Matter(
                code="OTHER-1",
                name="居民身份证补领",
                department=existing.department,
                kind=existing.kind,
                audience=existing.audience,
                handling_type=existing.handling_type,
                promised_days=1,
            )
        ]
    )
    assert names("补领") == ["居民身份证补领"]
