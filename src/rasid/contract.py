"""Check an object against the ``rasid.document/1`` contract.

``validate(obj)`` returns the list of problems (empty when the object keeps
the contract of ``schema/DOCUMENT.md``): every field present with its type,
every span's offsets inside ``text`` and ``text[start:end] == span["text"]``.
Other programs can use it to check what they read; the tests use it on every
output of ``rasid analyze``.
"""

from __future__ import annotations

import re
from typing import Any

from .document import SCHEMA

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

TOP = ("schema", "id", "title", "source", "url", "published", "language", "text",
       "sentences", "entities", "actors", "places", "times", "events", "quotes")
ENTITY = ("text", "start", "end", "type", "actor_id")
ACTOR = ("id", "name_ar", "name_en", "kind", "country")  # + "sector", added by rasid
PLACE = ("text", "start", "end", "name", "country", "admin1", "lat", "lon", "feature",
         "geonames_id", "precision")
TIME = ("text", "start", "end", "value", "precision")
QUOTE = ("speaker", "speaker_actor_id", "text", "start", "end")
EVENT = ("id", "type", "mode", "acled_event_type", "acled_sub_event_type", "actor", "target",
         "place", "date", "date_precision", "fatalities", "injured", "arrested", "modality",
         "reported_by", "trigger", "sentence", "confidence")
EVENT_PLACE = ("name", "country", "lat", "lon", "precision")
MENTION = ("text", "start", "end", "actor_id")
PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
MODALITIES = frozenset({"asserted", "claimed", "suspected", "accused", "denied",
                        "hypothetical", "negated", "future"})
PRECISIONS = frozenset({"day", "week", "month", "year"})


def validate(obj: Any) -> list[str]:
    """Problems with ``obj`` as a ``rasid.document/1`` object (empty: valid)."""
    errs: list[str] = []
    if not isinstance(obj, dict):
        return ["not a JSON object"]
    _keys(errs, "document", obj, TOP)
    if errs:
        return errs
    if obj["schema"] != SCHEMA:
        errs.append(f"schema is {obj['schema']!r}, not {SCHEMA!r}")
    text = obj["text"]
    if not isinstance(text, str):
        return errs + ["text is not a string"]
    for key in ("title", "source", "url", "published"):
        if obj[key] is not None and not isinstance(obj[key], str):
            errs.append(f"{key} is neither a string nor null")
    if obj["published"] is not None and not _DAY.match(obj["published"]):
        errs.append(f"published {obj['published']!r} is not YYYY-MM-DD")
    if not isinstance(obj["id"], str) or not obj["id"]:
        errs.append("id is not a non-empty string")

    prev = -1
    for i, s in enumerate(_list(errs, obj, "sentences")):
        where = f"sentences[{i}]"
        if _keys(errs, where, s, ("start", "end")) and _offsets(errs, where, s, text):
            if s["start"] < prev:
                errs.append(f"{where} starts before the previous sentence ends")
            prev = s["end"]
    actor_ids = set()
    for i, a in enumerate(_list(errs, obj, "actors")):
        if _keys(errs, f"actors[{i}]", a, ACTOR):
            actor_ids.add(a["id"])
            if a["country"] is not None and not re.fullmatch(r"[A-Z]{3}", str(a["country"])):
                errs.append(f"actors[{i}].country {a['country']!r} is not ISO alpha-3")
    for i, e in enumerate(_list(errs, obj, "entities")):
        where = f"entities[{i}]"
        if _keys(errs, where, e, ENTITY) and _span(errs, where, e, text):
            if not isinstance(e["type"], str) or not e["type"]:
                errs.append(f"{where}.type is not a string")
            if e["actor_id"] is not None and e["actor_id"] not in actor_ids:
                errs.append(f"{where}.actor_id {e['actor_id']!r} is not in actors")
    for i, p in enumerate(_list(errs, obj, "places")):
        where = f"places[{i}]"
        if _keys(errs, where, p, PLACE) and _span(errs, where, p, text):
            _place_fields(errs, where, p)
    for i, t in enumerate(_list(errs, obj, "times")):
        where = f"times[{i}]"
        if _keys(errs, where, t, TIME) and _span(errs, where, t, text):
            _time_fields(errs, where, t["value"], t["precision"])
    ids = set()
    for i, ev in enumerate(_list(errs, obj, "events")):
        _event(errs, f"events[{i}]", ev, text, ids)
    for i, q in enumerate(_list(errs, obj, "quotes")):
        where = f"quotes[{i}]"
        if _keys(errs, where, q, QUOTE):
            _span(errs, where, q, text)
    return errs


