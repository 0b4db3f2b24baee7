"""Events from trigger words, one sentence at a time: the driver.

For each sentence that is not a question or an opinion
(:func:`~rasid.events.modality.sentence_skipped`), every trigger of the
lexicon found there (:mod:`~rasid.events.triggers`) becomes a :class:`Draft`
whose fields are filled by one module each:

* :mod:`~rasid.events.roles` — actor and target from the clause (VSO, SVO,
  passives, nominal events, «بين X و Y», «من تنفيذ X», «أعلن X مسؤوليته»,
  relative clauses, verbs of doing, «قال X إنه …», the state body of an
  arrest, a sentence-opening verb continuing the subject before);
* :mod:`~rasid.events.modality` — negated, future, hypothetical (also a
  purpose «لشن»), claimed, suspected, accused, denied, else asserted;
* :mod:`~rasid.events.attach` — place from the event's own clause, then its
  sentence; date likewise, else the week of publication;
* :mod:`~rasid.events.figures` — killed, injured, arrested («و N» adds up;
  ASSAULT without a kill figure but with injuries or «دون إراقة دماء» has 0
  fatalities, none at all null; every other type 0);
* :mod:`~rasid.events.sources` — ``reported_by`` («قال مصدر أمني»).

Drafts of one act are then merged (:mod:`~rasid.events.merge`). Future
CONSULT/SUPPORT/COOPERATE/AID become AGREE and future RETREAT CONCEDE
(PLOVER). Types that need an actor (see ontology.yaml) are dropped without
one, and so are negated and hypothetical events by default; types that need
a political party (REQUEST, CONSULT, SUPPORT, AGREE) are dropped when neither
actor nor target is one (:func:`_political`). ACLED types come
from :mod:`~rasid.events.acled`.

With the ``[events] sentence_classifier`` setting (off when absent), the
events left are then filtered by the learned sentence classifier
(:mod:`~rasid.events.classifier`): a candidate scoring below the model's
threshold is dropped (not in a one-sentence text, see :func:`_one_sentence`).

**confidence** = trigger weight (0.45–0.8) + 0.1 with an actor (+0.05 if it
is a known actor) + 0.05 each for a target, a place and a date read in the
sentence, − 0.15 when the modality is not ``asserted``; clipped to 0.05–0.95.
"""

from __future__ import annotations

from ..document import Document, Event, Mention
from ..text.normalise import original_span
from .attach import assign_place_date, carry_over
from .background import background
from .context import Context, build_context
from .draft import Draft, Hit
from .figures import figure, grand_total, no_casualties, sentence_figures, tally_sentence
from .lexicon import TriggerLexicon, trigger_lexicon
from .merge import merge_drafts
from .modality import assign_modality, sentence_skipped
from .opinion import opinion_piece
from .ontology import ontology
from .acled import acled_types
from .roles import assign_roles, inherit_agent, inherit_subject
from .sources import sentence_source
from .triggers import find_triggers

DROP = ("negated", "hypothetical")
_SHIFT_FUTURE = {"CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE",
                 "RETREAT": "CONCEDE"}


def _confidence(d: Draft) -> float:
    c = d.hit.form.entry.weight
    if d.actor is not None:
        c += 0.1 + (0.05 if d.actor.actor_id else 0.0)
    if d.target is not None:
        c += 0.05
    if d.place_in_sentence:
        c += 0.05
    if d.date_in_sentence:
        c += 0.05
    if d.modality != "asserted":
        c -= 0.15
    return max(0.05, min(0.95, c))


def _source_head(ctx: Context, lex: TriggerLexicon, c) -> bool:
    """The role filler ``c`` is headed by a reporting word («المرصد», «مصدر»)."""
    words = ctx.norm[c.nstart:c.nend].split()
    return bool(words) and (words[0] in lex.cues["sources"]
                            or words[0].removeprefix("ال") in lex.cues["sources"])


def _political(ctx: Context, lex: TriggerLexicon, c, *, target: bool = False) -> bool:
    """The role filler ``c`` is a political party: a known actor (an id not
    minted for this document only), a country, a group of people (as the
    actor only: «طالب المحتجون», but not «طالب فلان الأهالي بالتطوع»), or a
    holder of a political office («رئيس الوزراء اليوناني ...»)."""
    if c is None or c.victim:
        return False
    if c.actor_id and not c.actor_id.startswith("doc:"):
        return True
    if c.kind == "country" or (c.kind == "participant" and not target):
        return True
    titles = lex.cues["political_titles"]
    return any(w in titles or w.removeprefix("و") in titles
               for w in ctx.norm[c.nstart:c.nend].split())


