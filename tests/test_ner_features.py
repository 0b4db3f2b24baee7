"""NER features and their data files (clusters, triggers)."""

from __future__ import annotations

import gzip
from importlib import resources

import pytest
import yaml

from rasid.entities.ner_features import (
    CLUSTER_HEADER, ModelFeatures, article_rate, clusters, name_runs, phrase_marks, read_clusters,
    sentence_features, stem_of, triggers, word_core, word_info,
)
from rasid.text.normalise import normalise
from rasid.text.tokens import word_counts


def test_cluster_file_format_is_valid():
    ref = resources.files("rasid.data").joinpath("ner", "clusters.tsv.gz")
    with resources.as_file(ref) as path:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            head = fh.readline().rstrip("\n").split("\t")
        table, meta = read_clusters(path)
    assert head[0] == CLUSTER_HEADER
    ks = [int(k) for k in meta["k"].split(",")]
    assert len(ks) >= 2 and ks == sorted(ks)
    assert 10_000 <= len(table) <= 100_000
    for word, ids in table.items():
        assert word == normalise(word) and " " not in word and word
        assert len(ids) == len(ks) and all(0 <= c < k for c, k in zip(ids, ks))
    assert clusters() is clusters()


def test_cluster_file_rejects_other_formats(tmp_path):
    bad = tmp_path / "x.tsv.gz"
    with gzip.open(bad, "wt", encoding="utf-8") as fh:
        fh.write("#rasid-wordlist\tk=2\nword\t1\n")
    with pytest.raises(ValueError):
        read_clusters(bad)


def test_trigger_file_is_valid():
    with resources.files("rasid.data").joinpath("ner", "triggers.yaml").open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    assert {"person_title", "org_head", "place_word"} <= set(raw)
    for words in raw.values():
        assert words and all(isinstance(w, str) and w.strip() == w and w for w in words)
    assert triggers()[normalise("وزير")] == "person_title"
    assert triggers()[normalise("مدينة")] == "place_word"


@pytest.mark.parametrize("word, stem, prefixes", [
    ("لحفتر", "حفتر", "ل"),
    ("بصنعاء", "صنعاء", "ب"),
    ("والجيش", "الجيش", "و"),
    ("للجيش", "الجيش", "ل"),
    ("بغداد", "بغداد", ""),
])
def test_stem_of_strips_proclitics(word, stem, prefixes):
    assert stem_of(word)[:2] == (normalise(stem), prefixes)


def test_word_info_has_stem_clusters_and_triggers():
    own = word_info("الرئيس").own
    assert "t=person_title" in own and any(f.startswith("c0=") for f in own)
    assert f"s={normalise('صنعاء')}" in word_info("بصنعاء").own


def test_word_info_name_features_off_by_default():
    assert word_info("ومحمد").name == ""
    assert not any(f.startswith("nr=") for f in word_info("ومحمد").own)


@pytest.mark.parametrize("classes, expected", [
    (["", "G", "S", ""], [None, "B", "L", None]),
    (["G", "G", "B", "S"], ["B", "I", "I", "L"]),
    (["G", "Go", "S"], [None, None, None]),
    (["G", "", "S"], [None, None, None]),
    ([], []),
])
def test_name_runs_mark_runs_of_name_words(classes, expected):
    assert name_runs(classes) == expected


@pytest.mark.parametrize("word, expected", [("حكومة", "1"), ("قال", "-5"), ("هجوما", "2")])
def test_article_rate_compares_the_word_with_its_article(word, expected):
    stem = word_core(word).stem
    assert article_rate(stem, word_counts().get(stem, 0)) == expected


def test_phrase_marks_cover_known_multiword_names():
    words = "وقال مجلس الأمن الدولي إن الولايات المتحدة وافقت".split()
    marks = phrase_marks([word_info(w) for w in words])
    assert marks == [None, "B-ORG", "I-ORG", "I-ORG", None, "B-LOC", "I-LOC", None]
    feats = sentence_features(words)
    assert len(feats) == len(words) and all(f[0] == "b" for f in feats)


_SENTENCES = [
    "وقال مجلس الأمن الدولي إن الولايات المتحدة وافقت",
    "استقبل الرئيس المصري في القاهرة وزير الخارجية الليبي يوم الخميس .",
    "قتل 12 شخصا في هجوم على سوق ببغداد ، حسب Reuters",
    "للجيش",
    "ـ وبالجيش iPhone15 ؟",
    "وقال محمد حسين الحسيني إن جمال الطبيعة ولعبد الله أمل",
    "أمام اتحاد طنجة ومنتخب كوريا الجنوبية والرئيس عباس",
]


def _known_subset(sentences, *, keep):
    """Every ``keep``-th distinct attribute of the sentences' full features."""
    attrs = sorted({a for s in sentences for f in sentence_features(s.split()) for a in f})
    return set(attrs[::keep])


@pytest.mark.parametrize("keep", [1, 2, 3])
@pytest.mark.parametrize("sentence", _SENTENCES)
def test_model_features_are_the_full_features_restricted_to_known(sentence, keep):
    known = _known_subset(_SENTENCES, keep=keep)
    words = sentence.split()
    expected = [[a for a in f if a in known] for f in sentence_features(words)]
    mf = ModelFeatures(known)
    assert mf.sentence(words) == expected
    marks = phrase_marks([word_core(w) for w in words])
    assert mf.sentence(words, marks=marks) == expected


@pytest.mark.parametrize("word", ["الرئيس", "للجيش", "وبالجيش", "ـ", "iPhone15", "12", "،"])
def test_word_core_agrees_with_word_info(word):
    core, info = word_core(word), word_info(word)
    assert (core.norm, core.stem) == (info.norm, info.stem)
    assert stem_of(word) == (core.stem, core.pfx, core.art)
