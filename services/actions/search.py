"""Search vocabulary and search log."""

from django.db import transaction

from ..models import Generation, SearchOpen, SearchQuery, Synonym
from ..search.expand import split_words
from .generation import generation_bump


@transaction.atomic
def synonym_add(*, term, words, note=""):
    """Make `term` stand for `words` too (added to what it already stands for, never removed).

    Returns the Synonym, or None when nothing changed. The search index is rebuilt on the next
    search in every process: the search generation moves.
    """
    term = "".join(split_words(term))
    if not term:
        raise ValueError("term")
    synonym = Synonym.objects.select_for_update().filter(term=term).first()
    old = split_words(synonym.expansions) if synonym else []
    new = [w for w in dict.fromkeys(old + list(words)) if w != term]
    expansions = " ".join(new)
    if not new or len(expansions) > Synonym._meta.get_field("expansions").max_length or new == old:
        return None
    if synonym is None:
        synonym = Synonym(term=term, note=note[:200])
    synonym.expansions = expansions
    synonym.full_clean()
    synonym.save()
    generation_bump(kind=Generation.Kind.SEARCH)
    return synonym


def search_log_prune(*, days):
    """Delete the log rows older than `days` days: (searches, opens) deleted."""
    from ..search import log

    log.flush()  # rows still buffered in this process are judged by their age too
    searches, _ = SearchQuery.objects.older_than(days).delete()
    opens, _ = SearchOpen.objects.older_than(days).delete()
    return searches, opens
