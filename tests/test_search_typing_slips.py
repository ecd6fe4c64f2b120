"""Slips residents make while typing still find the matter, end to end through the search."""

import pytest

from services.models import Matter
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    f.matter(name="居民身份证换领", keywords="身份证")
    f.matter(name="灵活就业人员参保登记", keywords="社保 参保")
    f.matter(name="公证员执业许可")


def names(q):
    return list(Matter.objects.search(q).values_list("name", flat=True))


def test_a_whole_word_with_one_homophone_character_is_corrected(catalogue):
    assert names("身分证") == ["居民身份证换领"]


def test_a_corrected_word_works_inside_a_longer_query(catalogue):
    assert names("身分证换领")[0] == "居民身份证换领"


def test_characters_typed_apart_are_read_as_one_word(catalogue):
    assert names("社 保") == ["灵活就业人员参保登记"]
