"""The trigger lexicon (``data/events/triggers.yaml``): entries, generated
verb forms, and the cue word lists.

:func:`verb_forms` expands a ``"PAST/PRESENT"`` pair into its written forms;
:func:`trigger_lexicon` builds, once per process, a
:class:`~rasid.entities.matcher.PhraseIndex` from every trigger form to its
:class:`TriggerForm`; :func:`validate_triggers` checks the raw file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from ..entities.matcher import PhraseIndex, phrase_words
from ..text.normalise import normalise
from .ontology import PLOVER_TYPES, ontology

VERB_PREFIXES = ("وس", "فس", "ول", "فل", "و", "ف", "س", "ل")
NOUN_PREFIXES = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
_PAST_SUFFIXES = ("", "ت", "وا", "ا", "تا", "ن", "نا", "تم")
_PRES_PERSON = ("ي", "ت", "ن", "ا")
_PRES_SUFFIXES = ("", "ون", "ان")
_OBJECT = ("ها", "هم", "هما")  # not ه: «استعاده» is also the noun «استعادة»
# possessive pronouns a noun of an entry marked ``possessives`` may take
# («اعتصامهم», «مظاهراتهم», «اغتياله»)
POSSESSIVES = ("ه", "ها", "هم", "هما", "نا", "كم", "هن")
CUE_KEYS = ("negation", "opinion", "question", "claimed", "suspected", "denied", "future",
            "hypothetical", "perpetrator", "target_preps", "preps", "between", "report_verbs",
            "report_preps", "sources", "killed", "injured", "arrested", "no_casualties",
            "participants", "force_words", "doing", "victims", "fresh", "relative",
            "clause_breaks", "civilians", "speaker_pronouns", "passive_aux", "clash",
            "reason", "tally_preps", "tally_periods", "tally_words", "agent_phrases", "with",
            "continuation", "topic_verbs", "modifier_heads", "sport", "blame", "patient_nouns", "topic_stops",
            "political_titles", "complementisers", "inanimate_subjects", "travellers",
            "abstract_objects", "accidents", "accident_not_next", "threat", "verbal",
            "crash_verbs", "aircraft", "disasters", "exposure", "distance_units",
            "distance_preps", "pluperfect_aux", "precedent", "habitual", "earlier_next",
            "first_person", "private_heads", "speaker_heads")


@dataclass(slots=True, frozen=True)
class TriggerEntry:
    n: int
    type: str
    mode: str | None
    acled: tuple[str, str] | None
    objects: tuple[tuple[str, ...], ...]
    window: int
    not_next: tuple[str, ...]
    weight: float
    attach: bool = False
    toll: bool = False
    not_prev: tuple[str, ...] = ()
    accidents: bool = False
    verbal: bool = False
    not_with: frozenset[str] = frozenset()
    not_next_country: bool = False
    outcome: bool = False


@dataclass(slots=True, frozen=True)
class TriggerForm:
    entry: TriggerEntry
    pos: str  # "verb" | "noun"
    present: bool = False
    ta: bool = False  # a noun whose first word ends in ة («مظاهرة»), not in ه


@dataclass(slots=True)
class TriggerLexicon:
    index: PhraseIndex[TriggerForm]
    entries: list[TriggerEntry]
    cues: dict[str, frozenset[str]]
    cue_phrases: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)


def _weak(s: str) -> bool:
    return s.endswith("ي")


def verb_forms(pair: str) -> tuple[set[str], set[str]]:
    """``(past forms, present forms)`` of ``"PAST/PRESENT"``, normalised."""
    past, _, pres = (normalise(p.strip()) for p in pair.partition("/"))
    pasts: set[str] = set()
    for suf in _PAST_SUFFIXES:
        base = past[:-1] if _weak(past) and suf in ("ت", "وا", "تا") else past
        pasts.add(base + suf)
    for obj in _OBJECT:
        pasts.add(past + obj)
        pasts.add((past[:-1] if _weak(past) else past) + "ت" + obj)
    presents: set[str] = set()
    if pres:
        stem = pres[1:]
        for person in _PRES_PERSON:
            for suf in _PRES_SUFFIXES:
                base = stem[:-1] if _weak(stem) and suf else stem
                if stem.endswith("و") and suf:  # يدعو -> يدعون
                    base = stem[:-1]
                presents.add(person + base + suf)
            for obj in _OBJECT:
                presents.add(person + stem + obj)
    return pasts, presents


def possessive_forms(noun: str) -> set[str]:
    """A normalised noun with a possessive pronoun («اعتصام» -> «اعتصامهم»,
    «مظاهره» (ة) -> «مظاهرتهم»); none for a bare accusative in ا or an ال noun."""
    if noun.startswith("ال") or noun.endswith("ا"):
        return set()
    base = noun[:-1] + "ت" if noun.endswith("ه") else noun
    return {base + p for p in POSSESSIVES}


def read_triggers() -> dict:
    with resources.files("rasid.data").joinpath("events", "triggers.yaml").open("r", encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def validate_triggers(raw: dict) -> list[str]:
    """Problems in the raw trigger file (empty when all is well)."""
    problems = []
    onto = ontology()
    seen_types = set()
    for n, e in enumerate(raw.get("triggers") or []):
        where = f"trigger #{n} ({e.get('type')})"
        t = e.get("type")
        if t not in PLOVER_TYPES:
            problems.append(f"{where}: unknown type")
            continue
        seen_types.add(t)
        if e.get("mode") is not None and e["mode"] not in onto.types[t].modes:
            problems.append(f"{where}: mode {e['mode']!r} is not a mode of {t}")
        if not (e.get("verbs") or e.get("forms") or e.get("nouns")):
            problems.append(f"{where}: no verbs, forms or nouns")
        for v in e.get("verbs") or []:
            if not isinstance(v, str) or v.count("/") != 1 or not all(v.split("/")):
                problems.append(f"{where}: verb {v!r} must be PAST/PRESENT")
        w = e.get("weight", 0.6)
        if not (isinstance(w, (int, float)) and 0 < w <= 1):
            problems.append(f"{where}: weight must be in (0, 1]")
        if e.get("objects") is not None and not e.get("window"):
            problems.append(f"{where}: objects need a window")
        for key in ("verbs", "forms", "nouns", "objects", "not_next", "not_prev", "not_with", "not_forms"):
            if key in e and not isinstance(e[key], list):
                problems.append(f"{where}: {key} must be a list")
    missing = set(PLOVER_TYPES) - seen_types
    if missing:
        problems.append(f"no triggers for {sorted(missing)}")
    cues = raw.get("cues") or {}
    for key in CUE_KEYS:
        if not cues.get(key):
            problems.append(f"cues.{key} is missing or empty")
    return problems


@lru_cache(maxsize=1)
def trigger_lexicon() -> TriggerLexicon:
    raw = read_triggers()
    index: PhraseIndex[TriggerForm] = PhraseIndex()
    entries = []
    for n, e in enumerate(raw["triggers"]):
        objects = tuple(phrase_words(o) for o in (e.get("objects") or ()))
        entry = TriggerEntry(
            n=n, type=e["type"], mode=e.get("mode"),
            acled=tuple(e["acled"]) if e.get("acled") else None,
            objects=objects, window=int(e.get("window") or 0),
            not_next=tuple(normalise(x) for x in (e.get("not_next") or ())),
            weight=float(e.get("weight", 0.6)), attach=bool(e.get("attach")),
            toll=bool(e.get("toll")),
            not_prev=tuple(normalise(x) for x in (e.get("not_prev") or ())),
            accidents=bool(e.get("accidents")), verbal=bool(e.get("verbal")),
            not_with=frozenset(normalise(x) for x in (e.get("not_with") or ())),
            not_next_country=bool(e.get("not_next_country")), outcome=bool(e.get("outcome")))
        entries.append(entry)
        left_out = {normalise(f) for f in e.get("not_forms") or ()}
        for pair in e.get("verbs") or ():
            pasts, presents = verb_forms(pair)
            for f in pasts - left_out:
                index.add((f,), TriggerForm(entry, "verb"))
            for f in presents - left_out:
                index.add((f,), TriggerForm(entry, "verb", present=True))
        for f in e.get("forms") or ():
            nf = normalise(f)
            index.add((nf,), TriggerForm(entry, "verb", present=nf[:1] in "يتنا" and len(nf) > 3))
        for noun in e.get("nouns") or ():
            ws = phrase_words(noun)
            form = TriggerForm(entry, "noun", ta=noun.split()[0].endswith("ة"))
            index.add(ws, form)
            if not ws[0].startswith("ال"):
                index.add(("ال" + ws[0],) + ws[1:], form)
            if e.get("possessives") and len(ws) == 1:
                for f in possessive_forms(ws[0]):
                    index.add((f,), TriggerForm(entry, "noun"))  # «مظاهرته» is written with ه
    cues_raw = raw.get("cues") or {}
    cues = {}
    phrases = {}
    for key, vals in cues_raw.items():
        cues[key] = frozenset(normalise(v) for v in vals)
        phrases[key] = tuple(phrase_words(v.rstrip("…")) for v in vals)
    return TriggerLexicon(index, entries, cues, phrases)
