"""The synthetic catalogue for benchmarks: N× the base matters, realistic variant names."""

import pytest
from django.core.management import CommandError, call_command

from services.models import Matter
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_it_grows_the_catalogue_to_n_times_with_named_variants_keeping_keywords_and_themes():
    theme = f.theme()
    f.matter(code="GA-1", name="居民身份证换领", keywords="身份证 sfz", themes=[theme])
    f.matter(code="MZ-1", name="内地居民结婚登记", keywords="结婚")
    call_command("generate_catalogue", scale=3, stdout=None)
    assert Matter.objects.count() == 6
    variant = Matter.objects.get(code="GA-1-G001")
    assert variant.name == "居民身份证换领（新办·二七区）"
    assert variant.keywords == "身份证 sfz"
    assert list(variant.themes.all()) == [theme]
    assert variant.search_pinyin.startswith("juminshenfenzhenghuanlingxinbanerqiqu ")
    assert Matter.objects.search("sfz").count() == 3


def test_running_it_again_adds_only_what_is_missing():
    f.matter(code="GA-1", name="居民身份证换领")
    call_command("generate_catalogue", scale=2, stdout=None)
    call_command("generate_catalogue", scale=3, stdout=None)
    assert Matter.objects.count() == 3


def test_it_refuses_an_empty_database_or_an_impossible_scale():
    with pytest.raises(CommandError):
        call_command("generate_catalogue", scale=2, stdout=None)
    f.matter()
    with pytest.raises(CommandError):
        call_command("generate_catalogue", scale=0, stdout=None)
