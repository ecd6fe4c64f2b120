"""The prebuilt in-memory search index, one per process and database, rebuilt when data changes.

Why in memory rather than in the database: the queries residents type are mostly 2-character
words (社保, 婚姻, 低保) and their synonym expansions, so one search is 5-20 substring tests
against name and keywords. `LIKE '%社保%'` scans every row on SQLite and PostgreSQL alike, and
pg_trgm's GIN index does not help patterns under 3 characters (nor SQLite at all), so the
database would walk all 117,200 matters several times per request at 100×. Pinyin, homophone
and dictionary look-ups are Python work anyway. An inverted index of characters and character
pairs → matter ids answers each word by reading one posting list (the rarest pair), so a
search costs in proportion to the matters it finds, not the catalogue's size. It holds only
names, keywords and pinyin (about 85 MB at 100×), is built once per process in one query
(before the server's workers fork, see erqi/gunicorn.conf.py) and rebuilt when the search
generation moves: a write that changes a matter's name or keywords or a synonym bumps it
(services/actions.generation_bump); a 核实 stamp or an hours change does not.
Rows the index still lists after a delete do no harm: results are fetched from the database.
"""

import functools
import logging
import os
import re
import threading
import time
from array import array
from bisect import bisect_left
from itertools import chain

from ..caching import tokens
from . import general
from .expand import split_words, synonym_table
from .fuzzy import masks
from .normalise import compact, normalise
from .pinyin import pinyin_fields, word_pinyin

logger = logging.getLogger(__name__)
_BRACKETS = re.compile(r"[（(【\[〔]([^）)】\]〕]*)[）)】\]〕]")

# Handling variants of a matter (注销, 变更 …) and services around it (预约, 咨询): a resident
# who does not say these words wants the main matter first.
VARIANT_WORDS = ("变更", "注销", "延续", "迁移", "撤销", "挂失", "更正", "暂停", "恢复", "终止", "退出", "退费", "作废", "校验", "预约", "咨询")  # fmt: skip
PREFIX_LIMIT = 2000  # matters a pinyin prefix may stand for; beyond, the exact word only


def name_text(name):
    """Index form of a name: bracketed qualifiers moved to the end, so 食品经营许可 is found in
    食品（含保健食品）经营许可核发."""
    main = compact(normalise(_BRACKETS.sub(" ", name)))
    extras = [compact(normalise(part)) for part in _BRACKETS.findall(name)]
    return " ".join([main, *[e for e in extras if e]])


def grams(text):
    """Characters and character pairs of `text`, never across a space."""
    out = set(text.replace(" ", ""))
    out.update(text[i : i + 2] for i in range(len(text) - 1) if " " not in text[i : i + 2])
    return out


def _containing(postings, texts, term):
    """Ids whose text contains `term`: the rarest posting list of its pairs, then checked."""
    keys = {term} if len(term) == 1 else {term[i : i + 2] for i in range(len(term) - 1)}
    lists = []
    for key in keys:
        found = postings.get(key)
        if not found:
            return ()
        lists.append(found)
    rarest = min(lists, key=len)
    if len(term) <= 2:
        return rarest
    return [i for i in rarest if term in texts[i]]


