"""Step 5: tolerate one wrong character, a homophone first (居住正 → 居住证).

Only words that match nothing are corrected, and only into words of the search dictionary:
a word with the same toneless pinyin, or else a word of the same length (3+ characters) that
differs in one character. The dictionary is small, so both are dictionary look-ups.
"""

from .pinyin import word_pinyin


def masks(word):
    """'居住证' → ['?住证', '居?证', '居住?']: keys for one-character differences."""
    return [word[:i] + "?" + word[i + 1 :] for i in range(len(word))]


def corrections(word, by_pinyin, by_mask):
    """Dictionary words `word` was probably meant to be, best guesses first."""
    if len(word) < 2 or word.isascii():
        return []
    full, _ = word_pinyin(word)
    same_sound = [w for w in by_pinyin.get(full, ()) if w != word and len(w) == len(word)]
    if same_sound:
        return same_sound
    if len(word) < 3:
        return []
    found = []
    for key in masks(word):
        found.extend(w for w in by_mask.get(key, ()) if w != word and w not in found)
    return found
