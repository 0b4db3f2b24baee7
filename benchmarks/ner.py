"""Held-out evaluation of the NER model (exact-span P/R/F1 per type, tokens/s).

Scores the shipped model (or ``--model FILE --method crf|bilstm``) on the
fixed held-out tenth of the NER corpora (:func:`rasid.entities.ner_data.splits`),
overall and per corpus, and measures tagging speed (words given, features,
decoding): sentence by sentence, then with the document pass over
pseudo-documents of consecutive sentences (:func:`~rasid.entities.ner_data.documents`),
as :func:`rasid.entities.ner.find_entities` tags a document. Reads
``../shared/data/ner``; nothing is written.

    python benchmarks/ner.py [--shared ../shared] [--model FILE --method crf]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--model", default=None, help="model file (default: the shipped one)")
    ap.add_argument("--method", choices=("crf", "bilstm"), default="crf")
    ap.add_argument("--part", choices=("held_out", "dev"), default="held_out")
    args = ap.parse_args(argv)
    shared = Path(args.shared).resolve()
    if not (shared / "data" / "ner").is_dir():
        print(f"ner: corpora not found under {shared}/data/ner", file=sys.stderr)
        return 1

    from rasid.entities.ner import NerModel, model
    from rasid.entities.ner_data import format_scores, score, splits
    from rasid.entities.ner_train import predict

    ner = NerModel.load(Path(args.model), method=args.method) if args.model else model()
    part = getattr(splits(shared), args.part)
    ner.tag(list(part[0].words))  # load lazily built resources before timing
    n = sum(len(s.words) for s in part)
    gold = [list(s.tags) for s in part]
    print(f"{ner.method} model {ner.path.name} ({ner.path.stat().st_size / 1e6:.1f} MB), "
          f"{args.part} part: {len(part)} sentences, {n} tokens")
    print("exact-span micro scores over PER, ORG, LOC (MISC not predicted, not scored):")
    for document in (False, True):
        t0 = time.perf_counter()
        pred = predict(ner, part, document=document)
        dt = time.perf_counter() - t0
        print("\nwith the document pass (pseudo-documents of consecutive sentences):"
              if document else "\nsentence by sentence:")
        print(format_scores(score(gold, pred)))
        for src in ("anercorp", "aqmar", "wojood"):
            idx = [i for i, s in enumerate(part) if s.source.split("/")[0] == src]
            if idx:
                s = score([gold[i] for i in idx], [pred[i] for i in idx])["ALL"]
                print(f"  {src:<9} F1 {s['f1']:6.2f}  (P {s['p']:.2f}, R {s['r']:.2f}, gold {s['gold']})")
        print(f"{n / dt:,.0f} tokens/s ({dt:.2f}s, one process)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
