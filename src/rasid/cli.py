"""The ``rasid`` command: a thin layer over the library.

Every sub-command parses its options, calls one library function and prints
the result. Errors a user can cause end in one line on standard error and a
non-zero exit status, never a traceback (set ``RASID_DEBUG=1`` to see one).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Sequence

from . import __version__
from .errors import RasidError

EXIT_ERROR = 1
EXIT_USAGE = 2


def _date(value: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {value!r}") from None


def _count(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return n


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH",
                   help="SQLite file (or postgresql:// URL); default: $RASID_DB or the user data directory")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rasid",
        description="Arabic news to structured, geocoded, time-resolved event data.")
    parser.add_argument("--version", action="version", version=f"rasid {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("analyze", help="analyse articles and print the rasid.document/1 JSON")
    p.add_argument("inputs", nargs="+", metavar="FILE",
                   help=".txt, .html/.htm, .jsonl(.gz) files, or - for standard input")
    p.add_argument("--format", choices=("json", "jsonl"), default="json")
    p.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                   help="publication date when the input does not give one")
    p.add_argument("--indent", type=int, default=1, help="JSON indent for --format json (default 1)")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("ingest", help="analyse articles into the store")
    p.add_argument("inputs", nargs="+", metavar="PATH",
                   help="files, directories (recursively), .jsonl or .jsonl.gz")
    p.add_argument("--published", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--limit", type=_count, default=None, help="stop after this many articles")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    _add_db(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("search", help="full-text search over the stored articles")
    p.add_argument("query")
    p.add_argument("--limit", type=_count, default=20)
    p.add_argument("--format", choices=("text", "jsonl"), default="text")
    _add_db(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("export", help="export stored articles or events")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("--what", choices=("articles", "events"), default=None,
                   help="jsonl: articles (default, full documents); csv: events (default) or articles")
    p.add_argument("--output", "-o", default="-", help="file to write (default: standard output)")
    _add_db(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("serve", help="serve the REST API and the dashboard")
    p.add_argument("--host", default=None)
    p.add_argument("--port", type=int, default=None)
    _add_db(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("eval", help="score against a folder of gold files (gold/SCORING.md)")
    p.add_argument("gold_dir", metavar="GOLD_DIR")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--details", action="store_true", help="also list misses and false alarms")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("train", help="train a model from ../shared (e.g. rasid train ner)",
                       add_help=False)
    p.add_argument("model", choices=("ner",), help="which model to train")
    p.add_argument("rest", nargs=argparse.REMAINDER,
                   help="options of the trainer (rasid train ner --help)")
    p.set_defaults(func=cmd_train)

    return parser


# --- commands ---------------------------------------------------------------

def cmd_analyze(args: argparse.Namespace) -> int:
    from .ingest import read_inputs
    from .pipeline import default_pipeline

    pipeline = default_pipeline()
    # Read every input first: a bad input fails before anything is printed.
    docs = list(read_inputs(args.inputs, published=args.published))
    out = sys.stdout
    if args.format == "jsonl":
        for doc in docs:
            out.write(json.dumps(pipeline(doc).to_contract(), ensure_ascii=False) + "\n")
    else:
        objs = [pipeline(doc).to_contract() for doc in docs]
        single = len(objs) == 1 and len(args.inputs) == 1 and not _is_multi(args.inputs[0])
        payload = objs[0] if single else objs
        out.write(json.dumps(payload, ensure_ascii=False, indent=args.indent or None) + "\n")
    return 0


def _is_multi(path: str) -> bool:
    return path.endswith((".jsonl", ".jsonl.gz")) or os.path.isdir(path)


def cmd_ingest(args: argparse.Namespace) -> int:
    from .store import open_store
    from .store.loader import ingest_paths

    with open_store(args.db) as store:
        report = ingest_paths(store, args.inputs, published=args.published,
                              limit=args.limit, progress=not args.quiet)
    # One line per rejected input on standard error; the summary is the result.
    for reason in report.rejected:
        print(f"rasid: error: {reason}", file=sys.stderr)
    print(report.summary())
    return 0 if report.ok else EXIT_ERROR


def cmd_search(args: argparse.Namespace) -> int:
    from .store import open_store

    with open_store(args.db, create=False) as store:
        hits = store.search(args.query, limit=args.limit)
    for hit in hits:
        if args.format == "jsonl":
            print(json.dumps(hit, ensure_ascii=False))
        else:
            print(f"{hit['id']}\t{hit.get('published') or '-'}\t{hit.get('title') or ''}\t{hit.get('snippet') or ''}")
    if args.format == "text":
        print(f"{len(hits)} result(s)", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .store import open_store

    what = args.what or ("articles" if args.format == "jsonl" else "events")
    with open_store(args.db, create=False) as store:
        if args.output == "-":
            n = store.export(sys.stdout, fmt=args.format, what=what)
        else:
            with open(args.output, "w", encoding="utf-8", newline="") as fh:
                n = store.export(fh, fmt=args.format, what=what)
    print(f"exported {n} {what}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .api.server import serve

    serve(db=args.db, host=args.host, port=args.port)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .eval import score_dir

    report = score_dir(args.gold_dir)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    else:
        print(report.format(details=args.details))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from .entities.ner_train import main as train_ner

    return train_ner(args.rest)


# --- entry point ------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = bool(os.environ.get("RASID_DEBUG"))
    try:
        return args.func(args)
    except RasidError as exc:
        if debug:
            raise
        print(f"rasid: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("rasid: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error of ours.
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except Exception as exc:  # a bug of ours: still one line unless debugging
        if debug:
            raise
        msg = str(exc).splitlines()[0] if str(exc) else ""
        print(f"rasid: internal error: {type(exc).__name__}: {msg} (set RASID_DEBUG=1 for details)",
              file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
