"""Life events (一件事) found from a life situation: 孩子出生了, 老人走了要办什么手续, 想开个小饭馆.

A resident describes what happened, not a matter. Each life event has clues, as data:
- its words in `data/life_events/<event>.tsv` (situation words, the people it concerns, its
  steps' everyday names), each with a weight: 1 says the situation alone (生孩子, 退伍), 0.5–0.7
  with one more clue (老人 + 走了, 公司 + 注销), 0.3 a step or a person (two or three together);
- the event's own name (新生儿出生一件事 → 新生儿出生) and the keywords staff give it: 1;
- the names of the matters it bundles: 0.3 (a step).
Words asking for everything to do (要办哪些手续, `_intent.tsv`) add 0.3 to an event that already
has a clue. An event is about the query when its clues add up to 1; most relevant first.

The query is read as the matter search reads it, so pinyin (haizi chusheng) and typos (去逝)
count too: its Chinese text as typed, plus the words its pinyin and corrections stand for
(`query.understand`; the clue words are in the index's pinyin and correction keys). The text is
cut by the longest clue at each place, whichever event it belongs to: in 户口注销 the clue is
户口注销 (a step of 身后一件事), not 注销 (企业注销一件事), and 出生医学证明 is one matter, not
出生; so a query about one matter (补办身份证, 出生医学证明) stays below 1: no life event.
"""

import re
import threading
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from .expand import split_words
from .index import current_index
from .normalise import compact, normalise
from .pinyin import char_pinyin, word_pinyin
from .query import FUZZY, PINYIN, understand

DATA = files("services.search") / "data" / "life_events"
SHOWN = 10  # an event is about the query from 1.0 (weights in tenths)
INTENT_FILE = "_intent.tsv"
NAME_WEIGHT, KEYWORD_WEIGHT, STEP_WEIGHT = 10, 10, 3
_ASPECT = re.compile("(?<=[\u4e00-\u9fff])[了完过](?=[\u4e00-\u9fff])")


def _tenths(text):
    return round(float(text) * 10)


