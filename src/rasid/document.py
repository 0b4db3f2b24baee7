"""The Document and its spans.

A :class:`Document` holds the cleaned article ``text`` and, beside it, every
layer the pipeline adds. The text is never rewritten: every span keeps
``start``/``end`` character offsets into ``text`` and ``text[start:end]`` is
exactly the span's ``text``. Normalised forms live beside the text
(``Document.norm`` and ``Token.norm``), never in place of it.

``Document.to_contract()`` gives the JSON object of ``rasid.document/1``
(``../shared/schema/DOCUMENT.md``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "rasid.document/1"


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Token:
    """A white-space/punctuation token with its clitic analysis.

    ``stem_start``/``stem_end`` delimit the word without its attached
    proclitics: ``وبالجيش`` has prefixes ``("و", "ب")`` and the stem span
    ``الجيش``; ``has_article`` says that the stem begins with the article ``ال``
    (kept inside the stem, since names such as «الجيش الليبي» include it).
    """

    start: int
    end: int
    text: str
    norm: str
    prefixes: tuple[str, ...] = ()
    stem_start: int = -1
    stem_end: int = -1
    has_article: bool = False
    is_punct: bool = False

    @property
    def stem(self) -> tuple[int, int]:
        if self.stem_start < 0:
            return (self.start, self.end)
        return (self.stem_start, self.stem_end)


@dataclass(slots=True)
class NumberSpan:
    """A numeric expression: digits, number words, duals, vague quantities."""

    start: int
    end: int
    text: str
    value: int | float | None
    approximate: bool = False
    kind: str = "cardinal"  # cardinal | dual | vague | ordinal


@dataclass(slots=True)
class Entity:
    text: str
    start: int
    end: int
    type: str
    actor_id: str | None = None
    confidence: float = 1.0

    def to_contract(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "type": self.type, "actor_id": self.actor_id}


@dataclass(slots=True)
class Actor:
    """``kind`` is the ACLED actor type; ``sector`` (a field added to the
    contract's actor) the PLOVER actor sector code, e.g. ``GOV``, ``REB``."""

    id: str
    name_ar: str | None
    name_en: str | None
    kind: str | None
    country: str | None
    sector: str | None = None

    def to_contract(self) -> dict[str, Any]:
        return {"id": self.id, "name_ar": self.name_ar, "name_en": self.name_en,
                "kind": self.kind, "country": self.country, "sector": self.sector}


@dataclass(slots=True)
class Place:
    text: str
    start: int
    end: int
    name: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    feature: str | None
    geonames_id: int | None
    precision: int | None

    def to_contract(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "name": self.name, "country": self.country, "admin1": self.admin1,
                "lat": self.lat, "lon": self.lon, "feature": self.feature,
                "geonames_id": self.geonames_id, "precision": self.precision}


@dataclass(slots=True)
class TimeSpan:
    text: str
    start: int
    end: int
    value: str | None
    precision: str | None

    def to_contract(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "value": self.value, "precision": self.precision}


@dataclass(slots=True)
class Quote:
    speaker: str | None
    speaker_actor_id: str | None
    text: str
    start: int
    end: int

    def to_contract(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "speaker_actor_id": self.speaker_actor_id,
                "text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Mention:
    """An event role filler: a span of text, possibly linked to an actor."""

    text: str
    start: int
    end: int
    actor_id: str | None = None

    def to_contract(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "actor_id": self.actor_id}


@dataclass(slots=True)
class Event:
    id: str
    type: str
    mode: str | None
    trigger: Mention
    sentence: Sentence
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor: Mention | None = None
    target: Mention | None = None
    place: Place | None = None
    date: str | None = None
    date_precision: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    arrested: int | None = None
    modality: str = "asserted"
    reported_by: str | None = None
    confidence: float = 0.5

    def to_contract(self) -> dict[str, Any]:
        place = None
        if self.place is not None:
            p = self.place
            place = {"name": p.name, "country": p.country, "lat": p.lat,
                     "lon": p.lon, "precision": p.precision}
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "acled_event_type": self.acled_event_type,
            "acled_sub_event_type": self.acled_sub_event_type,
            "actor": self.actor.to_contract() if self.actor else None,
            "target": self.target.to_contract() if self.target else None,
            "place": place,
            "date": self.date,
            "date_precision": self.date_precision,
            "fatalities": self.fatalities,
            "injured": self.injured,
            "arrested": self.arrested,
            "modality": self.modality,
            "reported_by": self.reported_by,
            "trigger": {"text": self.trigger.text, "start": self.trigger.start,
                        "end": self.trigger.end},
            "sentence": {"start": self.sentence.start, "end": self.sentence.end},
            "confidence": round(float(self.confidence), 3),
        }


def content_id(text: str) -> str:
    """A stable id for a cleaned text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Document:
    text: str
    id: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD
    language: str = "ar"
    # Normalised text beside the original: norm[i] comes from text[norm_map[i]].
    norm: str = ""
    norm_map: list[int] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    numbers: list[NumberSpan] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeSpan] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.id is None:
            self.id = content_id(self.text)

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

    def to_contract(self) -> dict[str, Any]:
        """The ``rasid.document/1`` object, exactly as the contract gives it."""
        return {
            "schema": SCHEMA,
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "language": self.language,
            "text": self.text,
            "sentences": [{"start": s.start, "end": s.end} for s in self.sentences],
            "entities": [e.to_contract() for e in self.entities],
            "actors": [a.to_contract() for a in self.actors],
            "places": [p.to_contract() for p in self.places],
            "times": [t.to_contract() for t in self.times],
            "events": [e.to_contract() for e in self.events],
            "quotes": [q.to_contract() for q in self.quotes],
        }
