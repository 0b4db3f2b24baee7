"""The evaluation report: every figure with the counts it rests on.

A :class:`Ratio` is a numerator over a denominator (``17/19 = 0.895``; a zero
denominator prints ``n/a``). :class:`Report` holds one :class:`ArticleScore`
per gold file and sums their counts (micro averages) for the totals.
``Report.as_dict()`` gives the numbers; ``Report.format()`` a compact table,
and with ``details=True`` the misses and false alarms of every article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .events import EventResult
from .scoring import CleaningResult, CorefResult, EntityResult, PlaceResult, TimeResult


@dataclass(slots=True, frozen=True)
class Ratio:
    num: int
    den: int

    @property
    def value(self) -> float | None:
        return None if self.den == 0 else self.num / self.den

    def __str__(self) -> str:
        return f"{self.num}/{self.den} = {fmt(self.value)}"

    def as_dict(self) -> dict[str, Any]:
        v = self.value
        return {"num": self.num, "den": self.den, "ratio": None if v is None else round(v, 4)}


def fmt(value: float | None) -> str:
    """Three decimals, or ``n/a`` for an undefined ratio."""
    return "n/a" if value is None else f"{value:.3f}"


def f1(p: Ratio, r: Ratio) -> float | None:
    """Harmonic mean of precision and recall; None when either is undefined."""
    pv, rv = p.value, r.value
    if pv is None or rv is None:
        return None
    return 0.0 if pv + rv == 0 else 2 * pv * rv / (pv + rv)


@dataclass(slots=True)
class ArticleScore:
    """Every result for one gold article, plus event lines for the details."""

    id: str
    cleaning: CleaningResult
    entities: EntityResult
    coreference: CorefResult
    places: PlaceResult
    times: TimeResult
    events: EventResult
    missed_events: list[str] = field(default_factory=list)
    false_alarm_events: list[str] = field(default_factory=list)
    pair_notes: list[str] = field(default_factory=list)

    def details(self) -> dict[str, Any]:
        c, e, pl, t = self.cleaning, self.entities, self.places, self.times
        return {
            "cleaning": {"title_ok": c.title_ok, "source_ok": c.source_ok,
                         "title": list(c.title), "source": list(c.source),
                         "missing_snippets": c.missing, "forbidden_snippets": c.present},
            "missed_entities": [list(x) for x in e.missed],
            "spurious_entities": [list(x) for x in e.spurious],
            "split_coreference": [list(x) for x in self.coreference.split],
            "missing_places": pl.missing,
            "wrong_places": [{"text": txt, "km": km} for txt, km in pl.wrong],
            "times_not_in_text": t.not_in_text,
            "missing_times": t.missing,
            "wrong_times": [{"text": txt, "gold": g, "system": s} for txt, g, s in t.wrong],
            "missed_events": self.missed_events,
            "false_alarm_events": self.false_alarm_events,
            "pair_notes": self.pair_notes,
        }


def figures(articles: list[ArticleScore]) -> dict[str, Any]:
    """Micro-averaged figures over ``articles`` (one article: its own)."""
    def total(get) -> int:
        return sum(get(a) for a in articles)

    ent_hits = total(lambda a: len(a.entities.hits))
    ent_p = Ratio(ent_hits, total(lambda a: len(a.entities.system)))
    ent_r = Ratio(ent_hits, total(lambda a: len(a.entities.gold)))
    matched = total(lambda a: a.events.matched)
    ev_p = Ratio(matched, total(lambda a: a.events.system_counted))
    ev_r = Ratio(matched, total(lambda a: a.events.gold_required))
    return {
        "cleaning": Ratio(total(lambda a: a.cleaning.passed), len(articles)),
        "entities": {"precision": ent_p, "recall": ent_r, "f1": f1(ent_p, ent_r)},
        "coreference": Ratio(total(lambda a: a.coreference.shared),
                             total(lambda a: a.coreference.pairs)),
        "places": {"right": Ratio(total(lambda a: a.places.right), total(lambda a: a.places.total)),
                   "found": Ratio(total(lambda a: a.places.found), total(lambda a: a.places.total))},
        "times": Ratio(total(lambda a: a.times.right), total(lambda a: a.times.total)),
        "events": {
            "precision": ev_p, "recall": ev_r, "f1": f1(ev_p, ev_r),
            "target": Ratio(total(lambda a: a.events.target_right),
                            total(lambda a: a.events.target_total)),
            "fatalities": Ratio(total(lambda a: a.events.fatalities_right),
                                total(lambda a: a.events.fatalities_total)),
            "modality": Ratio(total(lambda a: a.events.modality_right),
                              total(lambda a: a.events.modality_total)),
        },
    }


def _plain(obj: Any) -> Any:
    if isinstance(obj, Ratio):
        return obj.as_dict()
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, float):
        return round(obj, 4)
    return obj


@dataclass(slots=True)
class Report:
    gold_dir: str
    articles: list[ArticleScore] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        return figures(self.articles)

    def as_dict(self) -> dict[str, Any]:
        """Numerators, denominators and ratios of every figure, in total and
        per article (with the per-article details)."""
        return {
            "gold_dir": self.gold_dir,
            "articles": len(self.articles),
            "figures": _plain(self.figures()),
            "per_article": [{"id": a.id, "figures": _plain(figures([a])),
                             "details": a.details()} for a in self.articles],
        }

    def format(self, *, details: bool = False) -> str:
        """A compact table of the totals and of each article; with
        ``details`` also what each article missed or got wrong."""
        f = self.figures()
        ent, ev = f["entities"], f["events"]
        lines = [
            f"rasid eval: {len(self.articles)} article(s) in {self.gold_dir}",
            f"cleaning             {f['cleaning']}",
            f"entities             P {ent['precision']}  R {ent['recall']}  F1 {fmt(ent['f1'])}",
            f"coreference          {f['coreference']}",
            f"places right@161km   {f['places']['right']}   found {f['places']['found']}",
            f"times                {f['times']}",
            f"events               P {ev['precision']}  R {ev['recall']}  F1 {fmt(ev['f1'])}",
            f"  target right       {ev['target']}",
            f"  fatalities exact   {ev['fatalities']}",
            f"  modality exact     {ev['modality']}",
            "",
            _row("article", "clean", "ent P", "ent R", "coref", "places", "found", "times",
                 "ev P", "ev R"),
        ]
        for a in self.articles:
            g = figures([a])
            lines.append(_row(a.id, "ok" if a.cleaning.passed else "FAIL",
                              _nd(g["entities"]["precision"]), _nd(g["entities"]["recall"]),
                              _nd(g["coreference"]), _nd(g["places"]["right"]),
                              _nd(g["places"]["found"]), _nd(g["times"]),
                              _nd(g["events"]["precision"]), _nd(g["events"]["recall"])))
        if details:
            for a in self.articles:
                lines.extend(_detail_lines(a))
        return "\n".join(lines)


def _nd(r: Ratio) -> str:
    return f"{r.num}/{r.den}"


def _row(name: str, *cells: str) -> str:
    return f"{name[:26]:<26} " + " ".join(f"{c:>7}" for c in cells)


def _detail_lines(a: ArticleScore) -> list[str]:
    d = a.details()
    out = ["", f"== {a.id}"]
    c = d["cleaning"]
    if not a.cleaning.title_ok:
        out.append(f"  title: gold {c['title'][0]!r} / system {c['title'][1]!r}")
    if not a.cleaning.source_ok:
        out.append(f"  source: gold {c['source'][0]!r} / system {c['source'][1]!r}")
    for s in c["missing_snippets"]:
        out.append(f"  body lacks: {s}")
    for s in c["forbidden_snippets"]:
        out.append(f"  body keeps: {s}")

    def listing(label: str, items: list[str]) -> None:
        if items:
            out.append(f"  {label} ({len(items)}): " + "، ".join(items))

    listing("missed entities", [f"{t}/{ty}" for t, ty in d["missed_entities"]])
    listing("spurious entities", [f"{t}/{ty}" for t, ty in d["spurious_entities"]])
    listing("coreference split", [f"{x[0]}~{x[1]} {x[2]}≠{x[3]}" for x in d["split_coreference"]])
    listing("places not found", d["missing_places"])
    listing("places wrong", [f"{w['text']} ({'no point' if w['km'] is None else str(w['km']) + ' km'})"
                             for w in d["wrong_places"]])
    listing("times not in body", d["times_not_in_text"])
    listing("times missing", d["missing_times"])
    listing("times wrong", [f"{w['text']} gold {w['gold']} system {w['system']}"
                            for w in d["wrong_times"]])
    for e in d["missed_events"]:
        out.append(f"  missed event: {e}")
    for e in d["false_alarm_events"]:
        out.append(f"  false alarm: {e}")
    for e in d["pair_notes"]:
        out.append(f"  matched: {e}")
    if len(out) == 2:
        out.append("  nothing missed, nothing spurious")
    return out
