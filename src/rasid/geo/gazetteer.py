"""The shipped gazetteer: normalised Arabic name -> candidate places.

The index is built by :mod:`rasid.geo.build` (``scripts/build_gazetteer.py``)
and loaded lazily, once per process, by :func:`gazetteer`. Names are in the
form :func:`rasid.text.normalise.normalise` gives (with white space collapsed).
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .build import FORMAT, INDEX_NAME, data_path

# Feature codes read as a country, a first-level region or a larger area.
AREA_FEATURES = frozenset({"PCLI", "ADM1", "RGN", "ADMD"})

DISTRICT_FEATURES = frozenset({"ADM2", "ADM3"})


@dataclass(slots=True, frozen=True)
class Candidate:
    """One place a name may refer to."""

    key: int  # row in the index
    geonames_id: int | None
    name: str
    country: str
    admin1: str | None
    lat: float
    lon: float
    feature: str
    population: int
    source: str

    @property
    def is_country(self) -> bool:
        return self.feature == "PCLI"

    @property
    def curated(self) -> bool:
        return self.source != "geonames"

    def precision(self) -> int:
        """ACLED geo-precision of a mention resolved to this place alone."""
        if self.feature in AREA_FEATURES:
            return 3
        if self.feature in DISTRICT_FEATURES:
            return 2
        return 1


class Gazetteer:
    """Lookup from normalised names to :class:`Candidate` tuples."""

    __slots__ = ("records", "names", "guarded", "max_words", "_lengths")

    def __init__(self, records: list[Candidate], names: dict[str, tuple[int, ...]],
                 guarded: dict[str, frozenset[int]] | None = None):
        self.records = records
        self.names = names
        self.guarded = guarded or {}
        self.max_words = max((k.count(" ") + 1 for k in names), default=1)
        lengths: dict[str, set[int]] = {}
        for k in names:
            parts = k.split(" ")
            lengths.setdefault(parts[0], set()).add(len(parts))
        self._lengths = {w: tuple(sorted(ns, reverse=True)) for w, ns in lengths.items()}

    def lengths(self, first: str) -> tuple[int, ...]:
        """How many words the names starting with word ``first`` have, longest
        first (empty when no name starts with it)."""
        return self._lengths.get(first, ())

    def __len__(self) -> int:
        return len(self.names)

    def __contains__(self, name: str) -> bool:
        return name in self.names

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Candidates for a normalised name (empty when unknown)."""
        return tuple(self.records[i] for i in self.names.get(name, ()))

    def unguarded(self, name: str, cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
        """``cands`` without those that ``name`` names only after a generic
        word («محافظة الشرقية», not «الشرقية» alone)."""
        g = self.guarded.get(name)
        return tuple(c for c in cands if c.key not in g) if g else cands

    @classmethod
    def load(cls, path: Path) -> "Gazetteer":
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        if data.get("format") != FORMAT:
            raise ValueError(f"{path}: not a {FORMAT} index")
        records = [Candidate(i, *row) for i, row in enumerate(data["records"])]
        names = {k: tuple(v) for k, v in data["names"].items()}
        guarded = {k: frozenset(v) for k, v in data.get("guarded", {}).items()}
        return cls(records, names, guarded)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    return Gazetteer.load(data_path(INDEX_NAME))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))
