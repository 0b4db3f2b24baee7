"""Throughput of `analyze` over the first N articles of the SaudiNewsNet corpus.

Prints articles per second (and tokens per second) for the full default
pipeline in one process, and the peak memory of the process. Reads
``../shared/data/corpus/saudinewsnet.jsonl.gz``; nothing is written.

    python benchmarks/throughput.py [--n 2000] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _raw(doc) -> dict[str, str | None]:
    """The input fields of an ingested, not yet analysed document."""
    return {k: getattr(doc, k) for k in ("text", "id", "title", "source", "url", "published", "language")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="articles to analyse (default 2000)")
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    args = ap.parse_args(argv)

    corpus = Path(args.shared) / "data" / "corpus" / "saudinewsnet.jsonl.gz"
    if not corpus.exists():
        print(f"throughput: corpus not found at {corpus}", file=sys.stderr)
        return 1

    from rasid.ingest import iter_jsonl
    from rasid.pipeline import default_pipeline

    t0 = time.perf_counter()
    pipeline = default_pipeline()
    # Load lazily built resources (models, gazetteer) before timing the loop.
    from rasid.document import Document

    pipeline(Document(text="استقبل الرئيس المصري في القاهرة وزير الخارجية الليبي يوم الخميس."))
    startup = time.perf_counter() - t0

    # Keep only the raw inputs (ingest is not timed); each analysed document
    # is dropped as soon as it is counted, as a streaming run would.
    rejected: list[str] = []
    inputs = [_raw(d) for d in islice(iter_jsonl(corpus, on_error=lambda e: rejected.append(str(e))), args.n)]
    n_chars = sum(len(r["text"]) for r in inputs)
    counts = {"tokens": 0, "sentences": 0, "entities": 0, "places": 0, "times": 0, "events": 0}
    t1 = time.perf_counter()
    for raw in inputs:
        doc = pipeline(Document(**raw))
        for k in counts:
            counts[k] += len(getattr(doc, k))
        del doc
    elapsed = time.perf_counter() - t1

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pipeline: {' > '.join(pipeline.names)}")
    print(f"start-up (load resources, first article): {startup:.2f} s")
    print(f"input records refused (empty or not Arabic): {len(rejected)}")
    print(f"articles: {len(inputs)} ({n_chars / 1e6:.2f} M characters) in {elapsed:.2f} s")
    print(f"throughput: {len(inputs) / elapsed:.1f} articles/s, {counts['tokens'] / elapsed:,.0f} tokens/s")
    print("found: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
