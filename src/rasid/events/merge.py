"""One draft per act (see :func:`merge_drafts`).

A definite plural («الهجمات») that takes up no act told before is a class of
acts (background), not an event, unless an attached verb, not in a relative
clause, tells it acting on someone («الغارات الأميركية استهدفت سيارات»).
"""

from __future__ import annotations

from ..document import Place
from .context import Candidate
from .draft import Draft


def _same_actor(x: Candidate | None, y: Candidate | None, norm: str) -> bool:
    if x is None or y is None:
        return True
    if x.actor_id and y.actor_id:
        return x.actor_id == y.actor_id
    tx, ty = norm[x.nstart:x.nend], norm[y.nstart:y.nend]
    return tx in ty or ty in tx


def _merge_into(f: Draft, e: Draft) -> None:
    f.extra_hits.append(e.hit)
    for attr in ("actor", "target", "place", "reported_by", "mode"):
        if getattr(f, attr) is None and getattr(e, attr) is not None:
            setattr(f, attr, getattr(e, attr))
    if place_rank(e) > place_rank(f):
        f.place, f.place_in_sentence, f.place_in_clause = e.place, e.place_in_sentence, e.place_in_clause
    if e.date_in_sentence and not f.date_in_sentence:
        f.date, f.date_precision, f.date_in_sentence = e.date, e.date_precision, True
    for attr in ("fatalities", "injured", "arrested"):
        a, b = getattr(f, attr), getattr(e, attr)
        if b is not None and (a is None or b > a):
            setattr(f, attr, b)
    if f.modality == "asserted" and e.modality not in ("asserted", "negated", "hypothetical"):
        f.modality = e.modality


def _specific(p: Place | None) -> int:
    if p is None:
        return -1
    feature = (p.feature or "").upper()
    return 0 if feature.startswith(("PCL", "ADM1", "CONT", "RGN")) else 1


def place_rank(d: Draft) -> tuple[bool, bool, int]:
    """How well a draft's place is attested: read in its own clause, in its
    sentence, then how specific it is (a town above a country)."""
    return (d.place_in_clause, d.place_in_sentence, _specific(d.place))


def _ids(d: Draft) -> set[str]:
    return {c.actor_id for c in (d.actor, d.target) if c is not None and c.actor_id}


def _same_meeting(f: Draft, e: Draft) -> bool:
    """Two CONSULT mentions of one meeting: the same day and a party in
    common («استقبل السيسي حفتر» … «زيارة حفتر إلى القاهرة»)."""
    if not (f.type == e.type == "CONSULT" and f.date == e.date and e.actor is not None
            and e.actor.actor_id is not None and e.actor.actor_id in _ids(f)):
        return False
    t = e.target
    # the other party must be the same one, or only the place of the meeting
    return t is None or t.kind == "loc" or (t.actor_id is not None and t.actor_id in _ids(f))


def _unnamed_retelling(f: Draft, e: Draft) -> bool:
    """The next sentence tells the same act again with unnamed doers
    («مسلحين») and no place, date or toll of its own that differ."""
    if e.actor is not None and e.actor.kind != "participant":
        return False
    if e.place_in_sentence and f.place is not None and e.place is not None \
            and e.place.name != f.place.name:
        return False
    if e.date_in_sentence and f.date_in_sentence and e.date != f.date:
        return False
    return not e.fatalities or e.fatalities == f.fatalities


_STREET_TYPES = frozenset({"PROTEST"})
# «المظاهرات», «تلك الاحتجاجات» in the news are the ones going on, not a class


def _after_relative(e: Draft, norm: str) -> bool:
    """The trigger comes right after a relative pronoun («التي استهدفت»)."""
    from .lexicon import trigger_lexicon

    before = norm[max(0, e.hit.nstart - 12):e.hit.nstart].split()
    return bool(before) and before[-1] in trigger_lexicon().cues["relative"]


def merge_drafts(drafts: list[Draft], norm: str) -> list[Draft]:
    """One draft per act (see the module docstring)."""
    out: list[Draft] = []
    background: list[Draft] = []  # «الهجمات» taking up no act told before
    for e in drafts:
        if e.hit.form.entry.attach:
            host = next((f for f in reversed(out) if 0 <= e.hit.s - f.hit.s <= 1), None)
            if host is None and not _after_relative(e, norm):
                # «الغارات الأميركية استهدفت سيارات»: the class named is told
                # doing something to someone, so it is an act (not in a relative
                # clause: «الهجمات التي استهدفت تركيا» only describes the class)
                host = next((f for f in reversed(background) if f.hit.s == e.hit.s
                             and f.type == e.type and f.hit.i < e.hit.i), None)
                if host is not None:
                    background.remove(host)
                    out.append(host)
            if host is not None:
                if host.target is None and e.target is not None:
                    host.target = e.target
                if place_rank(e) > place_rank(host):
                    host.place, host.place_in_sentence, host.place_in_clause = \
                        e.place, e.place_in_sentence, e.place_in_clause
            continue
        if e.hit.fresh:
            out.append(e)  # «زيارة مماثلة»: another act
            continue
        target = None
        if e.hit.form.entry.toll and e.actor is None:
            same_sentence = [f for f in out if f.hit.s == e.hit.s and f.type == e.type]
            prev = [f for f in out if f.hit.s == e.hit.s - 1 and f.type == e.type]
            if not same_sentence and prev:
                target = prev[-1]
        for f in reversed(out):
            if target is not None:
                break
            gap = e.hit.s - f.hit.s
            if gap > 3:
                break
            if gap == 1 and f.type == e.type and e.fatalities and e.fatalities == f.fatalities:
                target = f  # the same toll told again
                break
            if f.type != e.type:
                continue
            if gap == 1 and _unnamed_retelling(f, e):
                target = f  # «... هجوم على بلدة غدوة» / «وذكر سكان أن مسلحين اقتحموا البلدة»
                break
            if gap == 0 and e.hit.form.pos == "noun" and f.hit.form.pos == "verb":
                target = f
            elif not _same_actor(f.actor, e.actor, norm):
                continue
            elif gap == 0:
                target = f
            elif e.hit.definite:
                target = f
            elif gap == 1 and e.actor is not None and f.actor is not None and (
                    e.place is None or f.place is None or e.place.name == f.place.name):
                target = f
            if target is not None:
                break
        if target is None:
            target = next((f for f in out if _same_meeting(f, e)), None)
        if target is not None:
            _merge_into(target, e)
        elif not (e.hit.definite and e.hit.plural) or e.type in _STREET_TYPES:
            out.append(e)  # «التظاهرات تجوب العراق»: protests told are the ones going on
        else:
            # «الهجمات», «هذه الهجومات» that take up no act told before: a
            # class of acts (background), not one event
            background.append(e)
    return out
