"""Scoring rules of ``../shared/gold/SCORING.md`` as pure functions.

Every function here takes a gold dict (one parsed gold file) and a system dict
(one ``rasid.document/1`` object) and returns plain results; nothing reads
files or runs the system. Event pairing lives in :mod:`rasid.eval.events`.

Readings of the rules where SCORING.md leaves a choice (also in the module
docstrings of the results):

* Entities: only system entities of the gold types ``PER``, ``ORG`` and
  ``LOC`` take part; a further type the project adds (``MISC``) is not a claim
  about these types, so it is neither a hit nor a false alarm.
* Coreference: a form is *found* when a system span that carries an actor id
  (an entity, or an event actor or target) has the same normalised text. A
  pair of found forms *shares an id* only when every such span of both forms
  carries one and the same non-null id (strict: a form given two ids, or an id
  on one mention and none on another, shares with nothing).
* Times: the gold expression is looked for in the system ``text`` (both
  normalised); a system time overlapping any occurrence with the same value
  makes it right.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..text.normalise import normalise, normalise_with_map

ENTITY_TYPES = frozenset({"PER", "ORG", "LOC"})
PLACE_KM = 161.0
EARTH_RADIUS_KM = 6371.0088


# --- normalisation ----------------------------------------------------------

def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


def norm(s: str | None) -> str | None:
    """The comparison form of ``s`` (SCORING.md, "Normalisation").

    Diacritics, tatweel and letter variants folded, digits to ASCII (via
    :func:`rasid.text.normalise.normalise`), white space collapsed, and
    punctuation and quotation marks (every Unicode ``P*`` category, which takes
    in ، ؛ ؟ « » “ ” and brackets) stripped at both ends. ``None`` stays ``None``.
    """
    if s is None:
        return None
    out = normalise(s, collapse_space=True)
    start, end = 0, len(out)
    while start < end and (_is_punct(out[start]) or out[start].isspace()):
        start += 1
    while end > start and (_is_punct(out[end - 1]) or out[end - 1].isspace()):
        end -= 1
    return out[start:end]


def norm_text_with_map(text: str) -> tuple[str, list[int]]:
    """A body normalised for searching, with offsets back to ``text``.

    Characters are folded as in :func:`norm` and every run of white space
    becomes one space; nothing is stripped at the ends. ``offsets[i]`` is the
    index in ``text`` of the character that gave ``out[i]``; one final entry,
    ``len(text)``, closes the list.
    """
    folded, fmap = normalise_with_map(text)
    chars: list[str] = []
    offsets: list[int] = []
    prev_space = False
    for i, ch in enumerate(folded):
        if ch.isspace():
            if prev_space:
                continue
            chars.append(" ")
            prev_space = True
        else:
            chars.append(ch)
            prev_space = False
        offsets.append(fmap[i])
    offsets.append(len(text))
    return "".join(chars), offsets


def find_all(haystack: str, needle: str) -> list[int]:
    """Start indices of every (possibly overlapping) occurrence of ``needle``."""
    if not needle:
        return []
    out, i = [], haystack.find(needle)
    while i >= 0:
        out.append(i)
        i = haystack.find(needle, i + 1)
    return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def point(obj: dict[str, Any] | None) -> tuple[float, float] | None:
    """``(lat, lon)`` of a dict when both are given, else ``None``."""
    if not obj:
        return None
    lat, lon = obj.get("lat"), obj.get("lon")
    if lat is None or lon is None:
        return None
    return float(lat), float(lon)


# --- 1 cleaning -------------------------------------------------------------

@dataclass(slots=True)
class CleaningResult:
    passed: bool
    title_ok: bool
    source_ok: bool
    missing: list[str] = field(default_factory=list)     # must-contain snippets absent
    present: list[str] = field(default_factory=list)     # must-not-contain snippets present
    title: tuple[str | None, str | None] = (None, None)  # (gold, system)
    source: tuple[str | None, str | None] = (None, None)


def score_cleaning(gold: dict[str, Any], system: dict[str, Any]) -> CleaningResult:
    """Title and source equal after normalisation (null equals only null);
    every must-contain snippet in the body, no must-not-contain snippet."""
    body, _ = norm_text_with_map(system.get("text") or "")
    missing = [s for s in gold.get("body_must_contain") or [] if norm(s) not in body]
    present = [s for s in gold.get("body_must_not_contain") or [] if norm(s) in body]
    g_title, s_title = gold.get("title"), system.get("title")
    g_source, s_source = gold.get("source"), system.get("source")
    title_ok = norm(g_title) == norm(s_title)
    source_ok = norm(g_source) == norm(s_source)
    return CleaningResult(passed=title_ok and source_ok and not missing and not present,
                          title_ok=title_ok, source_ok=source_ok, missing=missing,
                          present=present, title=(g_title, s_title),
                          source=(g_source, s_source))


# --- 2 entities -------------------------------------------------------------

@dataclass(slots=True)
class EntityResult:
    gold: set[tuple[str, str]]
    system: set[tuple[str, str]]

    @property
    def hits(self) -> set[tuple[str, str]]:
        return self.gold & self.system

    @property
    def missed(self) -> list[tuple[str, str]]:
        return sorted(self.gold - self.system)

    @property
    def spurious(self) -> list[tuple[str, str]]:
        return sorted(self.system - self.gold)


def entity_set(entities: Iterable[dict[str, Any]], *, types: frozenset[str] = ENTITY_TYPES
               ) -> set[tuple[str, str]]:
    """Distinct ``(normalised text, type)`` pairs of the given types."""
    out = set()
    for e in entities:
        if e.get("type") in types:
            text = norm(e.get("text") or "")
            if text:
                out.add((text, e["type"]))
    return out


def score_entities(gold: dict[str, Any], system: dict[str, Any]) -> EntityResult:
    """Gold and system sets of distinct (normalised text, type); a mention with
    an attached clitic has another text and so matches nothing."""
    return EntityResult(gold=entity_set(gold.get("entities") or []),
                        system=entity_set(system.get("entities") or []))


# --- 3 coreference ----------------------------------------------------------

@dataclass(slots=True)
class CorefResult:
    pairs: int = 0      # gold pairs with both forms found
    shared: int = 0     # of those, pairs that share one id
    split: list[tuple[str, str, list, list]] = field(default_factory=list)  # (a, b, ids a, ids b)


def system_form_ids(system: dict[str, Any]) -> dict[str, set[str | None]]:
    """For every normalised surface form the system tags (entities, event
    actors and targets), the set of actor ids its spans carry (``None`` for a
    span without one)."""
    spans: list[dict[str, Any]] = list(system.get("entities") or [])
    for ev in system.get("events") or []:
        for role in ("actor", "target"):
            if ev.get(role):
                spans.append(ev[role])
    out: dict[str, set[str | None]] = {}
    for sp in spans:
        text = norm(sp.get("text") or "")
        if text:
            out.setdefault(text, set()).add(sp.get("actor_id"))
    return out


def _single_id(ids: set[str | None]) -> str | None:
    if len(ids) == 1:
        (only,) = ids
        return only
    return None


def score_coreference(gold: dict[str, Any], system: dict[str, Any]) -> CorefResult:
    """Pairs of found forms within each gold list, and how many share an id
    (strict reading: see the module docstring)."""
    forms = system_form_ids(system)
    res = CorefResult()
    for chain in gold.get("coreference") or []:
        found = []
        for f in dict.fromkeys(norm(x) for x in chain):
            if f and f in forms:
                found.append(f)
        for i in range(len(found)):
            for j in range(i + 1, len(found)):
                a, b = found[i], found[j]
                res.pairs += 1
                ida, idb = _single_id(forms[a]), _single_id(forms[b])
                if ida is not None and ida == idb:
                    res.shared += 1
                else:
                    res.split.append((a, b, sorted(forms[a], key=str), sorted(forms[b], key=str)))
    return res


# --- 4 places ---------------------------------------------------------------

@dataclass(slots=True)
class PlaceResult:
    total: int = 0
    right: int = 0
    found: int = 0
    missing: list[str] = field(default_factory=list)                # text not found at all
    wrong: list[tuple[str, float | None]] = field(default_factory=list)  # (text, best km or None)


def score_places(gold: dict[str, Any], system: dict[str, Any], *, km: float = PLACE_KM
                 ) -> PlaceResult:
    """A gold place is found when a system place has its normalised text, and
    right when one of those is within ``km`` of the gold point."""
    by_text: dict[str, list[dict[str, Any]]] = {}
    for p in system.get("places") or []:
        by_text.setdefault(norm(p.get("text") or ""), []).append(p)
    res = PlaceResult()
    for gp in gold.get("places") or []:
        res.total += 1
        text = norm(gp.get("text") or "")
        cands = by_text.get(text, [])
        if not cands:
            res.missing.append(gp.get("text"))
            continue
        res.found += 1
        gpt = point(gp)
        dists = [haversine_km(*gpt, *spt) for spt in map(point, cands) if spt and gpt]
        best = min(dists) if dists else None
        if best is not None and best <= km:
            res.right += 1
        else:
            res.wrong.append((gp.get("text"), None if best is None else round(best, 1)))
    return res


# --- 5 times ----------------------------------------------------------------

@dataclass(slots=True)
class TimeResult:
    total: int = 0
    right: int = 0
    not_in_text: list[str] = field(default_factory=list)   # gold text absent from the body
    missing: list[str] = field(default_factory=list)       # no system time overlaps it
    wrong: list[tuple[str, str, list]] = field(default_factory=list)  # (text, gold, system values)


def gold_time_spans(gold_text: str, text: str, *, body: tuple[str, list[int]] | None = None
                    ) -> list[tuple[int, int]]:
    """Original ``(start, end)`` spans in ``text`` where the normalised gold
    expression occurs."""
    needle = norm(gold_text)
    hay, offsets = body if body is not None else norm_text_with_map(text)
    spans = []
    for a in find_all(hay, needle):
        b = a + len(needle)
        # The end takes in marks (diacritics, tatweel) after the last letter;
        # collapsed white space keeps its first character, so the gap before
        # offsets[b] holds removed characters only.
        spans.append((offsets[a], max(offsets[b - 1] + 1, offsets[b])))
    return spans


def score_times(gold: dict[str, Any], system: dict[str, Any]) -> TimeResult:
    """A gold time is right when a system time overlapping one occurrence of
    its text in the system body has the same value."""
    text = system.get("text") or ""
    body = norm_text_with_map(text)
    sys_times = system.get("times") or []
    res = TimeResult()
    for gt in gold.get("times") or []:
        res.total += 1
        spans = gold_time_spans(gt.get("text") or "", text, body=body)
        if not spans:
            res.not_in_text.append(gt.get("text"))
            continue
        over = [t for t in sys_times
                if any(t.get("start", 0) < e and s < t.get("end", 0) for s, e in spans)]
        if any(t.get("value") == gt.get("value") for t in over):
            res.right += 1
        elif over:
            res.wrong.append((gt.get("text"), gt.get("value"), [t.get("value") for t in over]))
        else:
            res.missing.append(gt.get("text"))
    return res

