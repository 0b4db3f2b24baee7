"""Choose one place for each mention and give it an ACLED geo-precision.

Candidates for a name are scored on:

- what the place is: countries over capitals and regions over curated places
  over other towns, and population (log scale);
- the document's focus: the share of mentions whose country is beyond doubt
  (countries, and names whose candidates all lie in one country);
- a nisba after the name naming a country (``طرابلس اللبنانية``);
- nearness to the places of the document that are beyond doubt;
- a generic word that asks for a province (``محافظة``, ``ولاية``): the
  region (ADM1) then wins over the town of the same name, which wins
  otherwise;
- the place the text puts it in (``الروضة بمدينة تعز``, ``زنجبار بمحافظة
  أبين``; :mod:`rasid.geo.infer`): candidates inside it win, and when none is
  (a quarter the gazetteer lacks) the mention takes the container's point.

Every mention of the same name in a document resolves to the same place
(a name after a province word apart from the bare name).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from .gazetteer import Candidate, distance_km, gazetteer
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
    """One :class:`Resolved` per mention, in order (an «العاصمة» whose
    country is not clear is left out)."""
    named = [m for m in mentions if m.candidates]
    counts = focus_counts(named)
    total = sum(counts.values()) or 1
    anchors = [m.candidates[0] for m in named
               if len(m.candidates) == 1 and not m.candidates[0].is_country]
    by_key: dict[tuple[str, bool], list[PlaceMention]] = {}
    for m in named:
        by_key.setdefault(_group(m), []).append(m)

    def score(c: Candidate, ms: list[PlaceMention], cands: tuple[Candidate, ...], chosen: dict) -> float:
        nisba = {m.nisba_country for m in ms if m.nisba_country}
        wants_area = any((m.generic_precision or 0) >= 3 for m in ms)
        s = prior(c) + FOCUS_WEIGHT * counts.get(c.country, 0) / total
        if c.country in nisba:
            s += NISBA_WEIGHT
        if c.feature == "ADM1":
            s += AREA_WEIGHT if wants_area else -AREA_WEIGHT / 2
        elif wants_area and c.feature == "RGN":
            s += 2.0
        keys = {x.key for x in cands}
        others = [a for a in anchors if a.key not in keys]
        if others and not c.is_country:
            d = min(distance_km(c.lat, c.lon, a.lat, a.lon) for a in others)
            s += 2.0 if d < NEAR_KM else 0.0
        for m in ms:
            k = chosen.get(_group(m.container)) if m.container is not None else None
            if k is not None:
                s += CONTAINER_WEIGHT * inside(c, k)
        return s

    chosen: dict[tuple[str, bool], Candidate] = {}
    # Containers first: a place's container comes after it in the text.
    for key in sorted(by_key, key=lambda k: -by_key[k][0].start):
        ms = by_key[key]
        cands = ms[0].candidates
        chosen[key] = cands[0] if len(cands) == 1 else max(
            cands, key=lambda c: (score(c, ms, cands, chosen), -c.key))
    out = []
    for m in mentions:
        if m.candidates:
            c = chosen[_group(m)]
            k = chosen.get(_group(m.container)) if m.container is not None else None
            if k is not None and _is_town(k) and _is_town(c) and inside(c, k) < 1:
                # «حي الروضة بمدينة تعز»: none of the Rawdahs is in Taiz
                out.append(Resolved(m, _inside_point(m, k), _inferred_precision(m, k)))
                continue
            out.append(Resolved(m, c, mention_precision(m, c)))
        elif m.inferred == "capital":
            c = _capital(m, counts)
            if c is not None:
                out.append(Resolved(m, c, 2 if m.near else 1))
        elif m.container is not None and m.container.candidates:
            k = chosen[_group(m.container)]
            out.append(Resolved(m, _inside_point(m, k), _inferred_precision(m, k)))
    return out


AREA_WEIGHT = 6.0
CONTAINER_WEIGHT = 10.0
INSIDE_KM = 40.0


def _group(m: PlaceMention | None) -> tuple[str, bool]:
    """Mentions resolved together: same name, and same asking for a region
    («محافظة حلب» is the governorate, «حلب» the city)."""
    if m is None:
        return ("", False)
    return (m.key, (m.generic_precision or 0) >= 3)


def inside(c: Candidate, k: Candidate) -> float:
    """How well candidate ``c`` lies inside container ``k``: 1 inside, 0.5
    same country only (for a region or country container: same region)."""
    if c.country != k.country:
        return 0.0
    if k.is_country:
        return 1.0
    if k.feature in ("ADM1", "RGN"):
        return 1.0 if (k.feature == "RGN" or c.admin1 == k.admin1) else 0.3
    return 1.0 if distance_km(c.lat, c.lon, k.lat, k.lon) < INSIDE_KM else 0.3


def _is_town(k: Candidate) -> bool:
    return not (k.is_country or k.feature in ("ADM1", "RGN", "ADM2", "ADM3"))


def _inside_point(m: PlaceMention, k: Candidate) -> Candidate:
    """A place the gazetteer lacks, at the point of the place it is in."""
    feature = "PPLX" if m.inferred in ("quarter", None) else "LCTY"
    return replace(k, key=-1, geonames_id=None, name=f"{m.text} ({k.name})", feature=feature,
                   population=0, source=f"inferred: inside {k.name}")


def mention_precision(m: PlaceMention, c: Candidate) -> int:
    """ACLED geo-precision: 1 town/point, 2 district or near, 3 province/country.

    A place inside a town (a quarter, a facility) is the town's precision 1;
    inside a region or country, that area's 3. A region of a country named by
    a direction («جنوب ليبيا») keeps the country's point and precision 3;
    near a town («قرب سرت», «ضواحي العاصمة») is 2."""
    p = c.precision()
    if c.is_country:
        return 3
    if m.generic_precision and m.generic_precision > 1:
        p = max(p, m.generic_precision)
    if m.near:
        p = max(p, 2)
    return p


def _inferred_precision(m: PlaceMention, k: Candidate) -> int:
    """A place inside container ``k``: 1 in a town, else ``k``'s precision
    (2 when the text says near)."""
    p = 1 if _is_town(k) else k.precision()
    return max(p, 2) if m.near else p


def _capital(m: PlaceMention, counts: Counter) -> Candidate | None:
    """«العاصمة»: the capital of the nisba's country, or of the article's
    country when one has at least two sure mentions and half of them."""
    caps = capitals()
    if m.nisba_country:
        return caps.get(m.nisba_country)
    if not counts:
        return None
    cc, n = counts.most_common(1)[0]
    if n >= 2 and n * 2 >= sum(counts.values()):
        return caps.get(cc)
    return None


@lru_cache(maxsize=1)
def capitals() -> dict[str, Candidate]:
    """Country -> its capital (feature PPLC) in the shipped gazetteer."""
    out: dict[str, Candidate] = {}
    for c in gazetteer().records:
        if c.feature == "PPLC" and (c.country not in out or c.population > out[c.country].population):
            out[c.country] = c
    return out
