"""Events from trigger words, one sentence at a time.

For each sentence that is not a question or an opinion, every trigger of the
lexicon found there (:func:`find_triggers`) becomes a draft event with:

* **actor** — for a verb, the role filler right after it (VSO) unless a
  preposition stands before it or a count follows the verb (passive: «قتل
  ثلاثة أشخاص»), else the nearest one before it (SVO); for a noun, the filler
  right after it («غارات التحالف», «قصف للحوثيين»), else the subject of a
  verb of doing before it («قامت مجموعة مسلحة ... بهجوم»); «بين A و B»
  gives A; «من تنفيذ X» and «أعلن X مسؤوليته» give X;
* **target** — the next filler after the trigger and the actor, preferring
  one after على/ضد; «بين A و B» gives B;
* **place** — the place of the sentence nearest after the trigger, else
  before it; **date** — the time of the sentence nearest the trigger, else
  the last time of the two sentences before, else the publication date
  (precision ``week``: the article does not say);
* **figures** — numbers next to «قتل/مقتل/قتلى…», «أصيب/جرحى…»,
  «اعتقل/القبض…» (``killed + و N`` sums); ASSAULT without a kill figure
  but with injuries or «دون إراقة دماء» has 0 fatalities, none at all null;
  every other type 0;
* **modality** — negated («لم», «دون» before the trigger), future (سـ,
  «من المقرر»), hypothetical («إذا», «لو» before it), claimed («أعلن …
  مسؤوليته», «تبنى»), suspected («يشتبه/يرجح/يعتقد أن»), accused (inside an
  accusation), denied («نفى»), else asserted;
* **reported_by** — the source cited by «قال مصدر أمني», «ذكر سكان»,
  «حسبما أفادت مصادر», «بحسب الأناضول».

Drafts of one act are then merged (same type in one sentence with
compatible actors; an anaphoric «الهجوم»/«هذه الزيارة» with the same type in
the two sentences before; the same type and actor in the next sentence).
Future CONSULT/SUPPORT/COOPERATE/AID become AGREE and future RETREAT
CONCEDE (PLOVER). Types that need an actor (see ontology.yaml) are dropped
without one, and so are negated and hypothetical events by default.

**confidence** = trigger weight (0.45–0.8) + 0.1 with an actor (+0.05 if it
is a known actor) + 0.05 each for a target, a place and a date read in the
sentence, − 0.15 when the modality is not ``asserted``; clipped to 0.05–0.95.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document, Event, Mention, Place
from ..entities.matcher import joined, stem_variants
from ..text.normalise import normalise, original_span
from .context import Candidate, Context, build_context
from .lexicon import NOUN_PREFIXES, VERB_PREFIXES, TriggerForm, TriggerLexicon, trigger_lexicon
from .ontology import acled_for, ontology

DROP = ("negated", "hypothetical")
_SHIFT_FUTURE = {"CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE",
                 "RETREAT": "CONCEDE"}
_DEMONSTRATIVES = frozenset({"هذا", "هذه", "ذلك", "تلك", "هذان", "هاتان"})


@dataclass(slots=True)
class Hit:
    """A trigger found at words ``[i, j)`` of sentence ``s``."""

    form: TriggerForm
    i: int
    j: int
    nstart: int
    nend: int
    s: int
    prefix: str = ""
    definite: bool = False
    obj_mode: str | None = None


@dataclass(slots=True)
class Draft:
    hit: Hit
    type: str
    mode: str | None
    actor: Candidate | None = None
    obj_mode: str | None = None
    target: Candidate | None = None
    place: Place | None = None
    place_in_sentence: bool = False
    date: str | None = None
    date_precision: str | None = None
    date_in_sentence: bool = False
    fatalities: int | None = None
    injured: int | None = None
    arrested: int | None = None
    modality: str = "asserted"
    reported_by: str | None = None
    extra_hits: list[Hit] = field(default_factory=list)


# ------------------------------------------------------------------ triggers

_TRIGGER_PREFIXES = tuple(sorted(set(VERB_PREFIXES) | set(NOUN_PREFIXES), key=len, reverse=True))


def find_triggers(ctx: Context, lex: TriggerLexicon, s: int) -> list[Hit]:
    """Triggers of sentence ``s``, left to right, not inside names."""
    a, b = ctx.sent_words[s]
    in_name = set()
    for c in ctx.cands:
        if c.kind in ("name", "institution", "country", "loc") and c.i < b and c.j > a:
            in_name.update(range(c.i, c.j))
    hits: list[Hit] = []
    consumed: set[int] = set()
    i = a
    prefixes = _TRIGGER_PREFIXES
    starts = lex.index.starting_words(ctx.ws, prefixes=prefixes)
    while i < b:
        if i not in starts or i in in_name or i in consumed:
            i += 1
            continue
        chosen = None
        for m in lex.index.match_at(ctx.norm, ctx.ws, i, prefixes=prefixes):
            if m.j > b or any(k in in_name for k in range(m.i, m.j)):
                continue
            f = m.value
            allowed = VERB_PREFIXES if f.pos == "verb" else NOUN_PREFIXES
            if m.prefix and m.prefix not in allowed:
                continue
            if "س" in m.prefix and not f.present:
                continue
            if _not_next(ctx, f, m.j, b):
                continue
            obj_end = _object_end(ctx, f, m.j, b)
            if f.entry.objects and (obj_end is None or _not_next(ctx, f, obj_end[1], b)):
                continue
            chosen = (m, obj_end)
            break
        if chosen is None:
            i += 1
            continue
        m, obj_end = chosen
        word = ctx.norm[m.start:ctx.ws[m.i].end]
        prev = ctx.ws[m.i - 1].text if m.i > a else ""
        obj_mode = None
        if obj_end is not None and m.value.entry.mode is None:
            obj = lex.index.best_at(ctx.norm, ctx.ws, obj_end[0], prefixes=NOUN_PREFIXES)
            if obj is not None and obj.value.entry.type == m.value.entry.type:
                obj_mode = obj.value.entry.mode
        hits.append(Hit(m.value, m.i, m.j, m.start, m.end, s, m.prefix,
                        definite=m.value.pos == "noun" and (word.startswith("ال") or prev in _DEMONSTRATIVES),
                        obj_mode=obj_mode))
        if obj_end is not None:
            consumed.update(range(obj_end[0], obj_end[1]))
        i = m.j
    return hits


def _not_next(ctx: Context, f: TriggerForm, j: int, b: int) -> bool:
    if j >= b or not f.entry.not_next:
        return False
    nxt = ctx.ws[j].text
    for w in f.entry.not_next:
        if w.endswith("*"):
            if nxt.startswith(w[:-1]):
                return True
        elif nxt == w or nxt.removesuffix("ا") == w:  # «إعلاميا»: accusative of «إعلامي»
            return True
    return False


def _object_end(ctx: Context, f: TriggerForm, j: int, b: int) -> tuple[int, int] | None:
    """Word span of the light verb's object within the window, if any."""
    if not f.entry.objects:
        return None
    for k in range(j, min(b, j + f.entry.window)):
        stems = ctx.stems(k) | {ctx.ws[k].text}
        stems |= {s[2:] for s in stems if s.startswith("ال")}
        for obj in f.entry.objects:
            first = obj[0][2:] if obj[0].startswith("ال") else obj[0]
            if (obj[0] in stems or first in stems) and k + len(obj) <= b and all(
                    ctx.ws[k + n].text == obj[n] for n in range(1, len(obj))):
                return k, k + len(obj)
    return None


