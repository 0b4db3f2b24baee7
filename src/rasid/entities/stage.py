"""The entities stage: PER/ORG entities, actor ids and the document's actors.

Runs over ``Document.norm`` (computed here when the normalise stage has not
run) and writes ``doc.entities`` (PER and ORG names from the dictionary, the
rules and the statistical NER, and country names as LOC entities of the state
actor ``<iso3>-state``; proclitics outside the span; the places stage adds the
other LOC entities), ``doc.actors`` (one per actor id) and, for the events stage,
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
from .ner_merge import ner_mentions

MENTIONS_KEY = "entities.mentions"
# NER types merged into the entities: PER and ORG (LOC is left to the places
# stage: see ner_merge).
NER_TYPES = ("PER", "ORG")
# Whether the stage merges the statistical NER (dev: entities F1 0.932 -> 0.942;
# costs ~24 ms an article, most of it in CRF feature extraction).
USE_NER = True


def ensure_norm(doc: Document) -> None:
    """Fill ``doc.norm``/``doc.norm_map`` when the normalise stage has not."""
    if not doc.norm_map or len(doc.norm_map) != len(doc.norm) + 1:
        doc.norm, doc.norm_map = normalise_with_map(doc.text)


def extract_mentions(doc: Document, *, dictionary: ActorDictionary | None = None,
                     lex: Lexicons | None = None, ner: bool | None = None,
                     ner_types: tuple[str, ...] = NER_TYPES) -> list[ActorMention]:
    """Every actor mention of ``doc``, linked, with original offsets, in order.

    Precedence where spans overlap: dictionary names, then titles and state
    institutions, then the rule-based person names, then the
    statistical NER (``ner``: its spans of ``ner_types``) over the words left."""
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
    if USE_NER if ner is None else ner:
        found = ner_mentions(doc, ws, d, lx, taken, types=ner_types)
        if found:
            ms += found
            assign_local_ids(ms, norm)
            ms += find_coref(norm, ws, coref_aliases(found, norm, ws, lx), lx, taken)
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
