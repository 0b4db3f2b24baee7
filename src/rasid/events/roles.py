"""Actor and target of a draft from the Arabic clause around its trigger
(see :func:`assign_roles`)."""

from __future__ import annotations

from ..entities.matcher import joined
from ..text.normalise import original_span
from .context import Candidate, Context
from .draft import Draft, Hit, sentence_cands as _sentence_cands
from .lexicon import TriggerLexicon
from .ontology import ontology


def _prep_before(ctx: Context, lex: TriggerLexicon, c: Candidate) -> bool:
    if c.prefix and c.prefix[-1] in "بلك":
        return True
    if c.i == 0:
        return False
    prev = ctx.ws[c.i - 1].text
    return prev in lex.cues["preps"] or prev in lex.cues["target_preps"]


def _target_prep(ctx: Context, lex: TriggerLexicon, c: Candidate) -> bool:
    if c.i == 0:
        return False
    prev = ctx.ws[c.i - 1].text
    return prev in lex.cues["target_preps"] or any(
        s in lex.cues["target_preps"] for s in ctx.stems(c.i - 1))


def _passive_marked(ctx: Context, h: Hit) -> bool:
    """A past verb written with a damma (قُتل، اعتُقل) is passive."""
    if h.form.pos != "verb" or h.form.present:
        return False
    s0, e0 = original_span(ctx.doc.norm_map, ctx.ws[h.i].start, ctx.ws[h.i].end)
    return "\u064f" in ctx.doc.text[s0:e0]


def _can_act(d: Draft, c: Candidate) -> bool:
    """Whether a filler may be the actor of this draft."""
    if c.kind in ("victim", "loc"):
        return False
    if c.kind == "country" and (d.type in ("ASSAULT", "COERCE") or d.mode == "visit"):
        return False
    if c.victim and d.type in ("ASSAULT", "COERCE"):
        return False
    return True


_ADJACENT_ACTOR = ("ACCUSE", "REJECT")
# nominal triggers of these types take as actor only the genitive right after
# them («رفض إيران», not «رفض رؤية إيران») and never a subject named earlier
# in the sentence («ابتلي فيفا باتهامات»): mentions of accusations and refusals
# without one who accuses or refuses are no event


