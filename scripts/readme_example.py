"""Rewrite the example output in README.md from a real run of `rasid analyze`.

The README shows part of what rasid prints for the worked example (the seed
article in ../shared/gold/dev): the document fields, one item of each list
and the Ghadwa attack event. `tests/test_docs.py` checks that the README's
example is real output; when the pipeline's output changes, run this script.

    python scripts/readme_example.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def example(doc: dict) -> str:
    """The README's JSON block: top-level fields one per line, the event expanded."""
    def first(key: str, pred) -> list:
        return [x for x in doc[key] if pred(x)][:1]

    ents = first("entities", lambda e: e["text"] == "خليفة حفتر")
    ex = {k: doc[k] for k in ("schema", "id", "title", "source", "url", "published", "language")}
    ex["text"] = doc["text"][:38] + "…"
    ex["sentences"] = doc["sentences"][:2]
    ex["entities"] = ents
    ex["actors"] = first("actors", lambda a: ents and a["id"] == ents[0]["actor_id"])
    ex["places"] = first("places", lambda p: p["text"] == "غدوة")
    ex["times"] = first("times", lambda t: t["text"] == "السبت الماضي")
    ex["events"] = first("events", lambda e: e["type"] == "ASSAULT" and e["fatalities"] == 3)
    ex["quotes"] = doc["quotes"][:1]
    lines = ["{"]
    keys = list(ex)
    for i, k in enumerate(keys):
        comma = "," if i < len(keys) - 1 else ""
        if k == "events" and ex[k]:
            (ev,) = ex[k]
            lines.append(' "events": [{')
            lines += [f'   "{kk}": {json.dumps(v, ensure_ascii=False)}' + ("," if j < len(ev) - 1 else "")
                      for j, (kk, v) in enumerate(ev.items())]
            lines.append(" }]" + comma)
        else:
            lines.append(f' "{k}": {json.dumps(ex[k], ensure_ascii=False)}{comma}')
    lines.append("}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    args = ap.parse_args(argv)

    from rasid.ingest import read_inputs
    from rasid.pipeline import default_pipeline

    seed = Path(args.shared) / "gold" / "dev" / "sisi-haftar-2019-05-09.txt"
    (doc,) = list(read_inputs([str(seed)], published="2019-05-09"))
    block = example(default_pipeline()(doc).to_contract())
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    new, n = re.subn(r"```json\n.*?```", lambda _: "```json\n" + block + "\n```", text, count=1, flags=re.S)
    if n != 1:
        print("readme_example: no ```json block in README.md", file=sys.stderr)
        return 1
    readme.write_text(new, encoding="utf-8")
    print("README.md example updated" if new != text else "README.md example unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
