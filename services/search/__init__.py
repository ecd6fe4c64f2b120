"""Search for matters in everyday Chinese words.

Interface used by the API and the pages (kept stable while the internals grow):
- `search(queryset, q)`: the matters matching `q`, most relevant first.
- `highlight_terms(q)`: the words to highlight in the results.
- `pinyin_fields(text)`: (full pinyin, initials) stored on each matter for pinyin search.

PLACEHOLDER: the first version matches the name only; services/search/ replaces it.
"""

from .pinyin import pinyin_fields

__all__ = ["search", "highlight_terms", "pinyin_fields"]


def search(queryset, q):
    q = (q or "").strip()
    if not q:
        return queryset.none()
    # Name contains the query; real ranking replaces this.
    return queryset.filter(name__icontains=q)


def highlight_terms(q):
    q = (q or "").strip()
    return [q] if q else []
