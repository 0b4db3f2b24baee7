"""Gazetteer load cost and the places stage's share of pipeline throughput.

Prints:

- the gazetteer's cold load time, measured in a fresh subprocess (import of
  ``rasid.geo.gazetteer`` excluded), with its tracemalloc peak and the growth
  of the process's resident memory;
- the pipeline's articles per second over the first N articles of the
  SaudiNewsNet corpus (``../shared/data/corpus/saudinewsnet.jsonl.gz``), with
  the places stage and with it replaced by a stage that finds no place, and
  the time spent in the places and times stages themselves.

Nothing is written. Run ``python benchmarks/geo.py [--n 500]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_LOAD = r"""
import json, resource, time, tracemalloc
import rasid.geo.gazetteer as g
def rss():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize()
before = rss()
tracemalloc.start()
t = time.perf_counter()
gaz = g.gazetteer()
elapsed = time.perf_counter() - t
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
t = time.perf_counter()
g.gazetteer.cache_clear()
g.gazetteer()
untraced = time.perf_counter() - t
print(json.dumps({"names": len(gaz), "records": len(gaz.records), "seconds_traced": elapsed,
                  "seconds": untraced, "tracemalloc_peak": peak, "rss_delta": rss() - before}))
"""


def load_cost() -> dict:
    """Cold load of the gazetteer in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", _LOAD], capture_output=True, text=True, check=True, cwd=REPO)
    return json.loads(out.stdout)


def _no_places():
    from rasid.pipeline import stage

    @stage(name="geo.none", reads=("text",), writes=("places", "entities"))
    def none(doc):
        doc.places = []
        return doc

    return none


class _Timed:
    """A stage wrapper that adds up the time spent in it."""

    def __init__(self, st):
        self.st, self.seconds = st, 0.0
        self.name, self.reads, self.writes = st.name, st.reads, st.writes

    def __call__(self, doc):
        t = time.perf_counter()
        doc = self.st(doc)
        self.seconds += time.perf_counter() - t
        return doc


def throughput(inputs: list[dict], *, places: bool) -> tuple[float, dict[str, float], int]:
    """``(articles/s, seconds per stage, places found)`` over ``inputs``."""
    from rasid.document import Document
    from rasid.pipeline import Pipeline
    from rasid.stages import default_stages

    stages = [s if (places or s.name != "geo.places") else _no_places() for s in default_stages()]
    timed = [_Timed(s) for s in stages]
    pipe = Pipeline(timed)
    pipe(Document(text="استقبل الرئيس المصري في القاهرة وزير الخارجية الليبي يوم الخميس."))
    for t in timed:
        t.seconds = 0.0
    found = 0
    t0 = time.perf_counter()
    for raw in inputs:
        found += len(pipe(Document(**raw)).places)
    elapsed = time.perf_counter() - t0
    return len(inputs) / elapsed, {t.name: t.seconds for t in timed}, found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=500, help="articles (default 500)")
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    args = ap.parse_args(argv)

    cost = load_cost()
    print(f"gazetteer: {cost['names']:,} names, {cost['records']:,} places")
    print(f"cold load: {cost['seconds']:.2f} s (under tracemalloc {cost['seconds_traced']:.2f} s), "
          f"tracemalloc peak {cost['tracemalloc_peak'] / 2**20:.0f} MB, RSS +{cost['rss_delta'] / 2**20:.0f} MB")

    corpus = Path(args.shared) / "data" / "corpus" / "saudinewsnet.jsonl.gz"
    if not corpus.exists():
        print(f"geo: corpus not found at {corpus}", file=sys.stderr)
        return 1
    from rasid.ingest import iter_jsonl

    fields = ("text", "id", "title", "source", "url", "published", "language")
    inputs = [{k: getattr(d, k) for k in fields}
              for d in islice(iter_jsonl(corpus, on_error=lambda e: None), args.n)]
    with_rate, with_stages, found = throughput(inputs, places=True)
    without_rate, _, _ = throughput(inputs, places=False)
    print(f"articles: {len(inputs)}; places found: {found}")
    print(f"with places:    {with_rate:.1f} articles/s")
    print(f"without places: {without_rate:.1f} articles/s")
    for name in ("geo.places", "time.times"):
        sec = with_stages.get(name, 0.0)
        print(f"  {name}: {sec:.2f} s ({1000 * sec / len(inputs):.2f} ms/article, "
              f"{100 * sec / sum(with_stages.values()):.1f}% of the pipeline)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