class Index:
    """Names, keywords and pinyin of every matter, and the search dictionary (lexicon)."""

    def __init__(self, matters, synonyms, typecode="I", clues=()):
        # Posting lists are arrays of 4-byte ids ("I"); build() retries with 8 bytes if needed.
        ids = functools.partial(array, typecode)
        self.synonyms = synonym_table(synonyms)
        self.name = {}  # pk → index form of the name
        # pk → the tie-break within one score, as SQL orders it (Length("name"), then "code"):
        # the raw name's length, then the matter's place in code order (build() reads the
        # matters by code), in one int.
        self.length = {}
        self.variant_pks = {w: set() for w in VARIANT_WORDS}  # variant word → pks named with it
        name_postings = {}
        self.by_name = by_name = {}  # index form of a name → pk(s): `named` in one look-up
        # Keywords: many matters share the same keyword text (a matter and its variants), so
        # texts are indexed once and map to the matters that carry them.
        self.kw_text = []  # group → keyword text, tokens separated by spaces
        self.kw_members = []  # group → pks
        kw_groups = {}
        self.kw_token = {}  # keyword token → pks
        pinyin_words = []  # (pinyin word, pk): two sorted parallel lists, searched by bisect
        lexicon_names = {}  # name's main part → the first matter so named (for typeahead)
        departments = {}  # department's short name and kind → pks
        for order, (pk, name, keywords, full, initials, *department) in enumerate(matters):
            if department:
                departments.setdefault(" ".join(filter(None, department)), ids()).append(pk)
            text = name_text(name)
            self.name[pk] = text
            same = by_name.get(text)  # one pk, or a tuple when several matters share the name
            by_name[text] = (
                pk if same is None else (*(same if type(same) is tuple else (same,)), pk)
            )
            self.length[pk] = len(name) << 32 | order
            lexicon_names.setdefault(text.split(" ")[0], pk)
            for word in VARIANT_WORDS:
                if word in text:
                    self.variant_pks[word].add(pk)
            for gram in grams(text):
                name_postings.setdefault(gram, ids()).append(pk)
            tokens = split_words(keywords)
            kw = " ".join(tokens)
            if kw:
                group = kw_groups.get(kw)
                if group is None:
                    group = kw_groups[kw] = len(self.kw_text)
                    self.kw_text.append(kw)
                    self.kw_members.append(ids())
                self.kw_members[group].append(pk)
                for token in tokens:
                    self.kw_token.setdefault(token, ids()).append(pk)
            if not full and not initials:
                full, initials = pinyin_fields(name, keywords)
            pinyin_words.extend((word, pk) for word in (full + " " + initials).split())
        self.name_postings = name_postings
        self.departments = departments
        self.kw_postings = {}
        for group, kw in enumerate(self.kw_text):
            for gram in grams(kw):
                self.kw_postings.setdefault(gram, ids()).append(group)
        pinyin_words.sort()
        self.pinyin_sorted = [word for word, _ in pinyin_words]
        self.pinyin_pks = ids(pk for _, pk in pinyin_words)
        self._build_lexicon(set(lexicon_names), clues)
        self.name_keys = sorted(lexicon_names)
        self.name_pks = ids(lexicon_names[name] for name in self.name_keys)

    def _build_lexicon(self, names, clues=()):
        """The segmenter's dictionary, and pinyin and one-character-off keys for its words and
        for the life-situation `clues` (services/search/life.py: 去逝, qushi → 去世)."""
        vocabulary = set(self.kw_token) | set(self.synonyms)
        for expansions in self.synonyms.values():
            vocabulary.update(expansions)
        vocabulary = {w for w in vocabulary if len(w) >= 2}
        self.words = frozenset(vocabulary | {n for n in names if len(n) >= 2})
        self.longest = max((len(w) for w in self.words), default=1)
        # Pinyin reaches any word of a name too (huzhao → 护照 in 普通护照签发), cut with the
        # general dictionary: the vocabulary's own words first, then the names' words.
        spoken = set()
        for name in names:
            spoken.update(w for w in general.words(name, vocabulary) if 2 <= len(w) <= 6)
        self.by_full, self.by_initials, self.by_mask = {}, {}, {}
        self.word_list = sorted(w for w in vocabulary if not w.isascii())  # typeahead words
        clues = {w for w in clues if len(w) >= 2} - vocabulary
        for word in sorted(vocabulary) + sorted(spoken - vocabulary) + sorted(clues - spoken):
            full, initials = word_pinyin(word)
            if full and not word.isascii():
                self.by_full.setdefault(full, []).append(word)
                self.by_initials.setdefault(initials, []).append(word)
            if len(word) >= 3 and (word in vocabulary or word in clues):
                for key in masks(word):
                    self.by_mask.setdefault(key, []).append(word)
        # Typeahead on letters: the vocabulary's words by the start of their pinyin or initials.
        keyed = sorted(
            (key, word) for word in self.word_list for key in set(word_pinyin(word)) if key
        )
        self.spoken_keys = [key for key, _ in keyed]
        self.spoken_words = [word for _, word in keyed]

    # Look-ups: each returns matter pks -------------------------------------------------------

    def in_names(self, term):
        return _containing(self.name_postings, self.name, term)

    def in_keywords(self, term):
        groups = _containing(self.kw_postings, self.kw_text, term)
        return chain.from_iterable(map(self.kw_members.__getitem__, groups))

    def in_department(self, term):
        """Matters of a department whose short name or kind contains `term` (医保 → 区医保局)."""
        found = [pks for text, pks in self.departments.items() if term in text]
        return chain.from_iterable(found)

    def keyword_is(self, term):
        return self.kw_token.get(term, ())

    def named(self, text):
        """Matters whose name is `text` (normalised), checked on the name's index form."""
        key = name_text(text)
        found = self.by_name.get(key, ()) if key else ()
        return found if type(found) is tuple else (found,)

    def pinyin_prefix(self, latin):
        """Matters with a name or keyword whose pinyin or initials start with `latin`."""
        words = self.pinyin_sorted
        start = bisect_left(words, latin)
        stop = bisect_left(words, latin + "{")  # "{" sorts just after "z"
        if stop - start > PREFIX_LIMIT:  # too short to mean anything: that exact word only
            stop = bisect_left(words, latin + " ", start, stop)
        return self.pinyin_pks[start:stop]

    def known(self, term):
        """Does `term` occur anywhere in a name or keywords?"""
        return bool(self.in_names(term)) or any(True for _ in self.in_keywords(term))


