"""The places stage: gazetteer matching, geocoding, LOC entities.

Writes ``doc.places`` (one :class:`rasid.document.Place` per mention) and adds
a ``LOC`` entity for each place mention that no existing entity overlaps.
"""

from __future__ import annotations

from typing import Iterable

from ..document import Document, Entity, Place
from ..pipeline import stage
from ..text.normalise import normalise
from .gazetteer import gazetteer
from .geocoder import resolve
from .matcher import find_mentions


def find_places(text: str, *, norm: str | None = None, norm_map: list[int] | None = None,
                loc_spans: Iterable[tuple[int, int]] = ()) -> list[Place]:
    """Every place mention of ``text``, geocoded (``loc_spans``: LOC entity
    spans to read as place mentions too)."""
    return [p for p, _ in _geocode(text, norm=norm, norm_map=norm_map, loc_spans=loc_spans)]


def _geocode(text: str, *, norm: str | None, norm_map: list[int] | None,
             loc_spans: Iterable[tuple[int, int]]) -> list[tuple[Place, bool]]:
    """``(place, inferred)`` for every mention (inferred: a facility or
    quarter read from context, not a gazetteer name)."""
    mentions = find_mentions(text, norm=norm, norm_map=norm_map, loc_spans=loc_spans)
    out = []
    for r in resolve(mentions):
        m, c = r.mention, r.place
        out.append((Place(text=m.text, start=m.start, end=m.end, name=c.name, country=c.country,
                          admin1=c.admin1, lat=c.lat, lon=c.lon, feature=c.feature,
                          geonames_id=c.geonames_id, precision=r.precision),
                    m.inferred in ("facility", "quarter")))
    return out


def add_loc_entities(doc: Document, *, inferred: frozenset[int] = frozenset()) -> None:
    """A ``LOC`` entity for each place that overlaps no entity already there
    (``inferred``: start offsets of places read from context, whose text is
    a name even though the gazetteer lacks it)."""
    gaz = gazetteer()
    taken = [(e.start, e.end) for e in doc.entities]
    added = []
    for p in doc.places:
        if any(p.start < e and s < p.end for s, e in taken):
            continue
        if p.start not in inferred and normalise(p.text, collapse_space=True) not in gaz:
            continue  # «للعراق» leaves the span «لعراق»: a place, not a name as written
        added.append(Entity(text=p.text, start=p.start, end=p.end, type="LOC", actor_id=None))
        taken.append((p.start, p.end))
    if added:
        doc.entities = sorted(doc.entities + added, key=lambda e: (e.start, e.end))


@stage(name="geo.places", reads=("text", "norm", "entities"), writes=("places", "entities"))
def STAGE(doc: Document) -> Document:
    spans = [(e.start, e.end) for e in doc.entities if e.type == "LOC"]
    found = _geocode(doc.text, norm=doc.norm or None, norm_map=doc.norm_map or None, loc_spans=spans)
    doc.places = [p for p, _ in found]
    add_loc_entities(doc, inferred=frozenset(p.start for p, inf in found if inf))
    return doc
