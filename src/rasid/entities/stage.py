"""The entities stage: PER/ORG entities, actor ids and the document's actors.

Runs over ``Document.norm`` (computed here when the normalise stage has not
run) and writes ``doc.entities`` (names only: PER and ORG, proclitics outside
the span), ``doc.actors`` (one per actor id) and, for the events stage,
``doc.meta["entities.mentions"]``: every :class:`ActorMention` found,
including those that are not entities (titles such as «الرئيس المصري»,
bare heads such as «قوات الأمن», country names).
"""

from __future__ import annotations

from ..document import Document, Entity
from ..pipeline import stage
from ..text.normalise import normalise_with_map, original_span
from .dictionary import ActorDictionary, Lexicons, lexicons, load_dictionary
from .linker import (assign_local_ids, build_actors, coref_aliases, find_coref, resolve_bare,
                     resolve_short, resolve_titles)
from .matcher import words
from .mentions import (ActorMention, Taken, find_countries, find_dictionary, find_institutions,
                       find_names, find_titles)

MENTIONS_KEY = "entities.mentions"


def ensure_norm(doc: Document) -> None:
    """Fill ``doc.norm``/``doc.norm_map`` when the normalise stage has not."""
    if not doc.norm_map or len(doc.norm_map) != len(doc.norm) + 1:
        doc.norm, doc.norm_map = normalise_with_map(doc.text)


def extract_mentions(doc: Document, *, dictionary: ActorDictionary | None = None,
                     lex: Lexicons | None = None) -> list[ActorMention]:
    """Every actor mention of ``doc``, linked, with original offsets, in order."""
    ensure_norm(doc)
    d = dictionary or load_dictionary()
    lx = lex or lexicons()
    norm = doc.norm
    ws = words(norm)
    taken = Taken(len(ws))
    ms = find_dictionary(norm, ws, d, lx, taken)
    ms = resolve_short(ms)
    ms += find_titles(norm, ws, lx, taken, None)
    ms += find_institutions(norm, ws, lx, taken)
    orgs = {m.i: m for m in ms if m.type == "ORG" and m.actor_id}
    ms += find_titles(norm, ws, lx, taken, orgs)
    ms += find_names(norm, ws, lx, taken)
    assign_local_ids(ms, norm)
    ms += find_coref(norm, ws, coref_aliases(ms, norm, ws, lx), lx, taken)
    ms += find_countries(norm, ws, lx, taken)
    ms.sort(key=lambda m: (m.nstart, -m.nend))
    resolve_bare(ms, norm)
    resolve_titles(ms, d, lx, published=doc.published)
    for m in ms:
        m.start, m.end = original_span(doc.norm_map, m.nstart, m.nend)
        m.text = doc.text[m.start:m.end]
    return ms


def entities_from(mentions: list[ActorMention]) -> list[Entity]:
    return [Entity(m.text, m.start, m.end, m.type, m.actor_id)
            for m in mentions if m.entity and m.type in ("PER", "ORG", "LOC")]


@stage(name="entities.stage", writes=("entities", "actors"))
def STAGE(doc: Document) -> Document:
    mentions = extract_mentions(doc)
    mine = entities_from(mentions)
    spans = [(e.start, e.end) for e in mine]
    doc.entities = [e for e in doc.entities if e.type not in ("PER", "ORG")
                    and not any(e.start < b and a < e.end for a, b in spans)] + mine
    doc.entities.sort(key=lambda e: e.start)
    doc.actors = build_actors(mentions, load_dictionary(), doc.norm)
    doc.meta[MENTIONS_KEY] = mentions
    return doc