def assign_roles(ctx: Context, lex: TriggerLexicon, d: Draft) -> None:
    h = d.hit
    cands = [c for c in _sentence_cands(ctx, h.s) if c.j <= h.i or c.i >= h.j]
    after = [c for c in cands if c.i >= h.j and c.i - h.j <= 12]
    a, b = ctx.sent_words[h.s]
    barrier = _report_barrier(ctx, lex, h)
    before = [c for c in cands if c.j <= h.i and h.i - c.j <= 8 and c.i > barrier]
    # «بين A و B» right after a clash or an agreement
    for k in range(h.j, min(b, h.j + BETWEEN_WINDOW) if d.type in _BETWEEN_TYPES else h.j):
        if ctx.ws[k].text in lex.cues["between"]:
            # «بين المصلين» (among the worshippers) names no side
            pair = [c for c in after if c.i > k and c.kind != "victim" and not c.victim][:2]
            if pair:
                d.actor = pair[0]
                d.target = pair[1] if len(pair) > 1 else None
                _perpetrator(ctx, lex, d, after)
                return
    if h.form.pos == "verb" and h.i > a and ctx.ws[h.i - 1].text in lex.cues["relative"]:
        # «روسيا اللذان يدعمان»: the noun before the relative pronoun
        ante = [c for c in before if c.j == h.i - 1 and _can_act(d, c)]
        if ante:
            d.actor = ante[0]
    if d.actor is not None:
        pass
    elif h.form.pos == "verb":
        agentive = d.type == "ASSAULT" and _agent_follows(ctx, lex, h, b)
        marked = _passive_marked(ctx, h) or agentive
        passive = marked or (h.j < b and (any(n[0] == h.j for n in ctx.numbers)
                                          or any(c.i == h.j and c.victim for c in after)))
        if barrier >= 0 and not marked:
            # «قال X إن الحكومة اتهمت إيران»: the noun right after «إن» is the subject
            subj = next((c for c in before if c.i == barrier + 1 and _can_act(d, c)), None)
            if subj is not None:
                d.actor = subj
        if not passive and d.actor is None:
            for c in after:
                if c.i - h.j <= 2 and not _prep_before(ctx, lex, c) and _can_act(d, c):
                    d.actor = c
                    break
        if d.actor is None and not marked:
            for c in reversed(before):
                if passive and h.i - c.j > 1:
                    break
                if not _prep_before(ctx, lex, c) and _can_act(d, c):
                    d.actor = c
                    break
    else:
        patient = _patient_noun(ctx, lex, h)
        for c in after:
            if patient:
                break  # «اعتقال فلان», «مقتل فلان»: the one after is the target
            if c.i - h.j <= (0 if d.type in _ADJACENT_ACTOR else 1) and (not c.prefix or c.prefix.endswith("ل")) \
                    and not _target_prep(ctx, lex, c) and not _prep_before_word(ctx, lex, c) \
                    and _can_act(d, c):
                d.actor = c
                break
        if d.actor is None:
            for k in range(h.i - 1, max(a, h.i - 5) - 1, -1):
                if lex.cues["doing"] & ctx.stems(k):
                    # «تمكنت قوات الأمن من القبض»: the subject after the verb of doing
                    for c in [c for c in before if c.i > k]:
                        if _can_act(d, c) and not _prep_before(ctx, lex, c):
                            d.actor = c
                            break
                    if d.actor is not None:
                        break
                    for c in reversed([c for c in before if c.j <= k and k - c.j <= 6]):
                        if _can_act(d, c) and not _prep_before(ctx, lex, c):
                            d.actor = c
                            break
                    break
    start = max(h.j, d.actor.j if d.actor is not None and d.actor.i >= h.j else h.j)
    rest = [c for c in after if c.i >= start and c is not d.actor
            and not (d.actor is not None and c.actor_id and c.actor_id == d.actor.actor_id)]
    prepped = [c for c in rest if _target_prep(ctx, lex, c)]
    if prepped:
        d.target = prepped[0]
    elif rest:
        d.target = rest[0]
    _perpetrator(ctx, lex, d, after)
    _speaker_subject(ctx, lex, d)
    if d.actor is None and d.type == "ASSAULT":
        _agent(ctx, lex, d, after)
    if h.form.pos == "verb" and d.type == "ASSAULT" and _agent_follows(ctx, lex, h, b):
        # «جنديا تركيا قتل برصاص ...»: the one before the passive verb is the victim
        near = [c for c in before if h.i - c.j <= 3 and not any(
            _that_word(ctx, lex, q) for q in range(c.j, h.i))]
        victim = next((c for c in near if c.kind in ("participant", "victim") or c.victim),
                      near[-1] if near else None)
        if victim is not None:
            d.target = victim
            if d.actor is not None and d.actor.i == victim.i:
                d.actor = None
                _agent(ctx, lex, d, after)
    if d.actor is None and d.type == "COERCE":
        _state_body(ctx, lex, d)
    if d.actor is None and ontology().types[d.type].needs_actor \
            and (h.form.pos == "verb" or d.type not in _ADJACENT_ACTOR):
        # a dropped subject: the last person or body named earlier in the sentence
        for c in reversed([c for c in cands if c.j <= h.i and c.i > barrier]):
            if c.kind in ("name", "title", "institution") and not _prep_before(ctx, lex, c):
                d.actor = c
                break
    _exposed(ctx, lex, d, cands)
    if d.actor is None and d.type == "MOBILIZE":
        _sender(ctx, d, cands)
    if d.target is not None and d.actor is not None and (
            d.target is d.actor or (d.target.actor_id and d.target.actor_id == d.actor.actor_id)):
        d.target = None


_EXPOSURE_WINDOW = 6  # words from «تعرض» to the trigger after «لـ»
_EXPOSED_WORDS = 4  # the longest unnamed target read between them


