"""Find Arabic date expressions: the patterns, built from the YAML word lists.

Patterns run over normalised text (:func:`rasid.text.normalise.normalise`);
each match maps back to exact offsets in the original. Proclitics before an
expression (``وفي``, ``بـ``, ``والخميس``) stay outside its span. Where two
matches overlap, the longer wins; an absolute date in parentheses right after
an expression joins it («اليوم الخميس (23 يوليو/تموز 2015)»).

The values are computed by :mod:`rasid.time.resolve`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..text.normalise import normalise

L = "\u0621-\u064A"  # Arabic letters (normalised text)


def _n(s: Any) -> str:
    return normalise(str(s), collapse_space=True)


def _alt(words) -> str:
    """A regex alternation of words, longest first, spaces as ``\\s+``."""
    forms = sorted({_n(w) for w in words}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in f.split(" ")) for f in forms)


def data_file(name: str) -> Path:
    return Path(str(resources.files("rasid.data").joinpath("time", name)))


@dataclass(slots=True, frozen=True)
class Lexicon:
    """The time words of ``data/time/*.yaml``, normalised, with lookups."""

    months: dict[str, int]  # gregorian name -> 1..12
    hijri: dict[str, int]
    weekdays: dict[str, int]  # name -> 0 (Monday) .. 6
    days: dict[str, int]  # relative day word -> offset
    day_parts: tuple[str, ...]
    past: frozenset[str]
    next: frozenset[str]
    current: frozenset[str]
    units: dict[str, str]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    edges: tuple[str, ...]
    alone_ambiguous: frozenset[str]
    not_today_before: frozenset[str]
    not_today_after: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    cal = yaml.safe_load(data_file("calendar.yaml").read_text(encoding="utf-8"))
    rel = yaml.safe_load(data_file("relative.yaml").read_text(encoding="utf-8"))

    def table(t: dict) -> dict[str, int]:
        return {_n(name): int(k) for k, names in t.items() for name in names}

    return Lexicon(
        months=table(cal["gregorian"]),
        hijri=table(cal["hijri"]),
        weekdays=table(cal["weekdays"]),
        days={_n(k): int(v) for k, v in rel["days"].items()},
        day_parts=tuple(_n(w) for w in rel["day_parts"]),
        past=frozenset(_n(w) for w in rel["past"]),
        next=frozenset(_n(w) for w in rel["next"]),
        current=frozenset(_n(w) for w in rel["current"]),
        units={_n(k): str(v) for k, v in rel["units"].items()},
        numbers={_n(k): int(v) for k, v in rel["numbers"].items()},
        ordinals={_n(k): int(v) for k, v in rel["ordinals"].items()},
        edges=tuple(_n(w) for w in rel["edges"]),
        alone_ambiguous=frozenset(_n(w) for w in cal["alone_ambiguous"]),
        not_today_before=frozenset(_n(w) for w in rel["not_today"]["before"]),
        not_today_after=frozenset(_n(w) for w in rel["not_today"]["after"]),
    )


@dataclass(slots=True)
class Match:
    """A date expression found in normalised text, before resolution."""

    kind: str  # date | hdate | month | ordinal | weekday | relday | year | period | ago | range | numdate
    start: int  # offsets in the normalised text
    end: int
    groups: dict[str, str | None] = field(default_factory=dict)
    inner: "Match | None" = None  # a parenthesised absolute date joined to it


@lru_cache(maxsize=1)
def patterns() -> list[tuple[str, re.Pattern]]:
    lx = lexicon()
    sep = r"\s*[/\-–—]\s*"
    gm = _alt(lx.months)
    gmonth = (rf"(?P<m1>{gm})(?:{sep}(?P<m2>{gm})|\s*\(\s*(?P<m3>{gm})\s*\))?")
    mod = rf"(?P<mod>{_alt(lx.past | lx.next | lx.current)})"
    mod2 = mod.replace("?P<mod>", "?P<mod2>")
    year = r"(?P<year>(?:1[89]|20)\d\d)(?:\s*م(?![" + L + r"]))?"
    yearp = rf"(?:\s*[،,]?\s*(?:من\s+)?(?:عام\s+|العام\s+|سنه\s+)?{year}|\s+{mod})"
    part = rf"(?P<part>(?:{_alt(lx.day_parts)}))"
    wd = _alt(lx.weekdays)
    rel = rf"(?P<rel>{_alt(lx.days)})"
    edge = rf"(?:(?P<edge>{_alt(lx.edges)})\s+)"
    units = _alt(lx.units)
    num = rf"(?P<num>\d+|{_alt(lx.numbers)})"
    day = r"(?P<day>[0-3]?\d)(?!\d)"
    ords = _alt(lx.ordinals)
    pre = rf"(?<![{L}0-9])(?:وب|ول|فب|[وفبل])?"
    post = rf"(?![{L}0-9])"
    raw = [
        ("date", rf"(?:{part}\s+)?(?:(?P<wd>{wd})\s*[،,]?\s+)?(?:يوم\s+)?{day}\s+(?:من\s+)?(?:شهر\s+)?{gmonth}(?:{yearp})?"),
        ("hdate", rf"{day}\s+(?:من\s+)?(?:شهر\s+)?(?P<hm>{_alt(lx.hijri)})(?:\s+(?P<hyear>1[34]\d\d)(?:\s*ه(?![{L}]))?)?"),
        ("ordinal", rf"(?:يوم\s+)?(?P<ord>{ords})\s+من\s+(?:(?:الشهر|هذا\s+الشهر)(?:\s+{mod2})?|(?:شهر\s+)?{gmonth}(?:{yearp})?)"),
        ("month", rf"{edge}?(?:شهر\s+)?{gmonth}(?:{yearp})?"),
        ("weekday", rf"(?:{part}\s+)?(?:{rel}\s+)?(?:يوم\s+)?(?P<wd>{wd})(?:\s+(?P<wd2>{wd}))?(?:\s+{mod})?"),
        ("relday", rf"(?:{part}\s+)?{rel}"),
        ("year", rf"{edge}?(?:(?:عام|العام|سنه|السنه)\s+){year}"),
        ("year", rf"(?<=في\s){year}"),
        ("period", rf"{edge}?(?P<unit>الاسبوع|الشهر|العام|السنه)\s+{mod}"),
        ("period", rf"{edge}(?P<unit>الاسبوع|الشهر|العام|السنه)(?![{L}])"),
        ("range", rf"(?:(?<=من\s)|(?<=بين\s)){day}\s*(?:-|–|الي|حتي|و)\s*(?P<day2>[0-3]?\d)\s+(?:من\s+)?(?:شهر\s+)?{gmonth}(?:{yearp})?"),
        ("range", rf"{day}\s*[-–]\s*(?P<day2>[0-3]?\d)\s+(?:من\s+)?(?:شهر\s+)?{gmonth}(?:{yearp})?"),
        ("numdate", r"(?P<nd>[0-3]?\d)\s*(?P<ns>[/.])\s*(?P<nm>[01]?\d)\s*(?P=ns)\s*(?P<ny>(?:19|20)\d\d)(?!\d)"),
        ("numdate", r"(?P<ny>(?:19|20)\d\d)-(?P<nm>[01]\d)-(?P<nd>[0-3]\d)(?!\d)"),
        ("ago", rf"(?P<dir>قبل|منذ)\s+(?:{num}\s+)?(?P<unit>{units})"),
    ]
    return [(kind, re.compile(pre + "(?P<expr>" + rx + ")" + post)) for kind, rx in raw]


def scan(norm: str) -> list[Match]:
    """Date expressions of a normalised text, non-overlapping, in order."""
    lx = lexicon()
    found: list[Match] = []
    for kind, rx in patterns():
        for m in rx.finditer(norm):
            g = {k: v for k, v in m.groupdict().items() if k != "expr"}
            hit = Match(kind, m.start("expr"), m.end("expr"), g)
            if _acceptable(hit, norm, lx):
                found.append(hit)
    found.sort(key=lambda h: (-(h.end - h.start), h.start))
    chosen: list[Match] = []
    for h in found:
        if all(h.end <= c.start or h.start >= c.end for c in chosen):
            chosen.append(h)
    chosen.sort(key=lambda h: h.start)
    return _join_parenthesised(chosen, norm)


def _acceptable(h: Match, norm: str, lx: Lexicon) -> bool:
    g = h.groups
    if h.kind == "month" and not (g.get("year") or g.get("mod") or g.get("m2") or g.get("m3") or g.get("edge")):
        # A month alone: the ambiguous names («مارس» is also a verb) need a
        # preceding «في/خلال/منذ/شهر».
        if _n(g["m1"]) in lx.alone_ambiguous and not re.search(r"(?:في|خلال|منذ|شهر|حتي)\s+$", norm[:h.start]):
            return False
    if h.kind == "relday" and _n(g["rel"]) == "اليوم" and not g.get("part"):
        before = norm[:h.start].split()[-1:] or [""]
        after = norm[h.end:].split()[:1] or [""]
        if before[0] in lx.not_today_before or after[0] in lx.not_today_after:
            return False
    if h.kind == "ago" and not g.get("num") and _n(g["unit"]) in ("ايام", "اسابيع", "اشهر", "شهور", "اعوام", "سنوات"):
        return False  # «منذ أيام»: a vague span, no value
    return True


def _join_parenthesised(items: list[Match], norm: str) -> list[Match]:
    out: list[Match] = []
    for h in items:
        if out:
            prev = out[-1]
            gap = norm[prev.end:h.start]
            close = re.match(r"\s*\)", norm[h.end:])
            if re.fullmatch(r"\s*\(\s*", gap) and close and h.kind in ("date", "hdate") and prev.kind in ("weekday", "relday"):
                prev.end = h.end + close.end()
                prev.inner = h
                continue
        out.append(h)
    return out
