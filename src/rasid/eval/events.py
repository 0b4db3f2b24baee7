"""Event pairing and scoring (``../shared/gold/SCORING.md``, score 6).

Gold and system events are paired greedily, best first. A pair is *allowed*
only under the four constraints of SCORING.md:

* the same type;
* when gold has a point: the system gives a place point within 50 km (no
  system point: no match); when gold has none, place is not constrained;
* when gold has a date: the system date equals it; for day values
  (``YYYY-MM-DD`` on both sides) a day off either way is accepted; month and
  year values must be equal as written (``2016-12`` matches only ``2016-12``);
* when gold lists actors: the normalised system actor text equals, contains or
  is contained in one of the normalised gold forms (plain substring); a system
  event without an actor then matches nothing.

*Best* is decided by this key, in order: the number of attributes the pair
gets right (target right where gold lists targets, fatalities exact where gold
gives a figure, modality exact, date exact where gold has a date, actor text
equal rather than merely contained), then the smaller distance between the
points, then a non-optional gold event before an optional one, then document
order (gold, then system).

Optional gold events count neither way: a system event paired with one is
left out of precision, and they are not in recall. Target, fatalities and
modality are reported over the pairs with a non-optional gold event.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .scoring import haversine_km, norm, point

EVENT_KM = 50.0
DEFAULT_MODALITY = "asserted"


@dataclass(slots=True)
class EventPair:
    gold_index: int
    system_index: int
    optional: bool
    score: int
    km: float | None
    target_right: bool | None      # None: gold lists no targets
    fatalities_right: bool | None  # None: gold gives no figure
    modality_right: bool


@dataclass(slots=True)
class EventResult:
    gold_required: int = 0      # non-optional gold events
    system_counted: int = 0     # system events not paired with an optional gold event
    matched: int = 0            # pairs with a non-optional gold event
    target_right: int = 0
    target_total: int = 0
    fatalities_right: int = 0
    fatalities_total: int = 0
    modality_right: int = 0
    modality_total: int = 0
    pairs: list[EventPair] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)        # non-optional gold, unpaired
    false_alarms: list[int] = field(default_factory=list)  # system, unpaired


def _forms(values: Any) -> list[str]:
    if not values:
        return []
    if isinstance(values, str):
        values = [values]
    return [f for f in (norm(v) for v in values) if f]


def role_match(gold_forms: Any, mention: dict[str, Any] | None) -> tuple[bool, bool]:
    """``(ok, exact)`` for a gold list of forms against a system role mention.

    ``ok``: the normalised mention text equals or contains one gold form, or
    one gold form contains it. With no gold forms the role is not scored and
    ``ok`` is true. ``exact``: equality with one form."""
    forms = _forms(gold_forms)
    if not forms:
        return True, False
    text = norm((mention or {}).get("text") or "")
    if not text:
        return False, False
    exact = text in forms
    return exact or any(f in text or text in f for f in forms), exact


def _day(value: str) -> date | None:
    if len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def date_match(gold_date: str | None, system_date: str | None) -> tuple[bool, bool]:
    """``(ok, exact)``: equal, or both day values at most one day apart.
    With no gold date the date is not scored (``ok`` true, ``exact`` false)."""
    if not gold_date:
        return True, False
    if not system_date:
        return False, False
    if gold_date == system_date:
        return True, True
    g, s = _day(gold_date), _day(system_date)
    if g is not None and s is not None and abs((g - s).days) <= 1:
        return True, False
    return False, False


def place_match(gold_event: dict[str, Any], system_event: dict[str, Any], *,
                km: float = EVENT_KM) -> tuple[bool, float | None]:
    """``(ok, distance)``: no gold point, or a system point within ``km``."""
    gpt = point(gold_event)
    if gpt is None:
        return True, None
    spt = point(system_event.get("place"))
    if spt is None:
        return False, None
    d = haversine_km(*gpt, *spt)
    return d <= km, d


def fatalities_match(gold_event: dict[str, Any], system_event: dict[str, Any]) -> bool | None:
    """Exact figure where gold gives one (system null is not 0), else None."""
    g = gold_event.get("fatalities")
    if g is None:
        return None
    s = system_event.get("fatalities")
    return s is not None and not isinstance(s, bool) and s == g


def modality_match(gold_event: dict[str, Any], system_event: dict[str, Any]) -> bool:
    """Exact modality; gold defaults to ``asserted``."""
    return (gold_event.get("modality") or DEFAULT_MODALITY) == system_event.get("modality")


def pair(gold_event: dict[str, Any], system_event: dict[str, Any], *, gold_index: int = 0,
         system_index: int = 0) -> EventPair | None:
    """The pair if the four constraints allow it, else None."""
    if gold_event.get("type") != system_event.get("type"):
        return None
    place_ok, km = place_match(gold_event, system_event)
    if not place_ok:
        return None
    date_ok, date_exact = date_match(gold_event.get("date"), system_event.get("date"))
    if not date_ok:
        return None
    actor_ok, actor_exact = role_match(gold_event.get("actor"), system_event.get("actor"))
    if not actor_ok:
        return None
    target_right = None
    if _forms(gold_event.get("target")):
        target_right = role_match(gold_event.get("target"), system_event.get("target"))[0]
    fat = fatalities_match(gold_event, system_event)
    mod = modality_match(gold_event, system_event)
    score = sum((bool(target_right), bool(fat), mod, date_exact, actor_exact))
    return EventPair(gold_index=gold_index, system_index=system_index,
                     optional=bool(gold_event.get("optional")), score=score, km=km,
                     target_right=target_right, fatalities_right=fat, modality_right=mod)


def _key(p: EventPair) -> tuple:
    return (-p.score, math.inf if p.km is None else p.km, p.optional, p.gold_index,
            p.system_index)


def match_events(gold_events: list[dict[str, Any]], system_events: list[dict[str, Any]]
                 ) -> list[EventPair]:
    """Greedy best-first one-to-one pairing (see the module docstring)."""
    cands = []
    for gi, g in enumerate(gold_events):
        for si, s in enumerate(system_events):
            p = pair(g, s, gold_index=gi, system_index=si)
            if p is not None:
                cands.append(p)
    cands.sort(key=_key)
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for p in cands:
        if p.gold_index in used_g or p.system_index in used_s:
            continue
        used_g.add(p.gold_index)
        used_s.add(p.system_index)
        out.append(p)
    return sorted(out, key=lambda p: p.gold_index)


def score_events(gold: dict[str, Any], system: dict[str, Any]) -> EventResult:
    """Pair the events of one article and count every figure of score 6."""
    g_events = gold.get("events") or []
    s_events = system.get("events") or []
    pairs = match_events(g_events, s_events)
    res = EventResult(pairs=pairs)
    res.gold_required = sum(1 for g in g_events if not g.get("optional"))
    on_optional = sum(1 for p in pairs if p.optional)
    res.system_counted = len(s_events) - on_optional
    paired_g = {p.gold_index for p in pairs}
    paired_s = {p.system_index for p in pairs}
    res.missed = [i for i, g in enumerate(g_events) if not g.get("optional") and i not in paired_g]
    res.false_alarms = [i for i in range(len(s_events)) if i not in paired_s]
    for p in pairs:
        if p.optional:
            continue
        res.matched += 1
        if p.target_right is not None:
            res.target_total += 1
            res.target_right += p.target_right
        if p.fatalities_right is not None:
            res.fatalities_total += 1
            res.fatalities_right += p.fatalities_right
        res.modality_total += 1
        res.modality_right += p.modality_right
    return res


def describe_gold(event: dict[str, Any]) -> str:
    """One line about a gold event, for the details listing."""
    parts = [event.get("type") or "?"]
    if event.get("actor"):
        parts.append("actor=" + "|".join(event["actor"]))
    if event.get("target"):
        parts.append("target=" + "|".join(event["target"]))
    if event.get("location"):
        parts.append("at=" + str(event["location"]))
    if event.get("date"):
        parts.append("date=" + event["date"])
    if event.get("fatalities") is not None:
        parts.append(f"killed={event['fatalities']}")
    if event.get("modality"):
        parts.append("modality=" + event["modality"])
    return " ".join(parts)


def describe_system(event: dict[str, Any]) -> str:
    """One line about a system event, for the details listing."""
    parts = [event.get("type") or "?"]
    for role in ("actor", "target"):
        if event.get(role):
            parts.append(f"{role}={event[role].get('text')}")
    place = event.get("place")
    if place:
        parts.append(f"at={place.get('name')}({place.get('lat')},{place.get('lon')})")
    if event.get("date"):
        parts.append("date=" + event["date"])
    if event.get("fatalities") is not None:
        parts.append(f"killed={event['fatalities']}")
    if event.get("modality") and event.get("modality") != DEFAULT_MODALITY:
        parts.append("modality=" + event["modality"])
    trig = event.get("trigger") or {}
    if trig.get("text"):
        parts.append(f"trigger={trig['text']}")
    return " ".join(parts)
