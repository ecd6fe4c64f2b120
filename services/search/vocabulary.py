"""The search vocabulary kept as data: `data/vocabulary.tsv`, everyday words → catalogue words.

One row per idea: the everyday terms residents use (space-separated), the catalogue words
they stand for (words of the matters' names), the department or theme, and why (the source
or rationale). It was written department by department from the catalogue's own names, the
everyday names of certificates and licences, and life situations; staff own the loaded rows
afterwards, as 同义词 in the admin (`manage.py load_search_vocabulary` merges, never removes).
"""

from importlib.resources import files

from .expand import split_words

PATH = files("services.search") / "data" / "vocabulary.tsv"


def rows(text=None):
    """[(term, [expansion, …], note)] for each term of each row."""
    text = PATH.read_text(encoding="utf-8") if text is None else text
    out = []
    for line in text.splitlines()[1:]:
        if not line.strip():
            continue
        terms, expansions, theme, rationale = line.split("\t")
        note = f"词表·{theme}：{rationale}"[:200]
        words = split_words(expansions)
        out.extend((term, words, note) for term in split_words(terms))
    return out
