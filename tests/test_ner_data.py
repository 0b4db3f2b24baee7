"""NER corpora: tag normalisation, nested tags, the fixed held-out split."""

from __future__ import annotations

import hashlib

import pytest
import yaml
from importlib import resources

from rasid.entities.ner_data import (
    NerSentence, documents, from_bilou, nested_spans, normalise_tag, outermost, repair_bio,
    restrict, score, spans, splits, tag_rules, to_bilou,
)


@pytest.mark.parametrize("raw, tag", [
    ("OO", "O"), ("IO", "O"), ("I--ORG", "I-ORG"), ("B-MIS-1", "B-MISC"), ("B-MISS1", "B-MISC"),
    ("B-MIS1`", "B-MISC"), ("B-MIS", "B-MISC"), ("I-MIS3", "I-MISC"), ("B-PERS", "B-PER"),
    ("I-PER", "I-PER"), ("B-GPE", "B-LOC"), ("I-FAC", "I-LOC"), ("B-NORP", "O"),
    ("B-OCC", "O"), ("B-ENGLISH", "O"), ("O", "O"), ("B-UNKNOWN", "O"),
])
def test_normalise_tag_fixes_typos_and_maps_types(raw, tag):
    assert normalise_tag(raw) == tag


def test_tag_rules_file_is_valid():
    with resources.files("rasid.data").joinpath("ner", "tags.yaml").open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    allowed = {"PER", "ORG", "LOC", "MISC", None}
    assert set(raw) == {"fix", "types", "predict"}
    assert all(v in allowed for v in raw["types"].values())
    assert set(raw["predict"]) <= allowed - {None}
    for fixed in raw["fix"].values():
        assert fixed == "O" or (fixed[:2] in ("B-", "I-") and fixed[2:] in raw["types"])
    assert tag_rules()["predict"] == ("PER", "ORG", "LOC")


def test_repair_bio_starts_orphan_inside_tags():
    assert repair_bio(["O", "I-ORG", "I-ORG", "I-LOC"]) == ["O", "B-ORG", "I-ORG", "B-LOC"]


def test_spans_and_restrict():
    tags = ["B-PER", "I-PER", "O", "B-MISC", "B-LOC", "B-LOC"]
    assert spans(tags) == [(0, 2, "PER"), (3, 4, "MISC"), (4, 5, "LOC"), (5, 6, "LOC")]
    assert spans(restrict(tags)) == [(0, 2, "PER"), (4, 5, "LOC"), (5, 6, "LOC")]


def test_outermost_keeps_org_over_nested_person_and_place_inside_occupation():
    # «سكرتير اللجنة القومية العربية في نابلس»: OCC over ORG and GPE
    columns = [["B-OCC"], ["I-OCC", "B-ORG"], ["I-OCC", "I-ORG"], ["I-OCC", "I-ORG"],
               ["I-OCC"], ["I-OCC", "B-GPE"]]
    assert outermost(nested_spans(columns)) == [(1, 4, "ORG"), (5, 6, "LOC")]
    # «مجلس الأمن ضد الأسد»: a PERS inside an ORG is dropped
    columns = [["B-ORG"], ["I-ORG"], ["I-ORG"], ["I-ORG", "B-PERS"]]
    assert outermost(nested_spans(columns)) == [(0, 4, "ORG")]


def test_score_is_exact_span():
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    pred = [["B-PER", "O", "O", "B-LOC"]]
    s = score(gold, pred)
    assert s["LOC"]["f1"] == 100.0 and s["PER"]["correct"] == 0
    assert s["ALL"]["gold"] == 2 and s["ALL"]["correct"] == 1


def test_sentence_key_is_stable():
    s = NerSentence(("في", "بغداد"), ("O", "B-LOC"), "x")
    expect = hashlib.sha1(b"x")
    expect.update("في\x1fبغداد".encode("utf-8"))
    assert s.key() == expect.hexdigest()


@pytest.mark.shared
def test_splits_are_deterministic_and_disjoint(shared_dir):
    a = splits(shared_dir.resolve())
    splits.cache_clear()
    b = splits(shared_dir.resolve())
    for part in ("train", "dev", "held_out"):
        assert [s.key() for s in getattr(a, part)] == [s.key() for s in getattr(b, part)]
    held = {s.key(): s for s in a.held_out}
    train = {s.key(): s for s in a.train}
    dev = {s.key(): s for s in a.dev}
    # the parts share no sentence, except trivial ones that recur («.» alone)
    for x, y in ((held, train), (held, dev), (train, dev)):
        assert all(len(x[k].words) <= 2 for k in x.keys() & y.keys())
    n_held = sum(len(s.words) for s in a.held_out)
    n_all = n_held + sum(len(s.words) for s in a.train_all)
    assert 0.08 < n_held / n_all < 0.13
    assert {s.source.split("/")[0] for s in a.held_out} == {"anercorp", "aqmar", "wojood"}
    # AQMAR is split by whole articles
    held_articles = {s.source for s in a.held_out if s.source.startswith("aqmar/")}
    assert not held_articles & {s.source for s in a.train_all}


@pytest.mark.shared
def test_splits_read_all_tags_as_known_types(shared_dir):
    sp = splits(shared_dir.resolve())
    tags = {t for s in sp.train_all + sp.held_out for t in s.tags}
    assert tags <= {"O"} | {f"{p}-{t}" for p in "BI" for t in ("PER", "ORG", "LOC", "MISC")}
    assert all(len(s.words) == len(s.tags) and s.words for s in sp.train_all)


def test_documents_groups_consecutive_sentences_of_one_source():
    s = [NerSentence(("a",), ("O",), src) for src in ("x", "x", "x", "y", "x")]
    assert documents(s, size=2) == [[0, 1], [2], [3], [4]]
    assert documents(s) == [[0, 1, 2], [3], [4]]


@pytest.mark.parametrize("bio, bilou", [
    (["B-PER", "I-PER", "O", "B-LOC"], ["B-PER", "L-PER", "O", "U-LOC"]),
    (["B-ORG", "I-ORG", "I-ORG", "B-ORG"], ["B-ORG", "I-ORG", "L-ORG", "U-ORG"]),
    (["O", "O"], ["O", "O"]),
])
def test_bilou_round_trip(bio, bilou):
    assert to_bilou(bio) == bilou
    assert from_bilou(bilou) == bio
