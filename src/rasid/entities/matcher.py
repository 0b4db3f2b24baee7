"""Words of the normalised text and phrase matching with attached proclitics.

The entities and events stages match phrases (actor names, triggers) over
``Document.norm``. :func:`words` cuts the normalised text into words with
their offsets; :func:`stem_variants` gives the readings of a word without its
attached proclitics (و ف ب ل ك and their combinations), keeping the article
ال inside the stem: ``والجيش`` -> ``الجيش``, ``لحفتر`` -> ``حفتر``. ``للجيش``
(ل + الجيش) has the *virtual* stem ``الجيش``: it is found, but no exact
span of the text spells it.

:class:`PhraseIndex` holds phrases as word tuples and finds, at a word, the
longest phrase that starts there (the first word may carry proclitics, the
others must match exactly; words of one phrase are separated only by spaces,
dots or dashes on one line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, Iterable, TypeVar

from ..text.normalise import normalise

WORD = re.compile(r"[^\W_]+")
# What may stand between two words of one name: spaces, dots, dashes.
_JOIN = re.compile(r"[ \t\u00a0.\-\u2013\u2014]*")

# Proclitic sequences, longest first. ال stays in the stem.
PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")

T = TypeVar("T")


@dataclass(slots=True, frozen=True)
class Word:
    """A word of the normalised text: ``norm[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(slots=True, frozen=True)
class Stem:
    """One reading of a word: ``offset`` characters of proclitics, then ``text``.

    ``virtual`` is set for ل + ال readings (``للجيش`` -> ``الجيش``), whose
    stem is not spelled by the text."""

    offset: int
    text: str
    prefix: str = ""
    virtual: bool = False


def words(norm: str) -> list[Word]:
    """The words (letters and digits) of a normalised text, in order.

    The list is computed once per text and shared by every caller (the
    entities, events and quotes stages all read it): do not modify it."""
    return _words(norm)


@lru_cache(maxsize=4)
def _words(norm: str) -> list[Word]:
    return [Word(m.start(), m.end(), m.group()) for m in WORD.finditer(norm)]


def joined(norm: str, a: Word, b: Word) -> bool:
    """Whether ``b`` directly follows ``a`` inside one name (no punctuation
    other than dots and dashes, no line break)."""
    gap = norm[a.end:b.start]
    return gap == " " or bool(_JOIN.fullmatch(gap))


def stem_variants(text: str, *, min_stem: int = 2,
                  prefixes: Iterable[str] = PROCLITICS) -> tuple[Stem, ...]:
    """Readings of ``text``: the whole word first, then each proclitic split.

    Memoised per distinct word (the same words are read by every phrase
    index and finder): the result is a shared tuple."""
    if not isinstance(prefixes, tuple):
        prefixes = tuple(prefixes)
    return _stem_variants(text, min_stem, prefixes)


@lru_cache(maxsize=1 << 18)
def _stem_variants(text: str, min_stem: int, prefixes: tuple[str, ...]) -> tuple[Stem, ...]:
    out = [Stem(0, text)]
    for p in prefixes:
        if not text.startswith(p):
            continue
        rest = text[len(p):]
        if len(rest) < min_stem:
            continue
        out.append(Stem(len(p), rest, p))
        if p.endswith("ل") and rest.startswith("ل") and not rest.startswith("ال"):
            out.append(Stem(len(p), "ا" + rest, p, virtual=True))
    return tuple(out)


@lru_cache(maxsize=1 << 18)
def stem_texts(text: str, *, virtual: bool = True) -> frozenset[str]:
    """The stems of :func:`stem_variants` (default proclitics) as a set;
    without the virtual ل + ال readings when ``virtual`` is false."""
    return frozenset(s.text for s in stem_variants(text) if virtual or not s.virtual)


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A phrase as a tuple of normalised words."""
    return tuple(WORD.findall(normalise(phrase)))


@dataclass(slots=True)
class Match(Generic[T]):
    """A phrase found at words ``[i, j)``; ``offset`` proclitic characters of
    word ``i`` are outside the phrase (``norm`` span ``[start, end)``)."""

    i: int
    j: int
    start: int
    end: int
    value: T
    prefix: str = ""
    virtual: bool = False


class PhraseIndex(Generic[T]):
    """Phrases (tuples of words) with a value each, matched longest first.

    The readings of a word that start some phrase are memoised per index
    (most words start none, and are then skipped with one dict lookup)."""

    _MEMO_MAX = 1 << 17

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        self._memo: dict[tuple[str, tuple[str, ...] | None], tuple] = {}
        self._last: tuple | None = None  # (ws, prefixes, starting words) of the last text

    def add(self, phrase: tuple[str, ...] | str, value: T) -> None:
        key = phrase_words(phrase) if isinstance(phrase, str) else phrase
        if not key:
            return
        bucket = self._by_first.setdefault(key[0], [])
        bucket.append((key, value))
        bucket.sort(key=lambda kv: -len(kv[0]))
        self._memo.clear()
        self._last = None

    def first_words(self) -> list[str]:
        """The first words of all phrases."""
        return list(self._by_first)

    def __contains__(self, phrase: str) -> bool:
        key = phrase_words(phrase)
        return any(k == key for k, _ in self._by_first.get(key[0] if key else "", ()))

    def _starts(self, text: str, prefixes: tuple[str, ...] | None) -> tuple:
        """``(reading, phrases)`` for each reading of ``text`` that starts a
        phrase (``prefixes`` None: the whole word only)."""
        memo_key = (text, prefixes)
        got = self._memo.get(memo_key)
        if got is None:
            variants = stem_variants(text, prefixes=prefixes) if prefixes is not None else (Stem(0, text),)
            got = tuple((st, bucket) for st in variants if (bucket := self._by_first.get(st.text)))
            if len(self._memo) >= self._MEMO_MAX:
                self._memo.clear()
            self._memo[memo_key] = got
        return got

    def starting_words(self, ws: list[Word], *, strip: bool = True,
                       prefixes: Iterable[str] = PROCLITICS) -> frozenset[int]:
        """Indexes of the words of ``ws`` where some phrase may start: at any
        other word :meth:`match_at` finds nothing (finders skip those words
        without calling it). Kept for the last word list asked about."""
        if not strip:
            prefixes = None
        elif type(prefixes) is not tuple:
            prefixes = tuple(prefixes)
        last = self._last
        if last is not None and last[0] is ws and last[1] == prefixes and last[2] == len(ws):
            return last[3]
        get = self._memo.get
        out = []
        for i, w in enumerate(ws):
            starts = get((w.text, prefixes))
            if starts is None:
                starts = self._starts(w.text, prefixes)
            if starts:
                out.append(i)
        got = frozenset(out)
        self._last = (ws, prefixes, len(ws), got)
        return got

    def match_at(self, norm: str, ws: list[Word], i: int, *, strip: bool = True,
                 prefixes: Iterable[str] = PROCLITICS) -> list[Match[T]]:
        """Every phrase that starts at word ``i``, longest first, fewer
        stripped characters first among equals."""
        if not strip:
            prefixes = None
        elif type(prefixes) is not tuple:
            prefixes = tuple(prefixes)
        text = ws[i].text
        starts = self._memo.get((text, prefixes))
        if starts is None:
            starts = self._starts(text, prefixes)
        if not starts:
            return []
        found: list[Match[T]] = []
        for st, bucket in starts:
            for key, value in bucket:
                n = len(key)
                if i + n > len(ws):
                    continue
                ok = True
                for k in range(1, n):
                    if ws[i + k].text != key[k] or not joined(norm, ws[i + k - 1], ws[i + k]):
                        ok = False
                        break
                if ok:
                    found.append(Match(i, i + n, ws[i].start + st.offset, ws[i + n - 1].end,
                                       value, st.prefix, st.virtual))
        found.sort(key=lambda m: (-(m.j - m.i), m.start - ws[i].start))
        return found

    def best_at(self, norm: str, ws: list[Word], i: int, **kw) -> Match[T] | None:
        got = self.match_at(norm, ws, i, **kw)
        return got[0] if got else None
