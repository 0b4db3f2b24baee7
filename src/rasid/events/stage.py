"""The events stage: PLOVER events with ACLED types, and quotes.

Reads every earlier layer (tokens, sentences, numbers, entities and the
mentions the entities stage leaves in ``doc.meta``, places, times) and writes
``doc.events`` (:func:`~rasid.events.extract.extract_events`) and
``doc.quotes`` (:func:`~rasid.events.quotes.find_quotes`).
"""

from __future__ import annotations

from ..document import Document
from ..pipeline import stage
from .extract import extract_events
from .quotes import find_quotes


@stage(name="events.stage", writes=("events", "quotes"))
def STAGE(doc: Document) -> Document:
    doc.events = extract_events(doc)
    doc.quotes = find_quotes(doc)
    return doc