# ------------------------------------------------------------------ roles

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


def _sentence_cands(ctx: Context, s: int) -> list[Candidate]:
    a, b = ctx.sent_words[s]
    return [c for c in ctx.cands if a <= c.i and c.j <= b]


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


def assign_roles(ctx: Context, lex: TriggerLexicon, d: Draft) -> None:
    h = d.hit
    cands = [c for c in _sentence_cands(ctx, h.s) if c.j <= h.i or c.i >= h.j]
    after = [c for c in cands if c.i >= h.j and c.i - h.j <= 12]
    before = [c for c in cands if c.j <= h.i and h.i - c.j <= 8]
    a, b = ctx.sent_words[h.s]
    # «بين A و B»
    for k in range(h.j, min(b, h.j + 8)):
        if ctx.ws[k].text in lex.cues["between"]:
            pair = [c for c in after if c.i > k and c.kind != "victim"][:2]
            if pair:
                d.actor = pair[0]
                d.target = pair[1] if len(pair) > 1 else None
                _perpetrator(ctx, lex, d, after)
                return
    if h.form.pos == "verb":
        marked = _passive_marked(ctx, h)
        passive = marked or (h.j < b and (any(n[0] == h.j for n in ctx.numbers)
                                          or any(c.i == h.j and c.victim for c in after)))
        if not passive:
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
        for c in after:
            if c.i - h.j <= 1 and (not c.prefix or c.prefix.endswith("ل")) \
                    and not _target_prep(ctx, lex, c) and not _prep_before_word(ctx, lex, c) \
                    and _can_act(d, c):
                d.actor = c
                break
        if d.actor is None:
            for k in range(h.i - 1, max(a, h.i - 5) - 1, -1):
                if lex.cues["doing"] & ctx.stems(k):
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
    if d.actor is None and ontology().types[d.type].needs_actor:
        # a dropped subject: the last person or body named earlier in the sentence
        for c in reversed([c for c in cands if c.j <= h.i]):
            if c.kind in ("name", "title", "institution") and not _prep_before(ctx, lex, c):
                d.actor = c
                break
    if d.target is not None and d.actor is not None and (
            d.target is d.actor or (d.target.actor_id and d.target.actor_id == d.actor.actor_id)):
        d.target = None


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
        if stems & lex.cues["claimed"]:
            claimers = [c for c in cands if k - 4 <= c.i and c.j <= k and not c.victim] or \
                       [c for c in cands if k < c.i <= k + 3 and not c.victim]
            if claimers:
                d.modality = "claimed"
                if d.actor is None or d.actor.kind == "participant":
                    d.actor = claimers[-1] if claimers[-1].j <= k else claimers[0]