# types of relations between parties: a company, a bank or a club doing one
# («وافقت لجنة القيد على قيد شركة», «تراجعت أرباح الشركة») makes no event
# unless what it is done to is a political party
_RELATION_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "REJECT", "RETREAT",
                             "CONCEDE", "COOPERATE", "AID", "ACCUSE", "SANCTION", "THREATEN"})


def _private(ctx: Context, lex: TriggerLexicon, c) -> bool:
    """The role filler ``c`` is headed by a company, bank or club word
    (cues.private_heads: «شركة», «مصرف», «نادي»)."""
    if c is None:
        return False
    words = ctx.norm[c.nstart:c.nend].split()
    if not words:
        return False
    w = words[0]
    heads = lex.cues["private_heads"]
    return any(x in heads for x in (w, w.removeprefix("و"), w.removeprefix("ال"),
                                    w.removeprefix("وال"), w.removeprefix("لل"), w.removeprefix("ل")))


_OBJECT_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION"})
# types whose word after the trigger may be a thing acted on («قصف السوق»)


def _inanimate(ctx: Context, lex: TriggerLexicon, d: Draft) -> bool:
    """Whether the subject of the trigger is a currency, a market, a price or
    a disease (cues.inanimate_subjects), what it is done to is an idea
    (cues.abstract_objects), or an arrest without a doer is of stranded
    travellers (cues.travellers)."""
    h = d.hit
    a, b = ctx.sent_words[h.s]
    things = lex.cues["inanimate_subjects"]
    if h.form.pos == "verb" and any(
            ctx.ws[k].text in things and (k == a or ctx.ws[k - 1].text not in lex.cues["preps"])
            and (d.actor is None or d.actor.i <= k) for k in range(max(a, h.i - 2), h.i)):
        return True  # «الدولار النيوزيلندي تراجع», «فداعش فيروس يهاجم»
    if d.type not in _OBJECT_TYPES and h.j < b and ctx.ws[h.j].text in things:
        return True
    if h.j < b and ctx.ws[h.j].text in lex.cues["abstract_objects"]:
        return True  # «اختطاف الدين», «يهاجم الفكر»
    return d.type == "COERCE" and d.actor is None and any(
        ctx.ws[k].text in lex.cues["travellers"] for k in range(h.j, min(b, h.j + 3)))


