"""Choose one place for each mention and give it an ACLED geo-precision.

Candidates for a name are scored on:

- what the place is: countries over capitals and regions over curated places
  over other towns, and population (log scale);
- the document's focus: the share of mentions whose country is beyond doubt
  (countries, and names whose candidates all lie in one country);
- a nisba after the name naming a country (``طرابلس اللبنانية``);
- nearness to the places of the document that are beyond doubt;
- a generic word that asks for a province (``محافظة``, ``ولاية``).

Every mention of the same name in a document resolves to the same place.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from .gazetteer import Candidate, distance_km
from .matcher import PlaceMention

FEATURE_PRIOR = {"PCLI": 8.0, "PPLC": 3.0, "ADM1": 3.0}
CURATED_PRIOR = 3.0
FOCUS_WEIGHT = 5.0
NISBA_WEIGHT = 8.0
NEAR_KM = 250.0


@dataclass(slots=True)
class Resolved:
    mention: PlaceMention
    place: Candidate
    precision: int


def _country_of(cands: tuple[Candidate, ...]) -> str | None:
    countries = {c.country for c in cands}
    return next(iter(countries)) if len(countries) == 1 else None


def focus_counts(mentions: list[PlaceMention]) -> Counter:
    """Mentions per country, over the mentions whose country is beyond doubt."""
    counts: Counter = Counter()
    for m in mentions:
        cc = _country_of(m.candidates) or m.nisba_country
        if cc:
            counts[cc] += 1
    return counts


def prior(c: Candidate) -> float:
    """How likely a bare mention of a name means this candidate."""
    base = FEATURE_PRIOR.get(c.feature, CURATED_PRIOR if c.curated else 0.0)
    return base + math.log10(c.population + 10)


def resolve(mentions: list[PlaceMention]) -> list[Resolved]:
    """One :class:`Resolved` per mention, in order."""
    counts = focus_counts(mentions)
    total = sum(counts.values()) or 1
    anchors = [m.candidates[0] for m in mentions
               if len(m.candidates) == 1 and not m.candidates[0].is_country]
    by_key: dict[str, list[PlaceMention]] = {}
    for m in mentions:
        by_key.setdefault(m.key, []).append(m)
    chosen: dict[str, Candidate] = {}
    for key, ms in by_key.items():
        cands = ms[0].candidates
        if len(cands) == 1:
            chosen[key] = cands[0]
            continue
        nisba = {m.nisba_country for m in ms if m.nisba_country}
        wants_area = any((m.generic_precision or 0) >= 3 for m in ms)
        others = [a for a in anchors if a.key not in {c.key for c in cands}]

        def score(c: Candidate) -> float:
            s = prior(c) + FOCUS_WEIGHT * counts.get(c.country, 0) / total
            if c.country in nisba:
                s += NISBA_WEIGHT
            if wants_area and c.feature in ("ADM1", "RGN"):
                s += 2.0
            if others and not c.is_country:
                d = min(distance_km(c.lat, c.lon, a.lat, a.lon) for a in others)
                s += 2.0 if d < NEAR_KM else 0.0
            return s

        chosen[key] = max(cands, key=lambda c: (score(c), -c.key))
    return [Resolved(m, chosen[m.key], mention_precision(m, chosen[m.key])) for m in mentions]


def mention_precision(m: PlaceMention, c: Candidate) -> int:
    """ACLED geo-precision: 1 town/point, 2 district or near, 3 province/country."""
    p = c.precision()
    if c.is_country:
        return 3
    if m.generic_precision and m.generic_precision > 1:
        p = max(p, m.generic_precision)
    if m.near:
        p = max(p, 2)
    return p