def _exposed(ctx: Context, lex: TriggerLexicon, d: Draft, cands: list[Candidate]) -> None:
    """«تعرض رئيس البلدية لمحاولة اغتيال», «الصحفي تعرض لاعتداء»: the one
    exposed to the act named after «لـ» is its target, never its actor."""
    h = d.hit
    if h.form.pos != "noun" or not h.prefix.endswith("ل"):
        return
    a = ctx.sent_words[h.s][0]
    exposure = lex.cues["exposure"]
    k = next((k for k in range(h.i - 1, max(a, h.i - _EXPOSURE_WINDOW) - 1, -1)
              if ctx.ws[k].text in exposure or not exposure.isdisjoint(ctx.stems(k))), None)
    if k is None:
        return
    inside = [c for c in cands if k < c.i and c.j <= h.i]
    before = [c for c in cands if c.j <= k and k - c.j <= 1]
    end = next((q for q in range(k + 1, h.i) if ctx.ws[q].text in lex.cues["preps"]), h.i)
    if inside:
        exposed = inside[0]
    elif 1 <= end - k - 1 <= _EXPOSED_WORDS and all(
            joined(ctx.norm, ctx.ws[q], ctx.ws[q + 1]) for q in range(k + 1, end - 1)):
        # no mention found there («تعرض رئيس البلدية لـ»): the words between,
        # up to a preposition («يتعرض المسلمون في الإقليم لـ»)
        exposed = Candidate(k + 1, end, ctx.ws[k + 1].start, ctx.ws[end - 1].end, "bare")
    else:
        exposed = before[-1] if before else None
    if exposed is None:
        return
    d.target = exposed
    if d.actor is exposed or (d.actor is not None and d.actor.i < h.i):
        d.actor = None


BETWEEN_WINDOW = 6  # words from a trigger to its «بين»
_BETWEEN_TYPES = frozenset({"ASSAULT", "AGREE", "CONSULT", "COERCE", "MOBILIZE", "THREATEN"})
# types whose two sides «بين A و B» name (a clash, a deal, talks); «التنديد
# بالاتفاق الموقع بين إيران و...» gives no accuser


def _report_barrier(ctx: Context, lex: TriggerLexicon, h: Hit) -> int:
    """The last «إن/أن» before the trigger that opens a reported clause
    («قال X إن ...»), or -1: nobody named before it is the trigger's subject."""
    a, _ = ctx.sent_words[h.s]
    for k in range(h.i - 1, a, -1):
        if ctx.ws[k].text in lex.cues["complementisers"] and any(
                ctx.stems(q) & lex.cues["report_verbs"] for q in range(a, k)):
            return k
    return -1


AGENT_WINDOW = 8  # words from a subjectless killing to «برصاص X» / «اشتباكات مع X»


def _agent(ctx: Context, lex: TriggerLexicon, d: Draft, after: list[Candidate]) -> None:
    """A killing without a subject: the doer named by «على يد X», «برصاص X»,
    or the side of a clash «في اشتباكات مع X» (the victims are the other side)."""
    h = d.hit
    _, b = ctx.sent_words[h.s]
    end = min(b, h.j + AGENT_WINDOW)
    text = [ctx.ws[k].text for k in range(h.j, end)]
    cue_end = None
    for n in range(len(text)):
        for p in lex.cue_phrases["agent_phrases"]:
            if tuple(text[n:n + len(p)]) == p:
                cue_end = h.j + n + len(p)
                break
        if cue_end is None and ctx.stems(h.j + n) & lex.cues["clash"] \
                and h.j + n + 1 < b and ctx.ws[h.j + n + 1].text in lex.cues["with"]:
            cue_end = h.j + n + 2
        if cue_end is not None:
            break
    if cue_end is None:
        return
    doer = next((c for c in after if cue_end <= c.i <= cue_end + 1 and _can_act(d, c)), None)
    if doer is None:
        return
    d.actor = doer
    if d.target is doer:
        d.target = next((c for c in after if c is not doer and c.i < doer.i), None)


_AGENT_NEAR = 6  # words from a verb to «برصاص» that make it a passive


def _agent_follows(ctx: Context, lex: TriggerLexicon, h: Hit, b: int) -> bool:
    """«قتل وأصيب آخر برصاص ...», «قتل على يد ...», «قتل في اشتباكات مع ...»:
    a passive killing."""
    end = min(b, h.j + _AGENT_NEAR)
    for p in lex.cue_phrases["agent_phrases"]:
        for k in range(h.j, end - len(p) + 1):
            if all(ctx.ws[k + n].text == p[n] for n in range(len(p))):
                return True
    # «قتل جندي في اشتباكات مع X»
    return any(ctx.stems(k) & lex.cues["clash"] and ctx.ws[k + 1].text in lex.cues["with"]
               for k in range(h.j, end - 1))