# ------------------------------------------------------------------ place, date, figures

PLACE_WINDOW = 15


def assign_place_date(ctx: Context, d: Draft, published: str | None) -> None:
    h = d.hit
    a, b = ctx.sent_words[h.s]
    places = [(i, p) for i, p in ctx.places if a <= i < b and abs(i - h.i) <= PLACE_WINDOW]
    if places:
        after = [x for x in places if x[0] >= h.i]
        i, p = after[0] if after else places[-1]
        d.place, d.place_in_sentence = p, True
    times = [(i, t) for i, t in ctx.times if a <= i < b and t.value]
    if times:
        i, t = min(times, key=lambda x: abs(x[0] - h.i))
        d.date, d.date_precision, d.date_in_sentence = t.value, t.precision, True
    elif published:
        # the article does not date the act: the week of publication
        d.date, d.date_precision = published[:10], "week"


def sentence_figures(ctx: Context, lex: TriggerLexicon, s: int) -> list[tuple[int, str, int]]:
    """``(word, kind, count)`` for each killed/injured/arrested cue of
    sentence ``s`` that has a number next to it («و N» after it adds up)."""
    a, b = ctx.sent_words[s]
    nums = [(i, j, n) for i, j, n in ctx.numbers if a <= i < b and isinstance(n.value, (int, float))]
    out: list[tuple[int, str, int]] = []
    used: set[int] = set()
    cue_at = {}
    for k in range(a, b):
        stems = ctx.stems(k) | {ctx.ws[k].text}
        for key in ("killed", "injured", "arrested"):
            if stems & lex.cues[key]:
                cue_at[k] = key
    for k in sorted(cue_at):
        key = cue_at[k]
        cands = [x for x in nums if id(x) not in used and 0 < x[0] - k <= 3
                 and not any(k < q < x[0] for q in cue_at)]
        if not cands:
            cands = [x for x in nums if id(x) not in used and 0 <= k - x[1] <= 2]
        if not cands:
            continue
        first = min(cands, key=lambda x: abs(x[0] - k))
        used.add(id(first))
        total = int(first[2].value)
        # «22 من رجال الأمن، و6 مواطنين»: a number joined by و adds up
        for x in nums:
            if id(x) in used or not (first[1] <= x[0] <= first[1] + 5):
                continue
            if any(first[1] <= q <= x[0] for q in cue_at):
                break
            nstart = _norm_offset(ctx, x[2].start)
            if ctx.ws[x[0]].text.startswith("و") or (nstart > 0 and ctx.norm[nstart - 1] == "و"):
                used.add(id(x))
                total += int(x[2].value)
        out.append((k, key, total))
    return out


def _figure(figures: list[tuple[int, str, int]], key: str, h: Hit) -> int | None:
    got = [(abs(k - h.i), n) for k, kk, n in figures if kk == key]
    return min(got)[1] if got else None


def _norm_offset(ctx: Context, offset: int) -> int:
    import bisect

    return bisect.bisect_left(ctx.doc.norm_map, offset, 0, len(ctx.doc.norm_map) - 1)


def _no_casualties(ctx: Context, lex: TriggerLexicon, s: int) -> bool:
    a, b = ctx.sent_words[s]
    text = " ".join(w.text for w in ctx.ws[a:b])
    return any(" ".join(p) in text for p in lex.cue_phrases["no_casualties"])


# ------------------------------------------------------------------ modality, sources

