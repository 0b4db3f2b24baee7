"""Build the person-name lexicon used by the NER features.

Reads the name units of the installed ``arabic-name-romanizer`` package
(MIT; its ``resources/names.sqlite3``, table ``units``: Arabic key, Latin
spelling, country, role ``given``/``surname``/``unknown``, count), found
through the installed module (nothing is downloaded). The Latin spellings
are dropped: every unit key is normalised with rasid's own normaliser
(:func:`rasid.text.normalise.normalise`) and the counts are summed per
normalised unit and role, with the part of the count from Arab League
countries (the rest is mostly Persian, Urdu and Pashto names).

A compound unit of several words counts for each of its words (the
tagger sees words). Units seen fewer than ``--min-count`` times, of one letter, or not wholly in
Arabic letters are dropped. Writes ``src/rasid/data/ner/names.tsv.gz``: a
header ``#rasid-person-names<TAB>version=1<TAB>source=...<TAB>min_count=N``
then ``unit<TAB>given<TAB>surname<TAB>other<TAB>arab`` one unit a line,
most frequent first (read by :func:`rasid.entities.ner_names.read_names`).
How far a unit is also an ordinary word is not decided here: the features
weigh the name counts against the news word list at tagging time.
Deterministic (sorted output, gzip without a time stamp).

    python scripts/build_name_lexicon.py [--out FILE] [--min-count 2]
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import sqlite3
import sys
from collections import defaultdict
from importlib import metadata, resources
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from rasid.entities.ner_names import NAMES_HEADER  # noqa: E402
from rasid.text.normalise import normalise  # noqa: E402

PACKAGE = "arabic_name_romanizer"
DIST = "arabic-name-romanizer"
OUT = REPO / "src" / "rasid" / "data" / "ner" / "names.tsv.gz"
ROLES = ("given", "surname", "unknown")
# Arab League members (ISO 3166 alpha-2).
ARAB = frozenset("AE BH DJ DZ EG IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TN YE".split())
_UNIT = re.compile(r"^[\u0621-\u064a]{2,}$")


def source_db() -> Path:
    """The path of the installed package's name database (``ImportError``
    when the package is not installed)."""
    ref = resources.files(PACKAGE).joinpath("resources", "names.sqlite3")
    path = Path(str(ref))
    if not path.is_file():
        raise FileNotFoundError(f"{path}: the {DIST} package has no names database")
    return path


def aggregate(db: Path) -> dict[str, list[int]]:
    """Normalised unit -> ``[given, surname, other, arab]`` summed counts."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT arabic_key, country, role, count FROM units")
        for key, country, role, count in rows:
            if count <= 0:
                continue
            # A compound unit («عبد الله», «نور الدين») counts for each word.
            for unit in normalise(key or "").split():
                if not _UNIT.match(unit):
                    continue
                rec = out[unit]
                rec[ROLES.index(role) if role in ROLES else 2] += count
                if country in ARAB:
                    rec[3] += count
    finally:
        con.close()
    return out


def render(units: dict[str, list[int]], *, min_count: int, version: str) -> str:
    """The lexicon file's text (before compression)."""
    kept = [(u, c) for u, c in units.items() if sum(c[:3]) >= min_count]
    kept.sort(key=lambda uc: (-sum(uc[1][:3]), uc[0]))
    buf = io.StringIO()
    buf.write(f"{NAMES_HEADER}\tversion=1\tsource={DIST} {version}\tmin_count={min_count}\n")
    for unit, (g, s, o, a) in kept:
        buf.write(f"{unit}\t{g}\t{s}\t{o}\t{a}\n")
    return buf.getvalue()


def build(*, min_count: int = 2) -> str:
    """The lexicon text from the installed package."""
    return render(aggregate(source_db()), min_count=min_count, version=metadata.version(DIST))


def write(text: str, out: Path) -> None:
    """Write ``text`` gzipped, byte-for-byte reproducible (no time stamp)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                               compresslevel=9, mtime=0) as fh:
        fh.write(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--min-count", type=int, default=2)
    args = ap.parse_args(argv)
    try:
        text = build(min_count=args.min_count)
    except (ImportError, FileNotFoundError) as e:
        print(f"build_name_lexicon: {DIST} is needed ({e})", file=sys.stderr)
        return 1
    write(text, Path(args.out))
    n = text.count("\n") - 1
    print(f"{n} units -> {args.out} ({Path(args.out).stat().st_size / 1e3:.0f} kB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
