"""The event ontology and trigger lexicon files are well formed."""

from __future__ import annotations

import pytest

from rasid.events.lexicon import read_triggers, trigger_lexicon, validate_triggers, verb_forms
from rasid.events.ontology import (PLOVER_TYPES, acled_for, ontology, read_ontology,
                                   validate_ontology)
from rasid.text.normalise import normalise


def test_ontology_file_valid():
    assert validate_ontology(read_ontology()) == []


def test_ontology_has_the_16_types_with_definitions():
    types = ontology().types
    assert sorted(types) == sorted(PLOVER_TYPES)
    assert all(t.definition for t in types.values())
    assert "visit" in types["CONSULT"].modes
    assert "arrest" in types["COERCE"].modes


@pytest.mark.parametrize("type_, mode, expected", [
    ("ASSAULT", "aerial", ("Explosions/Remote violence", "Air/drone strike")),
    ("ASSAULT", None, ("Battles", "Armed clash")),
    ("ASSAULT", "abduct", ("Violence against civilians", "Abduction/forced disappearance")),
    ("COERCE", "arrest", ("Strategic developments", "Arrests")),
    ("PROTEST", "riot", ("Riots", "Violent demonstration")),
    ("PROTEST", "demo", ("Protests", "Peaceful protest")),
    ("CONSULT", "visit", (None, None)),
])
def test_acled_for(type_, mode, expected):
    assert acled_for(type_, mode) == expected


@pytest.mark.parametrize("raw, needle", [
    ({"types": {}}, "16 PLOVER"),
])
def test_validate_ontology_reports(raw, needle):
    assert any(needle in p for p in validate_ontology(raw))


def test_trigger_file_valid():
    assert validate_triggers(read_triggers()) == []


@pytest.mark.parametrize("entry, needle", [
    ({"type": "FIGHT", "verbs": ["قتل/يقتل"]}, "unknown type"),
    ({"type": "ASSAULT", "mode": "dance", "nouns": ["هجوم"]}, "not a mode"),
    ({"type": "ASSAULT", "verbs": ["قتل"]}, "PAST/PRESENT"),
    ({"type": "ASSAULT"}, "no verbs"),
    ({"type": "ASSAULT", "verbs": ["شن/يشن"], "objects": ["هجوما"]}, "window"),
    ({"type": "ASSAULT", "nouns": ["هجوم"], "weight": 2}, "weight"),
])
def test_validate_triggers_reports(entry, needle):
    raw = read_triggers()
    raw = {"triggers": raw["triggers"] + [entry], "cues": raw["cues"]}
    assert any(needle in p for p in validate_triggers(raw))


@pytest.mark.parametrize("pair, past, present", [
    ("قصف/يقصف", ["قصف", "قصفت", "قصفوا", "قصفتا"], ["يقصف", "تقصف", "يقصفون", "نقصف"]),
    ("ألقى/يلقي", ["القي", "القت", "القوا"], ["يلقي", "تلقي", "يلقون"]),
    ("دعا/يدعو", ["دعا"], ["يدعو", "تدعو", "يدعون"]),
])
def test_verb_forms(pair, past, present):
    pasts, presents = verb_forms(pair)
    assert set(past) <= pasts
    assert set(present) <= presents


def test_verb_forms_do_not_collide_with_ta_marbuta_nouns():
    # «استعاده» (verb + him) would read as the noun «استعادة» once ة is folded
    pasts, _ = verb_forms("استعاد/يستعيد")
    assert normalise("استعادة") not in pasts


def test_cues_normalised():
    cues = trigger_lexicon().cues
    assert normalise("أصيب") in cues["injured"]
    assert "لم" in cues["negation"]