def _event(errs: list[str], where: str, ev: Any, text: str, ids: set) -> None:
    if not _keys(errs, where, ev, EVENT):
        return
    if ev["id"] in ids:
        errs.append(f"{where}.id {ev['id']!r} is not unique")
    ids.add(ev["id"])
    if ev["type"] not in PLOVER_TYPES:
        errs.append(f"{where}.type {ev['type']!r} is not a PLOVER event type")
    if ev["modality"] not in MODALITIES:
        errs.append(f"{where}.modality {ev['modality']!r} is not allowed")
    for role in ("actor", "target"):
        m = ev[role]
        if m is not None and _keys(errs, f"{where}.{role}", m, MENTION):
            _span(errs, f"{where}.{role}", m, text)
    if ev["place"] is not None and _keys(errs, f"{where}.place", ev["place"], EVENT_PLACE):
        _place_fields(errs, f"{where}.place", ev["place"])
    if ev["date"] is not None or ev["date_precision"] is not None:
        _time_fields(errs, where, ev["date"], ev["date_precision"])
    for k in ("fatalities", "injured", "arrested"):
        v = ev[k]
        if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
            errs.append(f"{where}.{k} {v!r} is not a non-negative integer or null")
    if _keys(errs, f"{where}.trigger", ev["trigger"], ("text", "start", "end")):
        _span(errs, f"{where}.trigger", ev["trigger"], text)
    if _keys(errs, f"{where}.sentence", ev["sentence"], ("start", "end")):
        _offsets(errs, f"{where}.sentence", ev["sentence"], text)
    c = ev["confidence"]
    if not isinstance(c, (int, float)) or not 0 <= c <= 1:
        errs.append(f"{where}.confidence {c!r} is not in 0..1")


def _place_fields(errs: list[str], where: str, p: dict) -> None:
    if p["precision"] is not None and p["precision"] not in (1, 2, 3):
        errs.append(f"{where}.precision {p['precision']!r} is not 1, 2 or 3")
    if p["country"] is not None and not re.fullmatch(r"[A-Z]{2}", str(p["country"])):
        errs.append(f"{where}.country {p['country']!r} is not ISO alpha-2")
    for k, lim in (("lat", 90), ("lon", 180)):
        v = p[k]
        if v is not None and (not isinstance(v, (int, float)) or abs(v) > lim):
            errs.append(f"{where}.{k} {v!r} is out of range")


def _time_fields(errs: list[str], where: str, value: Any, precision: Any) -> None:
    if value is not None and (not isinstance(value, str) or not _DATE.match(value)):
        errs.append(f"{where} value {value!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    if precision is not None and precision not in PRECISIONS:
        errs.append(f"{where} precision {precision!r} is not one of {sorted(PRECISIONS)}")


def _keys(errs: list[str], where: str, obj: Any, keys: tuple[str, ...]) -> bool:
    if not isinstance(obj, dict):
        errs.append(f"{where} is not an object")
        return False
    missing = [k for k in keys if k not in obj]
    if missing:
        errs.append(f"{where} lacks {', '.join(missing)}")
        return False
    return True


def _list(errs: list[str], obj: dict, key: str) -> list:
    v = obj[key]
    if not isinstance(v, list):
        errs.append(f"{key} is not a list")
        return []
    return v


def _offsets(errs: list[str], where: str, s: dict, text: str) -> bool:
    a, b = s["start"], s["end"]
    if not (isinstance(a, int) and isinstance(b, int) and 0 <= a <= b <= len(text)):
        errs.append(f"{where} offsets {a!r}..{b!r} are not inside the text")
        return False
    return True


def _span(errs: list[str], where: str, s: dict, text: str) -> bool:
    if not _offsets(errs, where, s, text):
        return False
    if text[s["start"]:s["end"]] != s["text"]:
        errs.append(f"{where}: text[{s['start']}:{s['end']}] is {text[s['start']:s['end']]!r}, "
                    f"not {s['text']!r}")
        return False
    return True
