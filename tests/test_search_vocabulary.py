"""The search vocabulary as data: every row is well formed and says why, its catalogue words
are words of the catalogue, and loading it adds to what staff edited, never removes."""

import pytest
from django.core.management import call_command

from services.models import Synonym
from services.search import vocabulary
from services.search.expand import split_words


def test_every_row_has_terms_catalogue_words_a_theme_and_a_rationale():
    lines = vocabulary.PATH.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ["terms", "expansions", "theme", "rationale"]
    for line in lines[1:]:
        terms, expansions, theme, rationale = line.split("\t")
        assert split_words(terms) and split_words(expansions) and theme and rationale, line


def test_it_is_written_for_the_whole_catalogue_not_a_few_queries():
    themes = {line.split("\t")[2] for line in vocabulary.PATH.read_text().splitlines()[1:]}
    assert len(vocabulary.rows()) > 1000
    assert {"公安", "民政", "人社", "医保", "卫健", "市场监管", "税务", "住房", "交通"} <= themes


def test_every_term_fits_the_synonym_table():
    limit = Synonym._meta.get_field("term").max_length
    assert all(len(term) <= limit for term, _, _ in vocabulary.rows())


@pytest.mark.django_db
def test_loading_adds_to_staff_synonyms_and_never_removes():
    Synonym.objects.create(term="驾照", expansions="驾驶人", note="工作人员添加")
    call_command("load_search_vocabulary")
    kept = Synonym.objects.get(term="驾照")
    assert split_words(kept.expansions)[0] == "驾驶人"
    assert "机动车驾驶证" in split_words(kept.expansions)
    assert kept.note == "工作人员添加"
    count = Synonym.objects.count()
    call_command("load_search_vocabulary")  # again: nothing changes
    assert Synonym.objects.count() == count
