"""The shipped gazetteer index and its data files."""

from __future__ import annotations

import re

import pytest
import yaml

from rasid.geo.build import INDEX_NAME, build, data_path, load_stopwords
from rasid.geo.gazetteer import Gazetteer, gazetteer
from rasid.text.normalise import normalise


def test_gazetteer_regenerates_identically(tmp_path):
    out = build(out=tmp_path / INDEX_NAME)
    assert out.read_bytes() == data_path(INDEX_NAME).read_bytes(), \
        "the shipped index is stale: run python scripts/build_gazetteer.py"


def test_gazetteer_loads_once_with_candidates():
    gaz = gazetteer()
    assert gaz is gazetteer()
    assert len(gaz) > 10_000
    names = {c.name for c in gaz.lookup("طرابلس")}
    assert {"Tripoli"} <= names
    assert {c.country for c in gaz.lookup("طرابلس")} >= {"LY", "LB"}
    [egypt] = [c for c in gaz.lookup("مصر") if c.is_country]
    assert egypt.country == "EG" and egypt.precision() == 3


def test_gazetteer_keys_are_normalised():
    for key in gazetteer().names:
        assert key == normalise(key, collapse_space=True)
        assert len(re.findall(r"[\u0621-\u064A]", key)) >= 2


def test_gazetteer_has_no_stopwords():
    gaz = gazetteer()
    for word in load_stopwords():
        # A stopword may name a region only after a generic word («محافظة الشرقية»).
        assert gaz.unguarded(word, gaz.lookup(word)) == (), word


@pytest.mark.parametrize("word", ["إن", "إلى", "الخميس", "السيسي", "من", "على", "قال", "يناير", "نيسان", "الجمعة"])
def test_gazetteer_excludes_common_words(word):
    assert normalise(word) not in gazetteer()


def test_gazetteer_supplement_valid():
    sup = yaml.safe_load(data_path("supplement.yaml").read_text(encoding="utf-8"))
    for entry in sup["places"]:
        assert set(entry) >= {"names", "name", "country", "lat", "lon", "feature", "source"}, entry
        assert re.fullmatch(r"[A-Z]{2}", entry["country"])
        assert -90 <= entry["lat"] <= 90 and -180 <= entry["lon"] <= 180
        assert entry["source"].strip() and (entry["names"] or entry.get("guarded"))
    for cc, entry in sup["countries"].items():
        assert re.fullmatch(r"[A-Z]{2}", cc)
        if "lat" in entry:
            assert entry["source"].strip()
    for entry in sup["aliases"]:
        assert isinstance(entry["geonameid"], int) and entry["names"]


def test_gazetteer_supplement_places_are_in_index():
    sup = yaml.safe_load(data_path("supplement.yaml").read_text(encoding="utf-8"))
    gaz = gazetteer()
    for entry in sup["places"]:
        for name in entry["names"]:
            assert any(c.name == entry["name"] for c in gaz.lookup(normalise(name, collapse_space=True))), name


def test_gazetteer_context_file_valid():
    ctx = yaml.safe_load(data_path("context.yaml").read_text(encoding="utf-8"))
    assert all(v in (1, 2, 3) for v in ctx["generic"].values())
    assert all(re.fullmatch(r"[A-Z]{2}", cc) for cc in ctx["nisba"])
    assert ctx["near"] and ctx["prefixes"]


def test_gazetteer_load_from_path(tmp_path):
    out = build(out=tmp_path / "g.json.gz")
    gaz = Gazetteer.load(out)
    assert len(gaz) == len(gazetteer())
