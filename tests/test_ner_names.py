"""The person-name lexicon of the NER features (data/ner/names.tsv.gz)."""

from __future__ import annotations

import gzip
import importlib.util
import sys
from importlib import resources
from pathlib import Path

import pytest

from rasid.entities.ner_names import (
    NAMES_HEADER, NameUnit, lookup, name_class, name_parts, names, read_names, role,
)
from rasid.text.normalise import normalise

REPO = Path(__file__).resolve().parents[1]


def _shipped() -> Path:
    return Path(str(resources.files("rasid.data").joinpath("ner", "names.tsv.gz")))


def test_name_file_format_is_valid():
    path = _shipped()
    assert path.stat().st_size < 2_000_000
    table, meta = read_names(path)
    assert meta["version"] == "1" and int(meta["min_count"]) >= 1
    assert meta["source"].startswith("arabic-name-romanizer ")
    assert 5_000 <= len(table) <= 100_000
    for unit, u in table.items():
        assert unit == normalise(unit) and " " not in unit and len(unit) >= 2
        assert u.total >= int(meta["min_count"]) and 0 <= u.arab <= u.total
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        totals = [sum(int(x) for x in line.split("\t")[1:4]) for line in list(fh)[1:]]
    assert totals == sorted(totals, reverse=True)
    assert names() is names()


def test_name_file_rejects_other_formats(tmp_path):
    bad = tmp_path / "x.tsv.gz"
    with gzip.open(bad, "wt", encoding="utf-8") as fh:
        fh.write(f"{NAMES_HEADER}\tversion=1\nمحمد\t1\t2\n")
    with pytest.raises(ValueError):
        read_names(bad)
    with gzip.open(bad, "wt", encoding="utf-8") as fh:
        fh.write("#rasid-wordlist\tversion=1\n")
    with pytest.raises(ValueError):
        read_names(bad)


def test_name_file_is_what_the_build_script_makes():
    if importlib.util.find_spec("arabic_name_romanizer") is None:
        pytest.skip("arabic-name-romanizer is not installed (needed only to rebuild the name lexicon)")
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import build_name_lexicon
    finally:
        sys.path.remove(str(REPO / "scripts"))
    with gzip.open(_shipped(), "rt", encoding="utf-8") as fh:
        assert build_name_lexicon.build() == fh.read()


@pytest.mark.parametrize("given, surname, expected", [
    (90, 10, "G"), (10, 90, "S"), (50, 50, "B"), (0, 0, "U"),
])
def test_role_by_share_of_given_names(given, surname, expected):
    assert role(NameUnit(given, surname, 3, 0)) == expected


@pytest.mark.parametrize("word", ["محمد", "أحمد", "حسين", "يوسف"])
def test_name_class_of_common_given_names(word):
    assert name_class(normalise(word), False) == "G"


@pytest.mark.parametrize("word", ["أمل", "كريم", "أمين"])
def test_name_class_marks_names_that_are_ordinary_words(word):
    # Also ordinary words: the class says so, the CRF weighs it.
    cls = name_class(normalise(word), False)
    assert cls and "o" in cls


@pytest.mark.parametrize("word", ["الطبيعة", "الحكومة", "قال"])
def test_name_class_of_ordinary_words_is_empty(word):
    assert name_class(normalise(word), normalise(word).startswith("ال")) == ""
    assert name_parts(normalise(word), normalise(word).startswith("ال")) == []


def test_lookup_tries_the_word_without_its_article():
    stem = normalise("الأمل")
    hit = lookup(stem, article=True)
    assert hit is not None and hit[1] is (stem not in names())


def test_name_parts_give_role_band_and_word_signal():
    parts = dict(name_parts(normalise("محمد"), False))
    assert parts["nr"] == "G" and parts["nx"] == "A"
    assert {"nf", "nw", "na", "nrf"} <= set(parts)