def extract_events(doc: Document, *, drop: tuple[str, ...] = DROP,
                   lex: TriggerLexicon | None = None,
                   classify: bool | None = None) -> list[Event]:
    """The events of ``doc`` (see the module docstring). ``classify``: apply
    the learned sentence filter (None: the ``[events] sentence_classifier``
    setting, off when absent)."""
    lx = lex or trigger_lexicon()
    ctx = build_context(doc, lx)
    onto = ontology()
    drafts: list[Draft] = []
    one = _one_sentence(ctx)
    if not one and opinion_piece(doc.text, lx):
        return []  # a column in the first person plural: arguments, not news
    for s in range(len(ctx.sentences)):
        if sentence_skipped(ctx, lx, s):
            continue
        hits = find_triggers(ctx, lx, s)
        if not hits:
            continue
        figures = sentence_figures(ctx, lx, s)
        tally = None
        source, source_cand = sentence_source(ctx, lx, s)
        for h in hits:
            d = Draft(h, h.form.entry.type, h.form.entry.mode or h.obj_mode)
            assign_roles(ctx, lx, d)
            inherit_subject(ctx, d, drafts)
            inherit_agent(ctx, d, drafts)
            assign_modality(ctx, lx, d, hits)
            assign_place_date(ctx, lx, d, hits, doc.published)
            carry_over(ctx, lx, d, drafts)
            if background(ctx, lx, d, hits, doc.published, one_sentence=one):
                continue  # «بعد شهرين من مقتل ...», «وكان قد وعد», «في عام 2011»: not the news
            if d.type == "ASSAULT":
                d.fatalities = figure(figures, "killed", h)
                d.injured = figure(figures, "injured", h)
                if d.fatalities is None and (d.injured or no_casualties(ctx, lx, s)):
                    d.fatalities = 0
            else:
                d.fatalities = 0
            if source_cand is not None and d.actor is not None \
                    and (d.actor.nstart, d.actor.nend) == (source_cand.nstart, source_cand.nend) \
                    and _source_head(ctx, lx, source_cand):
                d.actor = None  # «قال المرصد إن ...»: the source does not do what it reports
            if d.type == "ASSAULT" and (d.actor is None or d.fatalities or grand_total(ctx, lx, s)):
                if tally is None:
                    tally = tally_sentence(ctx, lx, s)
                if tally:
                    continue  # a count over a period (by nobody named, or a killed count): not an act
            if d.type == "COERCE":
                d.arrested = figure(figures, "arrested", h)
            if source and (d.actor is None or source_cand is not d.actor):
                d.reported_by = source
            if d.modality == "future" and d.type in _SHIFT_FUTURE:
                d.type, d.mode, d.modality = _SHIFT_FUTURE[d.type], None, "asserted"
            drafts.append(d)
    drafts = [d for d in drafts if d.modality not in drop]
    drafts = merge_drafts(drafts, ctx.norm)
    final: list[Draft] = []
    for d in drafts:
        t = onto.types[d.type]
        if t.needs_actor and d.actor is None:
            continue
        if _inanimate(ctx, lx, d):
            continue  # «الدولار تراجع», «فيروس يهاجم الفكر», «احتجاز السياح في المطار»
        if t.needs_political and not (_political(ctx, lx, d.actor)
                                      or _political(ctx, lx, d.target, target=True)):
            continue  # «دعا المرشحين», «زيارة المعرض»: no political party involved
        if d.type in _RELATION_TYPES and _private(ctx, lx, d.actor) \
                and not _political(ctx, lx, d.target, target=True):
            continue  # «وافقت الشركة على ...», «رفضت بيكر هيوز التعليق»: business, not politics
        if d.mode == "visit" and d.actor is not None and not _political(ctx, lx, d.actor):
            continue  # «زارت الفنانة الصين»: a private journey, not a state visit
        if d.actor is None and d.target is None and not d.place_in_sentence \
                and d.fatalities is None and not d.injured and not d.arrested \
                and not (_one_sentence(ctx) and not t.needs_actor):
            continue  # a bare mention («تطور القتال»); a one-sentence text is its own news
        final.append(d)
    # --- learned sentence filter (rasid.events.classifier) ---
    if final and (_classifier_setting() if classify is None else classify):
        final = _sentence_filter(ctx, final)
    # --- end of the learned sentence filter ---
    return [_to_event(ctx, lx, d, n) for n, d in enumerate(final, 1)]


# A text of one line this short is one sentence even where the splitter cut
# it at brackets or quotes (a sentence-level data set, a headline with its lead).
ONE_SENTENCE_CHARS = 500


def _one_sentence(ctx: Context) -> bool:
    """Whether the document is a single sentence: its own news, so that a
    bare act there is kept and the article-trained filter is not applied."""
    if len(ctx.sentences) < 2:
        return True
    text = ctx.doc.text.strip()
    return len(text) <= ONE_SENTENCE_CHARS and "\n" not in text


def _classifier_setting() -> bool:
    from .. import settings
    return bool(settings.settings().get("events", {}).get("sentence_classifier", False))


def _sentence_filter(ctx: Context, final: list[Draft]) -> list[Draft]:
    """Drop the drafts the learned classifier scores below its threshold (one
    batch per document); all are kept when numpy or the model's bag package
    is not installed, and in a one-sentence text (the model learnt from
    articles: one of its 206 labelled texts has a single sentence; there a
    bare act is the news, see above)."""
    if _one_sentence(ctx):
        return final
    try:
        from . import classifier
    except ImportError:
        return final
    if not classifier.available():
        return final
    model = classifier.shipped_model()
    probs = classifier.score_drafts(ctx, final, model=model)
    return [d for d, p in zip(final, probs) if p >= model.threshold]


def _to_event(ctx: Context, lex: TriggerLexicon, d: Draft, n: int) -> Event:
    doc = ctx.doc
    ts, te = original_span(doc.norm_map, d.hit.nstart, d.hit.nend)
    sent = ctx.sentences[d.hit.s]
    acled = acled_types(ctx, lex, d)
    return Event(
        id=f"e{n}", type=d.type, mode=d.mode,
        trigger=Mention(doc.text[ts:te], ts, te), sentence=sent,
        acled_event_type=acled[0], acled_sub_event_type=acled[1],
        actor=d.actor.mention(doc) if d.actor else None,
        target=d.target.mention(doc) if d.target else None,
        place=d.place, date=d.date, date_precision=d.date_precision,
        fatalities=d.fatalities, injured=d.injured, arrested=d.arrested,
        modality=d.modality, reported_by=d.reported_by, confidence=_confidence(d))


__all__ = ["extract_events", "find_triggers", "assign_roles", "sentence_figures", "merge_drafts",
           "Draft", "Hit"]
