"""Trigger search: the lexicon entries found in a sentence, left to right,
not inside names, with their light-verb objects («شن هجوما»), the
``not_next``/``not_prev`` words that cancel them («هجوم إعلامي», «وقف إطلاق
النار»), for entries marked ``accidents`` an accident told right after them
(«مقتل 11 عسكريا في تحطم طائرة») and for entries marked ``verbal`` words of
speech around them («هاجم الوزير المعارضة في خطابه»)."""

from __future__ import annotations

from ..text.normalise import original_span
from .context import Context
from .draft import Hit
from .lexicon import NOUN_PREFIXES, VERB_PREFIXES, TriggerForm, TriggerLexicon

_DEMONSTRATIVES = frozenset({"هذا", "هذه", "ذلك", "تلك", "هذان", "هاتان"})

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
    uses_ta = "ة" in ctx.doc.text
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
            if (f.ta and uses_ta and _written_ha(ctx, m.i)) \
                    or _not_next(ctx, f, m.j, b) or _not_prev(ctx, f, m.i, a) \
                    or (f.entry.not_with and _sentence_has(ctx, a, b, f.entry.not_with)) \
                    or (f.entry.not_next_country and m.j < b and _country_adj(ctx, m.j)) \
                    or (f.entry.accidents and _accident(ctx, lex, m.j, b)) \
                    or (f.entry.verbal and _verbal(ctx, lex, m.i, m.j, a, b)):
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
        if _reason_frame(ctx, lex, m.value, m.i, m.prefix, a) \
                or _topic_frame(ctx, lex, m.value, m.i, a):
            i = m.j
            continue
        word = ctx.norm[m.start:ctx.ws[m.i].end]
        prev = ctx.ws[m.i - 1].text if m.i > a else ""
        obj_mode = None
        if obj_end is not None and m.value.entry.mode is None:
            obj = lex.index.best_at(ctx.norm, ctx.ws, obj_end[0], prefixes=NOUN_PREFIXES)
            if obj is not None and obj.value.entry.type == m.value.entry.type:
                obj_mode = obj.value.entry.mode
        noun = m.value.pos == "noun"
        nxt = ctx.ws[m.j].text if m.j < b else ""
        hits.append(Hit(m.value, m.i, m.j, m.start, m.end, s, m.prefix,
                        # a one-word «الهجوم» takes up an act; «القبض على» is a verbal phrase
                        definite=noun and (prev in _DEMONSTRATIVES
                                           or word.startswith("ال") and m.j - m.i == 1),
                        obj_mode=obj_mode, plural=noun and word.endswith("ات"),
                        fresh=noun and (nxt in lex.cues["fresh"]
                                        or nxt.removeprefix("ال") in lex.cues["fresh"])))
        if obj_end is not None:
            consumed.update(range(obj_end[0], obj_end[1]))
        i = m.j
    assaults = [h for h in hits if h.form.entry.type == "ASSAULT"]
    if assaults and all(h.form.entry.outcome for h in assaults) and _crash(ctx, lex, a, b):
        hits = [h for h in hits if h.form.entry.type != "ASSAULT"]
    return hits


def _sentence_has(ctx: Context, a: int, b: int, words: frozenset[str]) -> bool:
    return any(_word_in(ctx, k, words) or ctx.ws[k].text.removeprefix("ال") in words
               for k in range(a, b))


def _country_adj(ctx: Context, k: int) -> bool:
    """Word ``k`` is a country's nisba («الإسرائيلي», «مصرية»)."""
    from ..entities.dictionary import lexicons

    return ctx.ws[k].text in lexicons().country_adjs


_CRASH_WINDOW = 3


def _crash(ctx: Context, lex: TriggerLexicon, a: int, b: int) -> bool:
    """Sentence ``[a, b)`` tells a crash («سقطت أمس طائرة حربية», «تحطم
    مروحية») or a disaster («حريق», «زلزال», «حادث مروري»)."""
    verbs, aircraft = lex.cues["crash_verbs"], lex.cues["aircraft"]
    for k in range(a, b):
        if _word_in(ctx, k, lex.cues["disasters"]):
            return True
        if _word_in(ctx, k, verbs) and any(
                _word_in(ctx, q, aircraft) or ctx.ws[q].text.removeprefix("ال") in aircraft
                for q in range(k + 1, min(b, k + 1 + _CRASH_WINDOW))):
            return True
    return False