def _that_word(ctx: Context, lex: TriggerLexicon, q: int) -> bool:
    """«إن», «أنه», «قال»: a word that opens a reported clause."""
    w = ctx.ws[q].text
    return w in ("ان", "بان") or w in lex.cues["speaker_pronouns"] \
        or bool(ctx.stems(q) & lex.cues["report_verbs"])


def _patient_noun(ctx: Context, lex: TriggerLexicon, h: Hit) -> bool:
    """A noun trigger whose genitive is what is done to («اعتقال فلان»)."""
    if h.form.pos != "noun":
        return False
    w = ctx.ws[h.i].text
    return w in lex.cues["patient_nouns"] or w.removeprefix("ال") in lex.cues["patient_nouns"]


def _prep_before_word(ctx: Context, lex: TriggerLexicon, c: Candidate) -> bool:
    if c.i == 0:
        return False
    return ctx.ws[c.i - 1].text in lex.cues["preps"]


def _perpetrator(ctx: Context, lex: TriggerLexicon, d: Draft, after: list[Candidate]) -> None:
    """«من تنفيذ X», «أعلن X مسؤوليته»: X is the actor."""
    h = d.hit
    a, b = ctx.sent_words[h.s]
    cands = _sentence_cands(ctx, h.s)
    for k in range(a, b):
        stems = ctx.stems(k) | {ctx.ws[k].text}
        if stems & lex.cues["perpetrator"] and k >= h.j:
            nxt = [c for c in cands if k < c.i <= k + 3 and not c.victim]
            if nxt and (d.actor is None or d.actor.kind in ("participant",)):
                d.actor = nxt[0]
        if stems & lex.cues["blame"] and k >= h.j and d.type in _CONFLICT:
            # «ألقي باللوم فيه على X»: X is the accused doer
            on = next((q for q in range(k + 1, min(b, k + 3)) if ctx.ws[q].text in lex.cues["target_preps"]), None)
            blamed = [c for c in cands if on is not None and c.i in (on + 1, on + 2) and not c.victim]
            if blamed:
                d.actor = blamed[0]
                d.modality = "accused"
                if d.target is blamed[0]:
                    d.target = None
        if stems & lex.cues["claimed"]:
            claimers = [c for c in cands if k - 4 <= c.i and c.j <= k and not c.victim] or \
                       [c for c in cands if k < c.i <= k + 3 and not c.victim]
            if claimers:
                d.modality = "claimed"
                if d.actor is None or d.actor.kind == "participant":
                    d.actor = claimers[-1] if claimers[-1].j <= k else claimers[0]


_CONFLICT = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "THREATEN"})


def _speaker_subject(ctx: Context, lex: TriggerLexicon, d: Draft) -> None:
    """«قال جنرال منشق إنه وزملاءه يقومون بتعبئة القوات»: the speaker is the
    subject of the reported clause; of a violent act, a claimed one."""
    h = d.hit
    a, _ = ctx.sent_words[h.s]
    pron = next((k for k in range(h.i - 1, max(a, h.i - 5) - 1, -1)
                 if ctx.ws[k].text in lex.cues["speaker_pronouns"]), None)
    if pron is None or any(pron < c.i < h.i for c in ctx.cands) or any(
            ctx.ws[k].text in lex.cues["passive_aux"] for k in range(pron + 1, h.i)):
        return
    verb = next((k for k in range(pron - 1, a - 1, -1)
                 if ctx.stems(k) & lex.cues["report_verbs"]), None)
    if verb is None:
        return
    speaker = next((c for c in _sentence_cands(ctx, h.s) if verb < c.i < pron and not c.victim
                    and c.kind not in ("loc", "country") and c.i - verb <= 3), None)
    if speaker is None:
        speaker = _rank_speaker(ctx, lex, verb, pron)
    if speaker is not None and (d.actor is None or d.actor is speaker or (
            d.actor.actor_id is not None and d.actor.actor_id == speaker.actor_id)):
        d.actor = speaker
        if d.type in _CONFLICT:
            d.modality = "claimed"


def _rank_speaker(ctx: Context, lex: TriggerLexicon, verb: int, pron: int) -> Candidate | None:
    """An unnamed speaker right after the verb of saying, headed by a rank or
    role word (cues.speaker_heads: «قال جنرال منشق إنه ...»): the head and,
    when it is indefinite, the adjective after it."""
    k = verb + 1
    if k >= pron or ctx.ws[k].text not in lex.cues["speaker_heads"]:
        return None
    end = k + 1
    if not ctx.ws[k].text.startswith("ال") and end < pron and ctx.ws[end].text not in lex.cues["preps"] \
            and ctx.ws[end].text not in lex.cues["speaker_pronouns"]:
        end += 1
    return Candidate(k, end, ctx.ws[k].start, ctx.ws[end - 1].end, "bare")


