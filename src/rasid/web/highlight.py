"""Render an article's text as HTML with its spans highlighted by kind.

Spans may nest (a place inside a quote, an entity and a place over the same
words) and may overlap without nesting. The text is cut at every span
boundary; at each boundary the spans that end are closed and those that start
are opened, outer (longer) ones first. When a span must close while a span
opened after it is still open, the inner one is closed and reopened right
after, so the HTML is always well formed; reopened pieces carry
``data-cont="1"`` so that every span is counted once by its first piece.

All text and attribute values are escaped: article text is untrusted input.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any, Iterable

# Kinds in nesting order: at the same start and end, the earlier kind is outer.
KINDS: tuple[str, ...] = ("quote", "per", "org", "loc", "misc", "place", "time", "trigger")

# Legend labels (Arabic, English) for each kind.
LEGEND: dict[str, tuple[str, str]] = {
    "per": ("شخص", "person (PER)"),
    "org": ("منظمة", "organisation (ORG)"),
    "loc": ("موقع", "location (LOC)"),
    "misc": ("كيان آخر", "other entity"),
    "place": ("مكان مُحدَّد", "geocoded place"),
    "time": ("زمن", "time"),
    "trigger": ("حدث", "event trigger"),
    "quote": ("اقتباس", "quote"),
}

_ENTITY_KINDS = {"PER": "per", "ORG": "org", "LOC": "loc"}
_ORDER = {kind: i for i, kind in enumerate(KINDS)}


@dataclass(slots=True, frozen=True)
class Mark:
    """A span to highlight: ``text[start:end]`` of one ``kind`` with a tooltip."""

    start: int
    end: int
    kind: str
    label: str = ""


def _label(*parts: Any) -> str:
    return " · ".join(str(p) for p in parts if p not in (None, ""))


def marks_from_contract(doc: dict[str, Any]) -> list[Mark]:
    """Every highlightable span of a ``rasid.document/1`` object."""
    marks: list[Mark] = []
    for ent in doc.get("entities") or []:
        kind = _ENTITY_KINDS.get(str(ent.get("type")), "misc")
        marks.append(Mark(ent["start"], ent["end"], kind, _label(ent.get("type"), ent.get("actor_id"))))
    for place in doc.get("places") or []:
        coords = None
        if place.get("lat") is not None and place.get("lon") is not None:
            coords = f"{place['lat']:.3f}, {place['lon']:.3f}"
        marks.append(Mark(place["start"], place["end"], "place",
                          _label(place.get("name"), place.get("country"), coords)))
    for time in doc.get("times") or []:
        marks.append(Mark(time["start"], time["end"], "time",
                          _label(time.get("value"), time.get("precision"))))
    for event in doc.get("events") or []:
        trig = event.get("trigger") or {}
        if "start" in trig and "end" in trig:
            marks.append(Mark(trig["start"], trig["end"], "trigger",
                              _label(event.get("type"), event.get("mode"), event.get("id"))))
    for quote in doc.get("quotes") or []:
        marks.append(Mark(quote["start"], quote["end"], "quote", _label(quote.get("speaker"))))
    return marks


def _open_tag(mark: Mark, *, cont: bool) -> str:
    attrs = f' class="hl hl-{escape(mark.kind)}" data-kind="{escape(mark.kind)}"'
    if mark.label:
        attrs += f' title="{escape(mark.label)}"'
    if cont:
        attrs += ' data-cont="1"'
    return f"<mark{attrs}>"


def render_marked(text: str, marks: Iterable[Mark]) -> str:
    """``text`` as escaped HTML with each valid mark wrapped in ``<mark>``.

    Marks outside the text or empty are dropped; duplicates are kept once.
    """
    n = len(text)
    valid = sorted({m for m in marks if 0 <= m.start < m.end <= n},
                   key=lambda m: (m.start, -m.end, _ORDER.get(m.kind, len(KINDS)), m.label))
    bounds = sorted({0, n, *(m.start for m in valid), *(m.end for m in valid)})
    starts: dict[int, list[Mark]] = {}
    for m in valid:
        starts.setdefault(m.start, []).append(m)

    out: list[str] = []
    stack: list[Mark] = []
    for i, pos in enumerate(bounds):
        # Close the marks that end here, reopening any opened inside them.
        if any(m.end == pos for m in stack):
            reopen: list[Mark] = []
            while any(m.end == pos for m in stack):
                top = stack.pop()
                out.append("</mark>")
                if top.end != pos:
                    reopen.append(top)
            for m in reversed(reopen):
                out.append(_open_tag(m, cont=True))
                stack.append(m)
        for m in starts.get(pos, ()):
            out.append(_open_tag(m, cont=False))
            stack.append(m)
        if i + 1 < len(bounds):
            out.append(escape(text[pos:bounds[i + 1]], quote=False))
    out.extend("</mark>" for _ in stack)
    return "".join(out)