def _ends_question(ctx: Context, s: int) -> bool:
    sent = ctx.sentences[s]
    return ctx.doc.text[sent.start:sent.end].rstrip().endswith(("؟", "?"))


def sentence_skipped(ctx: Context, lex: TriggerLexicon, s: int) -> bool:
    """Questions and opinions give no events."""
    a, b = ctx.sent_words[s]
    if a >= b:
        return True
    if _ends_question(ctx, s) or ctx.ws[a].text in lex.cues["question"] \
            or ctx.stems(a) & lex.cues["question"]:
        return True
    opinion = lex.cues["opinion"]
    ws = ctx.ws
    return any(ws[k].text in opinion or not opinion.isdisjoint(ctx.stems(k)) for k in range(a, b))


def _followed_by_that(ctx: Context, k: int) -> bool:
    if k + 1 >= len(ctx.ws):
        return False
    nxt = ctx.ws[k + 1].text
    return nxt.startswith(("ان", "بان")) and len(nxt) <= 5


def assign_modality(ctx: Context, lex: TriggerLexicon, d: Draft, hits: list[Hit]) -> None:
    h = d.hit
    a, b = ctx.sent_words[h.s]
    if h.i > a:
        prev = ctx.ws[h.i - 1].text
        if prev in lex.cues["negation"] or ctx.stems(h.i - 1) & lex.cues["negation"]:
            d.modality = "negated"
            return
    if "س" in h.prefix:
        d.modality = "future"
    for k in range(max(a, h.i - 10), h.i):
        stems = ctx.stems(k) | {ctx.ws[k].text}
        if stems & lex.cues["hypothetical"]:
            d.modality = "hypothetical"
            return
        if stems & lex.cues["future"] and k >= h.i - 4:
            d.modality = "future"
        if stems & lex.cues["denied"] and k >= h.i - 5:
            d.modality = "denied"
            return
    if d.modality == "claimed":
        return
    for k in range(a, b):
        raw = ctx.ws[k].text
        stems = ctx.stems(k) | {raw}
        for cue in lex.cues["suspected"]:
            if cue.endswith("…"):
                if cue[:-1] in stems and _followed_by_that(ctx, k) and abs(k - h.i) <= 12:
                    d.modality = "suspected"
            elif cue in stems and k < h.i and h.i - k <= 3:
                d.modality = "suspected"
    if d.type != "ACCUSE" and any(x.form.entry.type == "ACCUSE" and x.i < h.i and x.s == h.s
                                  for x in hits):
        d.modality = "accused"


def sentence_source(ctx: Context, lex: TriggerLexicon, s: int) -> tuple[str | None, Candidate | None]:
    """The source a sentence cites, as text (and its candidate, if any)."""
    from ..entities.dictionary import lexicons

    stop = lexicons().stop
    a, b = ctx.sent_words[s]
    cands = _sentence_cands(ctx, s)
    for k in range(a, b):
        stems = ctx.stems(k) | {ctx.ws[k].text}
        via_prep = bool(stems & lex.cues["report_preps"])
        via_verb = bool(stems & lex.cues["report_verbs"])
        if not (via_prep or via_verb):
            continue
        j = k + 1
        while j < b and j <= k + 2 and (ctx.stems(j) | {ctx.ws[j].text}) & (
                lex.cues["report_verbs"] | {"عن", "ل", "ما"}):
            j += 1
        if j >= b:
            continue
        at = [c for c in cands if c.i == j and not (c.kind == "participant" and c.j - c.i == 1)]
        if at and at[0].kind in ("name", "institution", "participant", "bare"):
            src = ctx.doc.text[slice(*original_span(ctx.doc.norm_map, at[0].nstart, at[0].nend))]
            head = ctx.norm[at[0].nstart:at[0].nend].split(" ")[0]
            if via_prep or head.removeprefix("ال") in {x.removeprefix("ال") for x in lex.cues["sources"]} \
                    or at[0].kind == "name" and at[0].actor_id and at[0].actor_id.startswith("media-"):
                return src, at[0]
        src_stem = next((st for st in stem_variants(ctx.ws[j].text)
                         if not st.virtual and st.text in lex.cues["sources"]), None)
        if src_stem is not None:
            end = j + 1
            while end < b and end <= j + 2 and joined(ctx.norm, ctx.ws[end - 1], ctx.ws[end]):
                w = ctx.ws[end].text
                if w in stop or w[0] in "وفبل" and not w.startswith("ال") or w.startswith(("ان", "بان")):
                    break
                end += 1
            s0, e0 = original_span(ctx.doc.norm_map, ctx.ws[j].start + src_stem.offset, ctx.ws[end - 1].end)
            return ctx.doc.text[s0:e0], None
    return None, None


