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

from ..text.memo import WordMemo
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


# A reading of a word as plain data: (proclitic characters, stem, proclitics,
# virtual). Readings are memoised per distinct word (see
# :class:`~rasid.text.memo.WordMemo`: plain tuples, cheap for the collector).
Reading = tuple[int, str, str, bool]

_READINGS: dict[tuple[int, tuple[str, ...]], WordMemo[str, tuple[Reading, ...]]] = {}
_DEFAULT_READINGS: WordMemo[str, tuple[Reading, ...]] = _READINGS.setdefault((2, PROCLITICS), WordMemo())
_TEXTS: dict[bool, WordMemo[str, tuple[str, ...]]] = {True: WordMemo(), False: WordMemo()}


def readings(text: str, *, min_stem: int = 2,
             prefixes: Iterable[str] = PROCLITICS) -> tuple[Reading, ...]:
    """The readings of :func:`stem_variants` as ``(offset, text, prefix,
    virtual)`` tuples, memoised per distinct word."""
    if prefixes is PROCLITICS and min_stem == 2:
        memo = _DEFAULT_READINGS
    else:
        if type(prefixes) is not tuple:
            prefixes = tuple(prefixes)
        memo = _READINGS.get((min_stem, prefixes))
        if memo is None:
            memo = _READINGS.setdefault((min_stem, prefixes), WordMemo())
    got = memo.lookup(text)
    if got is None:
        got = _read(text, min_stem, prefixes)
        memo.put(text, got)
    return got


def _read(text: str, min_stem: int, prefixes: tuple[str, ...]) -> tuple[Reading, ...]:
    out: list[Reading] = [(0, text, "", False)]
    for p in prefixes:
        if not text.startswith(p):
            continue
        rest = text[len(p):]
        if len(rest) < min_stem:
            continue
        out.append((len(p), rest, p, False))
        if p.endswith("ل") and rest.startswith("ل") and not rest.startswith("ال"):
            out.append((len(p), "ا" + rest, p, True))
    return tuple(out)


def stem_variants(text: str, *, min_stem: int = 2,
                  prefixes: Iterable[str] = PROCLITICS) -> tuple[Stem, ...]:
    """Readings of ``text``: the whole word first, then each proclitic split."""
    return tuple(Stem(*r) for r in readings(text, min_stem=min_stem, prefixes=prefixes))


def stem_texts(text: str, *, virtual: bool = True) -> tuple[str, ...]:
    """The stems of ``text`` (default proclitics, whole word first), without
    the virtual ل + ال readings when ``virtual`` is false. Memoised."""
    memo = _TEXTS[bool(virtual)]
    got = memo.lookup(text)
    if got is None:
        got = tuple(r[1] for r in readings(text) if virtual or not r[3])
        memo.put(text, got)
    return got


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
    and proclitic set (most words start none, and are then skipped with
    one dict lookup: see :meth:`starting_words`)."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        self._memos: dict[tuple[str, ...] | None, WordMemo[str, tuple[Reading, ...]]] = {}
        self._last: tuple | None = None  # (ws, prefixes, len, starting words) of the last text

    def add(self, phrase: tuple[str, ...] | str, value: T) -> None:
        key = phrase_words(phrase) if isinstance(phrase, str) else phrase
        if not key:
            return
        bucket = self._by_first.setdefault(key[0], [])
        bucket.append((key, value))
        bucket.sort(key=lambda kv: -len(kv[0]))
        self._memos.clear()
        self._last = None

    def first_words(self) -> list[str]:
        """The first words of all phrases."""
        return list(self._by_first)

    def __contains__(self, phrase: str) -> bool:
        key = phrase_words(phrase)
        return any(k == key for k, _ in self._by_first.get(key[0] if key else "", ()))

    def _memo(self, prefixes: tuple[str, ...] | None) -> WordMemo[str, tuple[Reading, ...]]:
        memo = self._memos.get(prefixes)
        if memo is None:
            memo = self._memos.setdefault(prefixes, WordMemo())
        return memo

    def _starts(self, text: str, prefixes: tuple[str, ...] | None,
                memo: WordMemo[str, tuple[Reading, ...]]) -> tuple[Reading, ...]:
        """The readings of ``text`` that start a phrase (``prefixes`` None:
        the whole word only)."""
        got = memo.lookup(text)
        if got is None:
            rows = readings(text, prefixes=prefixes) if prefixes is not None else ((0, text, "", False),)
            by_first = self._by_first
            got = tuple(r for r in rows if r[1] in by_first)
            memo.put(text, got)
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
        memo = self._memo(prefixes)
        fixed, recent = memo.fixed, memo.recent
        out = []
        for i, w in enumerate(ws):
            text = w.text
            starts = fixed.get(text)
            if starts is None:
                starts = recent.get(text)
                if starts is None:
                    starts = self._starts(text, prefixes, memo)
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
        starts = self._starts(ws[i].text, prefixes, self._memo(prefixes))
        if not starts:
            return []
        found: list[Match[T]] = []
        for offset, stem, prefix, virtual in starts:
            for key, value in self._by_first[stem]:
                n = len(key)
                if i + n > len(ws):
                    continue
                ok = True
                for k in range(1, n):
                    if ws[i + k].text != key[k] or not joined(norm, ws[i + k - 1], ws[i + k]):
                        ok = False
                        break
                if ok:
                    found.append(Match(i, i + n, ws[i].start + offset, ws[i + n - 1].end,
                                       value, prefix, virtual))
        found.sort(key=lambda m: (-(m.j - m.i), m.start - ws[i].start))
        return found

    def best_at(self, norm: str, ws: list[Word], i: int, **kw) -> Match[T] | None:
        got = self.match_at(norm, ws, i, **kw)
        return got[0] if got else None
