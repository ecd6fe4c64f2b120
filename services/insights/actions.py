"""Writes of the search insights: synonyms added from the vocabulary or by staff."""

from django.db import transaction

from services.models import Synonym
from services.search.expand import split_words

MAX_EXPANSIONS = 400  # Synonym.expansions' length


@transaction.atomic
def synonym_add(*, term, words, note=""):
    """Make `term` stand for `words` too (added to what it already stands for, never removed).

    Returns the Synonym, or None when nothing changed. The search index is rebuilt on the next
    search in every process: the synonym table's history is part of its freshness check.
    """
    term = "".join(split_words(term))
    if not term:
        raise ValueError("term")
    synonym = Synonym.objects.select_for_update().filter(term=term).first()
    old = split_words(synonym.expansions) if synonym else []
    new = [w for w in dict.fromkeys(old + list(words)) if w != term]
    expansions = " ".join(new)
    if not new or len(expansions) > MAX_EXPANSIONS or new == old:
        return None
    if synonym is None:
        synonym = Synonym(term=term, note=note[:200])
    synonym.expansions = expansions
    synonym.full_clean()
    synonym.save()
    return synonym
