"""The main job on the example articles: analyse them into the SQLite store,
then serve the dashboard and print its URL.

The examples are the articles beside rasid in ``../shared``: the dev gold
articles (each with the publication date its gold file gives) and the first
``--corpus-n`` articles of the SaudiNewsNet corpus. The store is the default
one (``$RASID_DB`` or the user data directory) unless ``--db`` is given.

    python scripts/demo.py [--shared ../shared] [--db PATH] [--corpus-n 300]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="analyse the example articles and serve the dashboard")
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--db", default=None)
    ap.add_argument("--corpus-n", type=int, default=300)
    ap.add_argument("--host", default=None)
    ap.add_argument("--port", type=int, default=None)
    ap.add_argument("--no-serve", action="store_true", help="analyse only")
    args = ap.parse_args(argv)

    from rasid.api.server import serve
    from rasid.errors import RasidError
    from rasid.store import open_store
    from rasid.store.loader import ingest_paths

    shared = Path(args.shared)
    gold_dir = shared / "gold" / "dev"
    corpus = shared / "data" / "corpus" / "saudinewsnet.jsonl.gz"
    try:
        with open_store(args.db) as store:
            for gold_path in sorted(gold_dir.glob("*.json")):
                gold = json.loads(gold_path.read_text(encoding="utf-8"))
                if gold.get("input"):
                    report = ingest_paths(store, [str(gold_dir / gold["input"])],
                                          published=gold.get("published"), progress=False)
                    print(f"{gold['input']}: {report.summary()}")
            if corpus.exists() and args.corpus_n > 0:
                report = ingest_paths(store, [str(corpus)], limit=args.corpus_n, progress=True)
                print(f"{corpus.name} (first {args.corpus_n}): {report.summary()}")
        if not args.no_serve:
            serve(db=args.db, host=args.host, port=args.port)
    except RasidError as exc:
        print(f"rasid demo: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
