"""The PLOVER event ontology and its ACLED mapping (``data/events/ontology.yaml``).

:func:`ontology` loads the file once; :func:`acled_for` gives the ACLED event
type and sub-event type of a PLOVER type and mode; :func:`validate_ontology`
lists what is wrong with the raw file (used by the tests).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
QUADS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")


@dataclass(slots=True)
class EventType:
    name: str
    quad: str
    definition: str
    modes: dict[str, str] = field(default_factory=dict)
    acled: tuple[str, str] | None = None
    acled_modes: dict[str, tuple[str, str]] = field(default_factory=dict)
    needs_actor: bool = True
    needs_political: bool = False


@dataclass(slots=True)
class Ontology:
    types: dict[str, EventType]
    acled_event_types: dict[str, tuple[str, ...]]


def read_ontology() -> dict:
    with resources.files("rasid.data").joinpath("events", "ontology.yaml").open("r", encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def validate_ontology(raw: dict) -> list[str]:
    """Problems in a raw ontology mapping (empty when all is well)."""
    problems = []
    acled = {k: set(v) for k, v in (raw.get("acled_event_types") or {}).items()}
    types = raw.get("types") or {}
    if sorted(types) != sorted(PLOVER_TYPES):
        problems.append(f"types must be the 16 PLOVER types, got {sorted(types)}")
    for name, t in types.items():
        for key in ("quad", "definition", "modes", "acled", "needs_actor"):
            if key not in t:
                problems.append(f"{name}: missing {key}")
        if t.get("quad") not in QUADS:
            problems.append(f"{name}: bad quad {t.get('quad')!r}")
        pairs = [t.get("acled")] + list((t.get("acled_modes") or {}).values())
        for pair in pairs:
            if pair is None:
                continue
            if not (isinstance(pair, list) and len(pair) == 2 and pair[0] in acled
                    and pair[1] in acled[pair[0]]):
                problems.append(f"{name}: {pair!r} is not an ACLED event/sub-event type")
        for mode in t.get("acled_modes") or {}:
            if mode not in (t.get("modes") or {}):
                problems.append(f"{name}: acled_modes names unknown mode {mode!r}")
    return problems


@lru_cache(maxsize=1)
def ontology() -> Ontology:
    raw = read_ontology()
    types = {}
    for name, t in raw["types"].items():
        types[name] = EventType(
            name=name, quad=t["quad"], definition=t["definition"], modes=dict(t.get("modes") or {}),
            acled=tuple(t["acled"]) if t.get("acled") else None,
            acled_modes={m: tuple(v) for m, v in (t.get("acled_modes") or {}).items()},
            needs_actor=bool(t.get("needs_actor", True)),
            needs_political=bool(t.get("needs_political", False)))
    return Ontology(types, {k: tuple(v) for k, v in raw["acled_event_types"].items()})


def acled_for(type_: str, mode: str | None, *, override: tuple[str, str] | None = None
              ) -> tuple[str | None, str | None]:
    """ACLED (event_type, sub_event_type) of a PLOVER type and mode."""
    if override:
        return override[0], override[1]
    t = ontology().types.get(type_)
    if t is None:
        return None, None
    pair = t.acled_modes.get(mode or "") or t.acled
    return (pair[0], pair[1]) if pair else (None, None)