# ------------------------------------------------------------------ merging

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
    if e.place_in_sentence and not f.place_in_sentence:
        f.place, f.place_in_sentence = e.place, True
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


def merge_drafts(drafts: list[Draft], norm: str) -> list[Draft]:
    """One draft per act (see the module docstring)."""
    out: list[Draft] = []
    for e in drafts:
        if e.hit.form.entry.attach:
            host = next((f for f in reversed(out) if 0 <= e.hit.s - f.hit.s <= 1), None)
            if host is not None:
                if host.target is None and e.target is not None:
                    host.target = e.target
                if _specific(e.place) > _specific(host.place):
                    host.place = e.place
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
        if target is not None:
            if _specific(e.place) > _specific(target.place):
                target.place, target.place_in_sentence = e.place, e.place_in_sentence
            _merge_into(target, e)
        else:
            out.append(e)
    return out


# ------------------------------------------------------------------ driver

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


def extract_events(doc: Document, *, drop: tuple[str, ...] = DROP,
                   lex: TriggerLexicon | None = None) -> list[Event]:
    """The events of ``doc`` (see the module docstring)."""
    lx = lex or trigger_lexicon()
    ctx = build_context(doc, lx)
    onto = ontology()
    drafts: list[Draft] = []
    for s in range(len(ctx.sentences)):
        if sentence_skipped(ctx, lx, s):
            continue
        hits = find_triggers(ctx, lx, s)
        if not hits:
            continue
        figures = sentence_figures(ctx, lx, s)
        source, source_cand = sentence_source(ctx, lx, s)
        for h in hits:
            d = Draft(h, h.form.entry.type, h.form.entry.mode or h.obj_mode)
            assign_roles(ctx, lx, d)
            assign_modality(ctx, lx, d, hits)
            assign_place_date(ctx, d, doc.published)
            if d.type == "ASSAULT":
                d.fatalities = _figure(figures, "killed", h)
                d.injured = _figure(figures, "injured", h)
                if d.fatalities is None and (d.injured or _no_casualties(ctx, lx, s)):
                    d.fatalities = 0
            else:
                d.fatalities = 0
            if d.type == "COERCE":
                d.arrested = _figure(figures, "arrested", h)
            if source and (d.actor is None or source_cand is not d.actor):
                d.reported_by = source
            if d.modality == "future" and d.type in _SHIFT_FUTURE:
                d.type, d.mode, d.modality = _SHIFT_FUTURE[d.type], None, "asserted"
            drafts.append(d)
    drafts = [d for d in drafts if d.modality not in drop]
    drafts = merge_drafts(drafts, ctx.norm)
    events: list[Event] = []
    for d in drafts:
        t = onto.types[d.type]
        if t.needs_actor and d.actor is None:
            continue
        if d.actor is None and d.target is None and not d.place_in_sentence \
                and d.fatalities is None and not d.injured and not d.arrested:
            continue  # a bare mention («تطور القتال»): nothing to record
        events.append(_to_event(ctx, d, len(events) + 1))
    return events


def _to_event(ctx: Context, d: Draft, n: int) -> Event:
    doc = ctx.doc
    ts, te = original_span(doc.norm_map, d.hit.nstart, d.hit.nend)
    sent = ctx.sentences[d.hit.s]
    acled = acled_for(d.type, d.mode, override=d.hit.form.entry.acled)
    if d.type == "ASSAULT" and acled[1] == "Non-state actor overtakes territory" \
            and d.actor is not None and _is_state(d.actor):
        acled = ("Battles", "Government regains territory")
    return Event(
        id=f"e{n}", type=d.type, mode=d.mode,
        trigger=Mention(doc.text[ts:te], ts, te), sentence=sent,
        acled_event_type=acled[0], acled_sub_event_type=acled[1],
        actor=d.actor.mention(doc) if d.actor else None,
        target=d.target.mention(doc) if d.target else None,
        place=d.place, date=d.date, date_precision=d.date_precision,
        fatalities=d.fatalities, injured=d.injured, arrested=d.arrested,
        modality=d.modality, reported_by=d.reported_by, confidence=_confidence(d))


def _is_state(c: Candidate) -> bool:
    from ..entities.dictionary import load_dictionary

    if c.kind == "institution":
        return True
    e = load_dictionary().get(c.actor_id or "")
    return e is not None and e.kind == "State forces"


__all__ = ["extract_events", "find_triggers", "assign_roles", "sentence_figures", "merge_drafts",
           "Draft", "Hit", "normalise"]