def _read(path):
    """({word: weight in tenths}, event name or None) of one data file."""
    event, words = None, {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#event\t"):
            event = line.split("\t")[1].strip()
            continue
        parts = line.split("\t")
        if len(parts) < 3 or parts[0] == "words":
            continue
        for word in split_words(parts[0]):
            words[word] = max(words.get(word, 0), _tenths(parts[1]))
    return words, event


@cache
def vocabulary():
    """({event name: {word: weight}}, {intent word: weight}) from the data files."""
    events, intent = {}, {}
    for path in sorted(DATA.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".tsv"):
            continue
        words, event = _read(path)
        if path.name == INTENT_FILE:
            intent = words
        elif event:
            events[normalise(event)] = words
    return events, intent


def clue_words():
    """Every clue word of the data files: the index gives them pinyin and correction keys."""
    events, _ = vocabulary()
    return {word for words in events.values() for word in words}


@dataclass(frozen=True)
class Event:
    pk: int
    code: str
    name: str
    audience: str
    order: int

    @property
    def url(self):
        from django.urls import NoReverseMatch, reverse

        try:
            return reverse("services:life_event", args=[self.code])
        except NoReverseMatch:  # the life-event page not installed: its documented address
            return f"/life-events/{self.code}/"


@dataclass
class Clues:
    events: dict  # pk → Event
    words: dict = field(default_factory=dict)  # word → {event pk: weight}
    intent: dict = field(default_factory=dict)  # word → weight
    longest: int = 1
    by_sound: dict = field(default_factory=dict)  # toneless pinyin → clue word (homophones)

    def add(self, word, pk, weight):
        word = compact(normalise(word))
        if len(word) < 2:
            return
        weights = self.words.setdefault(word, {})
        weights[pk] = max(weights.get(pk, 0), weight)
        self.longest = max(self.longest, len(word))


def build(alias="default"):
    """The clues of every published life event (one query for events, one for their steps)."""
    from ..models import LifeEvent, LifeEventMatter

    published = LifeEvent.objects.using(alias).public().order_by("audience", "position", "code")
    rows = published.values_list("pk", "code", "name", "audience", "keywords")
    data, intent = vocabulary()
    clues = Clues(events={})
    for order, (pk, code, name, audience, keywords) in enumerate(rows):
        clues.events[pk] = Event(pk, code, name, audience, order)
        clues.add(name.removesuffix("一件事"), pk, NAME_WEIGHT)
        for word in split_words(keywords):
            clues.add(word, pk, KEYWORD_WEIGHT)
        for word, weight in data.get(normalise(name), {}).items():
            clues.add(word, pk, weight)
    steps = LifeEventMatter.objects.using(alias).filter(
        event__in=list(clues.events), matter__isnull=False
    )
    for pk, matter_name in steps.values_list("event_id", "matter__name"):
        clues.add(matter_name.split("（")[0], pk, STEP_WEIGHT)
    for word, weight in intent.items():
        clues.intent[compact(normalise(word))] = weight
        clues.longest = max(clues.longest, len(word))
    for word in sorted(clues.words, key=lambda w: (-max(clues.words[w].values()), w)):
        clues.by_sound.setdefault(word_pinyin(word)[0], word)
    return clues


_lock = threading.Lock()
_held = {}  # alias → (the search index it was built with, Clues)


def current_clues(alias="default"):
    """The clues for database `alias`, rebuilt with the search index (life events and their
    steps move the search generation)."""
    index = current_index(alias)
    held = _held.get(alias)
    if held and held[0] is index:
        return index, held[1]
    with _lock:
        held = _held.get(alias)
        if not (held and held[0] is index):
            held = _held[alias] = (index, build(alias))
        return index, held[1]


def _cut(text, clues, sounds=None):
    """The clue and intent words of `text`, the longest at each place, left to right; then,
    only over characters no written clue covers, clues that sound the same (`sounds`: each
    character's pinyin), as the matter search corrects 居住正 to 居住证: 去逝 → 去世. A clue
    right after a negation (不注销, 不想结婚) is not what the resident wants: left out."""
    found, free, i = [], [], 0
    while i < len(text):
        longest = range(min(clues.longest, len(text) - i), 1, -1)
        size = next((n for n in longest if text[i : i + n] in clues.words), 0)
        size = size or next((n for n in longest if text[i : i + n] in clues.intent), 0)
        if size:
            if not _negated(text, i):
                found.append(text[i : i + size])
            i += size
        else:
            free.append(i)
            i += 1
    if sounds:
        free, i = set(free), 0
        while i < len(text):
            longest = range(min(clues.longest, len(text) - i), 1, -1)
            fits = (n for n in longest if all(j in free for j in range(i, i + n)))
            size = next((n for n in fits if "".join(sounds[i : i + n]) in clues.by_sound), 0)
            if size and not _negated(text, i):
                found.append(clues.by_sound["".join(sounds[i : i + size])])
            i += size or 1
    return found


NEGATIONS = ("不想", "不要", "不用", "不需要", "没有", "不", "别", "没")


def _negated(text, i):
    return any(text[max(0, i - len(n)) : i] == n for n in NEGATIONS)


def match(q, *, using="default"):
    """[(Event, score)] of the life events the query is about, most relevant first."""
    typed = compact(normalise((q or "")[:200]))
    if not typed:
        return []
    index, clues = current_clues(using)
    if not clues.events:
        return []
    words = _cut(typed, clues, char_pinyin(typed) if not typed.isascii() else None)
    plain = _ASPECT.sub("", typed)  # 结完婚, 退了休, 生过孩子: the word without its particle
    if plain != typed:
        words += _cut(plain, clues)
    query = understand(q, index)
    for term in query.terms if query else ():
        for text, _, via in term.alternatives:
            # Letters count when they are the word's full pinyin (jiehun), not its initials
            # (jh could be a dozen words).
            spelt = via == PINYIN and word_pinyin(text)[0] == term.word
            if (spelt or via == FUZZY) and not text.isascii():
                words.extend(_cut(text, clues))
    scores, asked = {}, 0
    for word in dict.fromkeys(words):
        asked = max(asked, clues.intent.get(word, 0))
        for pk, weight in clues.words.get(word, {}).items():
            scores[pk] = scores.get(pk, 0) + weight
    ranked = [
        (clues.events[pk], score + asked) for pk, score in scores.items() if score + asked >= SHOWN
    ]
    ranked.sort(key=lambda pair: (-pair[1], pair[0].order))
    return ranked


def named(prefix, *, using="default"):
    """Life events whose name starts with, or contains, what is typed (typeahead)."""
    text = compact(normalise(prefix or ""))
    if not text:
        return []
    _, clues = current_clues(using)
    events = sorted(clues.events.values(), key=lambda e: e.order)
    return [e for e in events if e.name.startswith(text)] + [
        e for e in events if text in e.name and not e.name.startswith(text)
    ]


def life_events(q, *, using="default"):
    """The life events the query is about, most relevant first: [Event] (code, name, audience)."""
    return [event for event, _ in match(q, using=using)]


def search(queryset, q):
    """`queryset` (of LifeEvent) restricted to the events `q` is about, most relevant first."""
    from django.db.models import Case, IntegerField, Value, When

    found = [event.pk for event in life_events(q, using=queryset.db)]
    if not found:
        return queryset.none()
    order = Case(
        *(When(pk=pk, then=Value(i)) for i, pk in enumerate(found)),
        output_field=IntegerField(),
    )
    return queryset.filter(pk__in=found).order_by(order)
