"""A memo of per-word values that stays cheap for the garbage collector.

Several stages read the same words again and again (clitic readings, the
phrases a word may start). Remembering those per distinct word saves most of
the work, but a table that keeps growing makes every full garbage collection
walk it. :class:`WordMemo` keeps a *fixed* table, filled with the first
``fixed_max`` words seen (in a corpus, mostly the frequent ones) and never
changed after that, and a *recent* table for the other words: when it is
full it becomes the *older* table (the one before is dropped), and a word
found there moves back to the recent one, so words in steady use stay. Store only tuples of strings, numbers and booleans (or such
tuples): the collector then stops tracking them, and the fixed table too once
it is full, so a long run pays nothing for it.
"""

from __future__ import annotations

from typing import Callable, Generic, Hashable, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class WordMemo(Generic[K, V]):
    """``memo.get(key, compute)``: the remembered value, computed once."""

    __slots__ = ("fixed", "recent", "older", "fixed_max", "recent_max")

    def __init__(self, *, fixed_max: int = 1 << 14, recent_max: int = 1 << 12) -> None:
        self.fixed: dict[K, V] = {}
        self.recent: dict[K, V] = {}
        self.older: dict[K, V] = {}
        self.fixed_max = fixed_max
        self.recent_max = recent_max

    def get(self, key: K, compute: Callable[[K], V]) -> V:
        got = self.lookup(key)
        if got is None:
            got = compute(key)
            self.put(key, got)
        return got

    def lookup(self, key: K) -> V | None:
        """The remembered value, or None."""
        got = self.fixed.get(key)
        if got is None:
            got = self.recent.get(key)
            if got is None:
                got = self.older.get(key)
                if got is not None:
                    self.put(key, got)
        return got

    def put(self, key: K, value: V) -> None:
        if len(self.fixed) < self.fixed_max:
            self.fixed[key] = value
        else:
            if len(self.recent) >= self.recent_max:
                self.older = self.recent
                self.recent = {}
            self.recent[key] = value

    def clear(self) -> None:
        self.fixed.clear()
        self.recent.clear()
        self.older.clear()

    def __len__(self) -> int:
        return len(self.fixed) + len(self.recent) + len(self.older)
