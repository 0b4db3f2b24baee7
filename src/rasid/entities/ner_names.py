"""The person-name lexicon of the NER features.

``data/ner/names.tsv.gz`` (built by ``scripts/build_name_lexicon.py`` from
the name units of the MIT-licensed ``arabic-name-romanizer`` package) gives
for each normalised name word how often it was seen as a given name, a
surname or either, and how much of that in Arab countries. Many of these
words are also ordinary Arabic words (جمال، أمل، سعيد، نصر، عادل), so
:func:`name_parts` never says "is a name" alone: it gives the role, a
frequency band, and how common the word is in the news word list against
its name count and with the article (``الأمل`` is a word, ``المحمد`` is not),
so that the CRF learns how far to trust each kind of entry.
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from ..datafiles import headed_tsv
from ..text.tokens import word_counts

NAMES_HEADER = "#rasid-person-names"
DATA = resources.files("rasid.data").joinpath("ner")


class NameUnit(NamedTuple):
    """Counts of one name word by role, and the part seen in Arab countries."""

    given: int
    surname: int
    other: int
    arab: int

    @property
    def total(self) -> int:
        return self.given + self.surname + self.other


def read_names(path: Path) -> tuple[dict[str, NameUnit], dict[str, str]]:
    """Read a name lexicon: ``({unit: NameUnit}, header fields)``.

    The first line is ``#rasid-person-names`` and ``key=value`` fields; then
    ``unit<TAB>given<TAB>surname<TAB>other<TAB>arab``, one unit a line."""
    out: dict[str, NameUnit] = {}
    with headed_tsv(path, header=NAMES_HEADER, what="rasid name lexicon") as (meta, lines):
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 5 or not all(p.isdigit() for p in parts[1:]):
                raise ValueError(f"{path}: bad line {line!r}")
            out[parts[0]] = NameUnit(*(int(p) for p in parts[1:]))
    return out, meta


@lru_cache(maxsize=1)
def names() -> dict[str, NameUnit]:
    """The shipped name lexicon (normalised word -> :class:`NameUnit`)."""
    with resources.as_file(DATA.joinpath("names.tsv.gz")) as path:
        return read_names(path)[0]


def name_count(word: str) -> int:
    """How often ``word`` was seen as a name part (0 when the lexicon lacks it)."""
    u = names().get(word)
    return 0 if u is None else u.total


def role(u: NameUnit) -> str:
    """``G`` mostly a given name, ``S`` mostly a surname, ``B`` both, ``U``
    role unknown."""
    known = u.given + u.surname
    if not known:
        return "U"
    share = u.given / known
    return "G" if share >= 0.75 else "S" if share <= 0.25 else "B"


def _band(x: float, lo: int, hi: int) -> str:
    return str(max(lo, min(hi, math.floor(x))))


def lookup(stem: str, *, article: bool) -> tuple[NameUnit, bool] | None:
    """``(unit, by_bare)`` for a word's stem: the stem itself, else (when it
    carries the article) the stem without it (``by_bare``); ``None`` if neither."""
    table = names()
    u = table.get(stem)
    if u is not None:
        return u, False
    if article and stem.startswith("ال") and len(stem) > 4:
        u = table.get(stem[2:])
        if u is not None:
            return u, True
    return None


@lru_cache(maxsize=200_000)
def name_class(stem: str, article: bool) -> str:
    """The short class a word gives its neighbours: role, then ``o`` when the
    word is more an ordinary word than a name, ``a`` when found only without
    its article; ``""`` when it is no name word."""
    hit = lookup(stem, article=article)
    if hit is None:
        return ""
    u, by_bare = hit
    return role(u) + ("o" if _ordinary(stem, u) else "") + ("a" if by_bare else "")


def _ordinary(stem: str, u: NameUnit) -> bool:
    counts = word_counts()
    c = counts.get(stem, 0)
    if stem.startswith("ال"):
        return c >= 8 * (u.total + 1)
    a = counts.get("ال" + stem, 0)
    return c >= 8 * (u.total + 1) or (a >= 20 and 2 * a >= c)


def name_parts(stem: str, article: bool, *, form: str | None = None) -> list[tuple[str, str]]:
    """The name-lexicon features of a word (``(name, value)`` pairs):
    ``nr`` role (with ``a`` when found only without the article), ``nf``
    frequency band of the name count, ``nx`` Arab or foreign, ``nw`` how
    much more common the word is in the news than as a name, ``na`` how
    often the news puts the article on it, ``nrf`` role and coarse band,
    and ``nwp`` the same as ``nw`` for the whole ``form`` when it carries
    proclitics (``لصالح`` is a preposition more than «for Salih»)."""
    hit = lookup(stem, article=article)
    if hit is None:
        return []
    u, by_bare = hit
    r = role(u)
    total = u.total
    counts = word_counts()
    c = counts.get(stem, 0)
    f = math.log2(total)
    out = [("nr", r + ("a" if by_bare else "")), ("nf", _band(f, 1, 12)),
           ("nx", "A" if 2 * u.arab >= total else "F"),
           ("nw", _band(math.log2((c + 1) / (total + 1)), -4, 6)),
           ("nrf", r + str(min(int(f) // 3, 3)))]
    if not stem.startswith("ال"):
        a = counts.get("ال" + stem, 0)
        out.append(("na", _band(math.log2((a + 1) / (c + 1)), -5, 2)))
    if form and form != stem:
        fc = counts.get(form, 0)
        out.append(("nwp", _band(math.log2((fc + 1) / (total + 1)), -6, 4)))
    return out