# What the index reads, by model (None: every field): a write to these moves the search
# generation (services.actions.generation_kind); any other write leaves the index as it is.
READS = {
    "services.matter": {"name", "keywords", "search_pinyin", "search_initials", "department"},
    "services.department": {"short_name", "kind"},
    "services.synonym": None,
    # Life events are matched from a life situation on the search page: the fields their clues
    # read (services/search/life.py, build), and which are listed (published) and in what order.
    "services.lifeevent": {"code", "name", "audience", "keywords", "position", "published"},
    "services.lifeeventmatter": {"event", "matter"},
}


# The per-process cache ----------------------------------------------------------------------

_lock = threading.Lock()
_held = {}  # database alias → (search generation, Index)


def build(alias="default"):
    from ..models import Matter, Synonym

    matters = (
        Matter.objects.using(alias)
        .order_by("code")  # the tie-break's order (Index.length)
        .values_list(
            "pk",
            "name",
            "keywords",
            "search_pinyin",
            "search_initials",
            "department__short_name",
            "department__kind",
        )
    )
    synonyms = Synonym.objects.using(alias).order_by().values_list("term", "expansions")
    from .life import clue_words

    clues = clue_words()
    try:
        return Index(matters.iterator(chunk_size=5000), list(synonyms), clues=clues)
    except OverflowError:  # an id beyond 2**32: 8-byte posting lists
        return Index(matters.iterator(chunk_size=5000), list(synonyms), "q", clues)


def current_index(alias="default"):
    """The index for database `alias`, rebuilt first if the search generation moved.

    The generation is read before the rows: data committed in between is newer than the
    number it is held under, so the next request rebuilds rather than keeping stale rows.
    """
    generation = tokens(alias)["search"]
    held = _held.get(alias)
    if held and held[0] >= generation:  # numbers only grow: a newer index is as good
        return held[1]
    with _lock:
        held = _held.get(alias)
        if not (held and held[0] >= generation):
            started = time.monotonic()
            held = _held[alias] = (generation, build(alias))
            took = time.monotonic() - started
            logger.info("search index built in %.2f s, generation %s, process %s", took, generation, os.getpid())  # fmt: skip
        return held[1]


def last_index(alias="default"):
    """The index as last checked, without a query: enough for highlighting, which follows a
    search in the same request."""
    held = _held.get(alias)
    return held[1] if held else current_index(alias)


def forget():
    """Drop the indexes held: for tests, whose databases go back to an earlier generation."""
    _held.clear()