SENDER_WINDOW = 16  # words from a deployment to «من» + the country that sends it


def _sender(ctx: Context, d: Draft, cands: list[Candidate]) -> None:
    """Reinforcements told without a subject that come «من» a country
    («تعزيزات عسكرية ... عبرت الحدود من السعودية إلى اليمن»): that country
    sent them; the target is the one named after «ضد/على» further on."""
    h = d.hit
    b = ctx.sent_words[h.s][1]
    for c in cands:
        if c.kind == "country" and h.j < c.i <= min(b - 1, h.j + SENDER_WINDOW) \
                and (c.prefix == "م" or ctx.ws[c.i - 1].text == "من"):
            d.actor = c
            # what they are sent against («لدعم العمليات ضد الحوثيين»), else no target:
            # the troops and vehicles counted are what is sent
            d.target = next((t for t in cands if c.i < t.i < b and any(
                ctx.ws[k].text in ("ضد", "على", "علي") for k in range(max(c.j, t.i - 2), t.i))), None)
            return


STATE_BODY_WINDOW = 10  # words between an arrest and the body it is credited to


def _state_body(ctx: Context, lex: TriggerLexicon, d: Draft) -> None:
    """Arrests and raids told without a subject («اعتقل 16 شخصا»): the state
    body the sentence names («أعلنت وزارة الداخلية»، «عمليات لقوات الأمن»)."""
    h = d.hit
    near = [c for c in _sentence_cands(ctx, h.s) if c is not d.target and is_state(c)
            and min(abs(h.i - c.j), abs(c.i - h.j)) <= STATE_BODY_WINDOW]
    if near:
        d.actor = min(near, key=lambda c: min(abs(h.i - c.j), abs(c.i - h.j)))
        return
    if d.target is not None and is_state(d.target):
        d.actor, d.target = d.target, None


def is_state(c: Candidate) -> bool:
    """An institution, or an actor the dictionary lists as state forces."""
    from ..entities.dictionary import load_dictionary

    if c.kind == "institution":
        return True
    e = load_dictionary().get(c.actor_id or "")
    return e is not None and e.kind == "State forces"


def inherit_subject(ctx: Context, d: Draft, previous: list[Draft]) -> None:
    """A verb that opens its sentence with no subject («ويزور الخميس بريطانيا»)
    continues the subject of the sentence before."""
    h = d.hit
    if d.actor is not None or h.form.pos != "verb" or h.i != ctx.sent_words[h.s][0] \
            or _passive_marked(ctx, h) or any(n[0] == h.j for n in ctx.numbers):
        return
    prev = [x for x in previous if x.hit.s == h.s - 1 and x.actor is not None
            and x.actor.kind in ("name", "title", "institution")]
    if prev and _can_act(d, prev[-1].actor):
        d.actor = prev[-1].actor
        if d.target is d.actor:
            d.target = None


_AGENT_SPAN = 2  # sentences back an arrest without a doer looks for the force that made the last one


def inherit_agent(ctx: Context, d: Draft, previous: list[Draft]) -> None:
    """An arrest told without its doer («حيث اعتقل ثلاثة أشخاص آخرين») after
    an arrest by a named force in the same or the two sentences before
    («تمكنت قوات الأمن من القبض على 13 عنصرا») continues that operation: it
    takes that force as its actor."""
    h = d.hit
    if d.actor is not None or d.type != "COERCE":
        return
    prev = [x for x in previous if x.type == "COERCE" and x.actor is not None
            and not x.actor.victim and h.s - _AGENT_SPAN <= x.hit.s <= h.s
            and (x.actor.kind in ("name", "title", "institution", "country")
                 or ctx.ws[x.actor.i].text in ("قوات", "الشرطه", "الشرطة", "الامن", "الجيش",
                                               "السلطات", "الاجهزه", "الوحدات"))]
    if prev and (d.target is None or (d.target.nstart, d.target.nend)
                 != (prev[-1].actor.nstart, prev[-1].actor.nend)):
        d.actor = prev[-1].actor
