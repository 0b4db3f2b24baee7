"""The actor dictionary and entity lexicon files are well formed."""

from __future__ import annotations

import pycountry

from rasid.entities.dictionary import PLOVER_SECTORS
import pytest

import datetime as dt

from rasid.entities.dictionary import (ACLED_KINDS, SECTORS, _date, id_problem, lexicons,
                                       load_dictionary, name_variants, read_actor_files,
                                       validate_actor_data)


def test_actor_files_valid():
    lex = lexicons()
    problems = validate_actor_data(read_actor_files(), roles=lex.raw["titles"]["roles"].keys())
    assert problems == []


def test_actor_dictionary_size_and_types():
    d = load_dictionary()
    assert len(d.entries) >= 400
    assert {e.type for e in d.entries.values()} == {"PER", "ORG"}
    assert all(e.sector in SECTORS and e.kind in ACLED_KINDS for e in d.entries.values())


def test_actor_dictionary_covers_kinds():
    kinds = {e.kind for e in load_dictionary().entries.values()}
    assert {"State forces", "Rebel group", "Political militia", "External/Other forces"} <= kinds


@pytest.mark.parametrize("actor_id, country, ok", [
    ("egy-sisi", "EGY", True),
    ("eg-sisi", "EGY", False),
    ("isis", None, True),
    ("un-security-council", None, True),
    ("egy-mb", None, False),
    ("lby-haftar", "EGY", False),
])
def test_id_convention(actor_id, country, ok):
    assert (id_problem(actor_id, country) is None) is ok


@pytest.mark.parametrize("value, end, expected", [
    ("2014-06-08", False, dt.date(2014, 6, 8)),
    ("2014-06", False, dt.date(2014, 6, 1)),
    ("2014-06", True, dt.date(2014, 6, 30)),
    ("2012-02", True, dt.date(2012, 2, 29)),
    (2013, False, dt.date(2013, 1, 1)),
    (2013, True, dt.date(2013, 12, 31)),
])
def test_office_dates_may_be_partial(value, end, expected):
    assert _date(value, end=end) == expected


@pytest.mark.parametrize("bad, needle", [
    ({"id": "x-a", "type": "PER", "name_ar": "أ ب", "name_en": "A", "kind": "State forces",
      "country": "XXX", "aliases": []}, "alpha-3"),
    ({"id": "x-a", "type": "THING", "name_ar": "أ ب", "name_en": "A", "kind": None,
      "country": None, "aliases": []}, "PER or ORG"),
    ({"id": "x-a", "type": "PER", "name_ar": "أ ب", "name_en": "A", "kind": "Soldiers",
      "country": None, "aliases": []}, "ACLED"),
    ({"id": "X A", "type": "PER", "name_ar": "أ ب", "name_en": "A", "kind": None,
      "country": None, "aliases": []}, "slug"),
    ({"id": "x-a", "type": "PER", "name_ar": "أ ب", "name_en": "A", "kind": None, "country": None,
      "aliases": [], "office": [{"role": "president", "of": "EGY", "from": "2020-01-02",
                                 "to": "2019-01-01"}]}, "ends before"),
    ({"id": "x-a", "type": "PER", "name_ar": "أ ب", "name_en": "A", "country": None,
      "aliases": []}, "missing kind"),
    ({"id": "x-a", "type": "PER", "name_ar": "أ ب", "name_en": "A", "kind": "Civilians",
      "sector": "ARMY", "country": None, "aliases": []}, "PLOVER"),
    ({"id": "a", "type": "PER", "name_ar": "أ ب", "name_en": "A", "kind": "Civilians",
      "country": "EGY", "aliases": []}, "must start with egy-"),
    ({"id": "x-a", "type": "PER", "name_ar": "أ ب", "name_en": "A", "kind": None,
      "country": None, "aliases": []}, "ACLED"),
    ({"id": "x-a", "type": "PER", "name_ar": "أ ب", "name_en": "A", "kind": "Civilians", "country": None,
      "aliases": [], "office": [{"role": "president", "of": "EGY", "from": "2020-13"}]}, "bad office date"),
])
def test_validate_actor_data_reports_problems(bad, needle):
    bad = {"sector": "GOV", **bad}
    problems = validate_actor_data({"t.yaml": [bad]})
    assert any(needle in p for p in problems), problems


def test_validate_actor_data_duplicate_ids_and_aliases():
    a = {"id": "x-a", "type": "ORG", "name_ar": "جماعة ألف", "name_en": "A", "kind": "Civilians",
         "sector": "SOC", "country": None, "aliases": ["ألف"]}
    b = dict(a, name_ar="جماعة باء", aliases=[])
    c = dict(a, id="x-c", name_ar="جماعة جيم", aliases=["الف"])
    d = dict(a, id="x-d", name_ar="جماعة دال", aliases=[], short=["ألف"])
    problems = validate_actor_data({"t.yaml": [a, b, c, d]})
    assert any("duplicate id" in p for p in problems)
    assert any("also belongs" in p for p in problems)
    assert any("is an alias of" in p for p in problems)


@pytest.mark.parametrize("name, variant", [
    ("عبد الفتاح السيسي", "عبدالفتاح السيسي"),
    ("علي عبدالله صالح", "علي عبد الله صالح"),
])
def test_name_variants_abd(name, variant):
    from rasid.text.normalise import normalise
    assert normalise(variant) in name_variants(name)


def test_country_lexicon_codes_valid():
    for iso3 in lexicons().raw["countries"]["countries"]:
        assert pycountry.countries.get(alpha_3=iso3) is not None, iso3


def test_institution_heads_valid():
    inst = lexicons().raw["institutions"]
    for h in inst["heads"]:
        assert h["slug"] and h["forms"]
        assert h["kind"] in ACLED_KINDS
        assert h["sector"] in PLOVER_SECTORS
        assert "{country}" in h["name_en"]


def test_title_roles_cover_offices():
    roles = set(lexicons().raw["titles"]["roles"])
    for e in load_dictionary().entries.values():
        for o in e.offices:
            assert o.role in roles, (e.id, o.role)


def test_name_lexicon_lists_nonempty():
    names = lexicons().raw["names"]
    for key in ("titles", "complements", "stop", "never", "not_kunya"):
        assert names[key], key


def test_organisation_lexicon_valid():
    from rasid.text.normalise import normalise

    orgs = lexicons().raw["organisations"]
    for key in ("heads", "definite_heads"):
        for head, least in orgs[key].items():
            assert len(head.split()) == 1 and isinstance(least, int) and 1 <= least <= 3, head
    assert all(h.startswith("ال") for h in orgs["definite_heads"])
    assert not any(h.startswith("ال") for h in orgs["heads"])
    for key in ("place_nouns", "ends", "generic", "generic_starts", "names", "adjectives", "titles",
                "not_first"):
        assert orgs[key] and len(set(map(normalise, orgs[key]))) == len(orgs[key]), key
    for phrase in orgs["generic"] + orgs["generic_starts"]:
        assert phrase.split()[0] in orgs["heads"], phrase