def _reason_frame(ctx: Context, lex: TriggerLexicon, f: TriggerForm, i: int, prefix: str,
                  a: int) -> bool:
    """«بناء على طلب», «استجابة لدعوة», «بطلب من»: the trigger names the
    reason of another act, not an act of its own."""
    if f.pos == "noun" and f.entry.type == "REQUEST" and prefix.endswith("ب"):
        return True
    for phrase in lex.cue_phrases["reason"]:
        n = len(phrase)
        if i - n < a:
            continue
        if all(ctx.ws[i - n + k].text == phrase[k] for k in range(n)):
            return True
    return False


def _topic_frame(ctx: Context, lex: TriggerLexicon, f: TriggerForm, i: int, a: int) -> bool:
    """«بحث الرئيسان الحرب في سوريا», «قدم تعازيه لتركيا التي شهدت هجمات»,
    «شرطة مكافحة الشغب»: a noun trigger that is the topic of talks or condolences
    (a topic verb up to 20 words before it in the same clause) or the
    complement of a modifier head names no act of its own."""
    if f.pos != "noun" or f.entry.type in ("CONSULT",):
        return False
    if i > a and _word_in(ctx, i - 1, lex.cues["modifier_heads"]):
        return True
    topic, stops = lex.cues["topic_verbs"], lex.cues["topic_stops"]
    for k in range(i - 1, max(a, i - _TOPIC_WINDOW) - 1, -1):
        if _word_in(ctx, k, topic):
            return True
        if _word_in(ctx, k, stops) or any(ch in ".،,؛:" for ch in ctx.norm[ctx.ws[k].end:ctx.ws[k + 1].start]):
            return False  # another clause: the trigger is no longer the topic
    return False


def _word_in(ctx: Context, k: int, words: frozenset[str]) -> bool:
    return ctx.ws[k].text in words or not words.isdisjoint(ctx.stems(k))


_TOPIC_WINDOW = 20


def _not_next(ctx: Context, f: TriggerForm, j: int, b: int) -> bool:
    if j >= b or not f.entry.not_next:
        return False
    nxt = ctx.ws[j].text
    for w in f.entry.not_next:
        if " " in w:  # a phrase: «على حقوق»
            ph = w.split()
            if j + len(ph) <= b and all(ctx.ws[j + n].text == ph[n] for n in range(len(ph))):
                return True
        elif w.endswith("*"):
            if nxt.startswith(w[:-1]):
                return True
        elif nxt == w or nxt.removesuffix("ا") == w:  # «إعلاميا»: accusative of «إعلامي»
            return True
    return False


def _written_ha(ctx: Context, k: int) -> bool:
    """Word ``k`` ends in ه as written: in a text that writes ة elsewhere,
    «مظاهره», «مهاجمه» are «its manifestations», «its striker» (a pronoun),
    not the nouns «مظاهرة», «مهاجمة» that normalise to the same letters."""
    s, e = original_span(ctx.doc.norm_map, ctx.ws[k].start, ctx.ws[k].end)
    word = ctx.doc.text[s:e].rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640")
    return word.endswith("ه")


def _not_prev(ctx: Context, f: TriggerForm, i: int, a: int) -> bool:
    """A word right before the trigger that makes it another sense
    («وقف إطلاق النار»: a ceasefire, not a shooting)."""
    if i <= a or not f.entry.not_prev:
        return False
    prev = ctx.ws[i - 1].text
    return prev in f.entry.not_prev or not ctx.stems(i - 1).isdisjoint(f.entry.not_prev)


_ACCIDENT_WINDOW = 6


def _accident(ctx: Context, lex: TriggerLexicon, j: int, b: int) -> bool:
    """An accident word (cues.accidents) within a few words after the trigger,
    not itself qualified as an attack («الحادث الإرهابي»): the deaths of a
    crash, a fire or a flood, not of an assault."""
    accidents, qualifiers = lex.cues["accidents"], lex.cues["accident_not_next"]
    for k in range(j, min(b, j + _ACCIDENT_WINDOW)):
        if _word_in(ctx, k, accidents):
            nxt = ctx.ws[k + 1].text if k + 1 < b else ""
            return nxt not in qualifiers
    return False


_VERBAL_WINDOW = 6


def _verbal(ctx: Context, lex: TriggerLexicon, i: int, j: int, a: int, b: int) -> bool:
    """A word of speech (cues.verbal: «في تصريحات», «في خطابه», «واصفا») within
    six words of an attack word, in the same clause (no «إن/أن» between):
    an attack in words («هاجم الوزير المعارضة في خطابه»)."""
    verbal, comp = lex.cues["verbal"], lex.cues["complementisers"]
    for k in list(range(max(a, i - _VERBAL_WINDOW), i)) + list(range(j, min(b, j + _VERBAL_WINDOW))):
        if _word_in(ctx, k, verbal):
            lo, hi = (k, i) if k < i else (j, k)
            if not any(ctx.ws[q].text in comp for q in range(lo, hi)):
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
