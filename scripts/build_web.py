"""Copy the dashboard's third-party assets from ``node_modules`` into the package.

Run after ``npm ci`` at the repository root (``make web`` does both). It puts
into ``src/rasid/web/static/vendor/`` (git-ignored):

- ``leaflet/``: ``leaflet.js``, ``leaflet.css``, ``images/*.png`` and the
  licence of Leaflet (BSD-2-Clause);
- ``world/countries-110m.geojson``: the Natural Earth 110m country outlines of
  ``world-atlas`` (ISC), converted from TopoJSON with ``topojson-client`` run
  by Node, and the licence of world-atlas;
- ``manifest.json``: the versions that were copied.

It is idempotent: a file whose content is already right is left untouched, and
files of an earlier build that are no longer produced are removed.

    python scripts/build_web.py [--node-modules DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
OUT = REPO / "src" / "rasid" / "web" / "static" / "vendor"

# package -> the version package-lock.json pins (checked, never fetched).
PACKAGES = ("leaflet", "world-atlas", "topojson-client")

TO_GEOJSON_JS = """
const fs = require("fs");
const topojson = require(process.argv[1]);
const topo = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const fc = topojson.feature(topo, topo.objects.countries);
const round = (c) => Array.isArray(c[0]) ? c.map(round) : c.map((v) => Math.round(v * 1e4) / 1e4);
// Rings that cross the antimeridian (Russia, Fiji, Antarctica) jump from +180
// to -180; unwrap their longitudes so that no edge spans the whole map.
const unwrap = (ring) => {
  let prev = null;
  return ring.map(([lon, lat]) => {
    if (prev !== null) { while (lon - prev > 180) lon -= 360; while (lon - prev < -180) lon += 360; }
    prev = lon;
    return [lon, lat];
  });
};
const rings = (g) => g.type === "Polygon" ? g.coordinates.map(unwrap)
  : g.type === "MultiPolygon" ? g.coordinates.map((p) => p.map(unwrap)) : g.coordinates;
for (const f of fc.features) {
  f.properties = {name: f.properties.name, id: f.id ?? null};
  f.geometry.coordinates = round(rings(f.geometry));
}
process.stdout.write(JSON.stringify(fc));
"""


class BuildError(Exception):
    """A missing input or a failed conversion; one line."""


def _version(node_modules: Path, name: str) -> str:
    path = node_modules / name / "package.json"
    if not path.exists():
        raise BuildError(f"{path} is missing: run `npm ci` at the repository root first")
    return json.loads(path.read_text(encoding="utf-8"))["version"]


def _check_lock(node_modules: Path) -> dict[str, str]:
    """The installed versions, checked against package-lock.json."""
    lock_path = node_modules.parent / "package-lock.json"
    locked = {}
    if lock_path.exists():
        lock = json.loads(lock_path.read_text(encoding="utf-8"))
        for name in PACKAGES:
            entry = lock.get("packages", {}).get(f"node_modules/{name}")
            if entry:
                locked[name] = entry["version"]
    versions = {}
    for name in PACKAGES:
        versions[name] = _version(node_modules, name)
        if name in locked and locked[name] != versions[name]:
            raise BuildError(f"node_modules has {name} {versions[name]} but package-lock.json "
                             f"pins {locked[name]}: run `npm ci`")
    return versions


def _write(path: Path, data: bytes, written: set[Path]) -> bool:
    """Write ``data`` to ``path`` unless it already holds it; True if written."""
    written.add(path)
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def _countries_geojson(node_modules: Path) -> bytes:
    node = shutil.which("node")
    if node is None:
        raise BuildError("node is not on PATH: it is needed to convert the country outlines")
    topo = node_modules / "world-atlas" / "countries-110m.json"
    client = node_modules / "topojson-client"
    proc = subprocess.run([node, "-e", TO_GEOJSON_JS, str(client), str(topo)],
                          capture_output=True, check=False)
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BuildError(f"converting {topo.name} failed: {msg[-1] if msg else proc.returncode}")
    fc = json.loads(proc.stdout)
    if fc.get("type") != "FeatureCollection" or len(fc.get("features", [])) < 100:
        raise BuildError(f"converting {topo.name} gave no usable FeatureCollection")
    return proc.stdout


def build(*, node_modules: Path = NODE_MODULES, out: Path = OUT) -> tuple[int, int]:
    """Build the vendor folder; returns (files written, files unchanged)."""
    versions = _check_lock(node_modules)
    leaflet = node_modules / "leaflet"
    files: dict[Path, bytes] = {}
    for name in ("leaflet.js", "leaflet.css"):
        files[out / "leaflet" / name] = (leaflet / "dist" / name).read_bytes()
    for img in sorted((leaflet / "dist" / "images").glob("*.png")):
        files[out / "leaflet" / "images" / img.name] = img.read_bytes()
    files[out / "leaflet" / "LICENSE"] = (leaflet / "LICENSE").read_bytes()
    files[out / "world" / "countries-110m.geojson"] = _countries_geojson(node_modules)
    files[out / "world" / "LICENSE"] = (node_modules / "world-atlas" / "LICENSE").read_bytes()
    manifest = {"packages": versions,
                "files": sorted(str(p.relative_to(out)) for p in files)}
    files[out / "manifest.json"] = (json.dumps(manifest, indent=1) + "\n").encode("utf-8")

    written: set[Path] = set()
    changed = sum(_write(path, data, written) for path, data in files.items())
    # Drop leftovers of an earlier build.
    for path in sorted(out.rglob("*"), reverse=True):
        if path.is_file() and path not in written:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changed, len(files) - changed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="copy Leaflet and the country outlines into the package")
    ap.add_argument("--node-modules", type=Path, default=NODE_MODULES)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    try:
        changed, same = build(node_modules=args.node_modules, out=args.out)
    except (BuildError, OSError) as exc:
        print(f"build_web: error: {exc}", file=sys.stderr)
        return 1
    print(f"build_web: {args.out}: {changed} file(s) written, {same} unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
