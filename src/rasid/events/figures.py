"""Killed, injured and arrested figures of a sentence and of a draft."""

from __future__ import annotations

import bisect

from .context import Context
from .draft import Hit
from .lexicon import TriggerLexicon


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
            if _one_person_after(ctx, lex, k, b) or _one_person_before(ctx, lex, k, a):
                out.append((k, key, 1))
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


def _one_person_after(ctx: Context, lex: TriggerLexicon, k: int, end: int) -> bool:
    """«مقتل جندي»: the word after cue ``k`` (with or without the article) is
    one person (``singular_victims``), and no number stands next to it."""
    if k + 1 >= end:
        return False
    singles = lex.cues["singular_victims"]
    for form in ctx.stems(k + 1) | {ctx.ws[k + 1].text}:
        if form in singles or (form.startswith("ال") and form[2:] in singles):
            return True
    return False


_PASSIVE_CUES = frozenset({"قتل", "اصيب", "جرح", "اعتقل"})


def _one_person_before(ctx: Context, lex: TriggerLexicon, k: int, start: int) -> bool:
    """«إن جنديا تركيا قتل»: one person (an adjective may follow it) right
    before a passive verb of killing, wounding or arrest counts 1."""
    if ctx.ws[k].text not in _PASSIVE_CUES:
        return False
    singles = lex.cues["singular_victims"]
    for q in (k - 1, k - 2):
        if q >= start and ctx.ws[q].text in singles:
            return True
    return False


def figure(figures: list[tuple[int, str, int]], key: str, h: Hit) -> int | None:
    got = [(abs(k - h.i), n) for k, kk, n in figures if kk == key]
    return min(got)[1] if got else None


def _norm_offset(ctx: Context, offset: int) -> int:
    return bisect.bisect_left(ctx.doc.norm_map, offset, 0, len(ctx.doc.norm_map) - 1)


def no_casualties(ctx: Context, lex: TriggerLexicon, s: int) -> bool:
    a, b = ctx.sent_words[s]
    text = " ".join(w.text for w in ctx.ws[a:b])
    return any(" ".join(p) in text for p in lex.cue_phrases["no_casualties"])


def grand_total(ctx: Context, lex: TriggerLexicon, s: int) -> bool:
    """A grand total («العدد الإجمالي للقتلى») in sentence ``s``: a tally even
    when a doer is named («جراء غارات التحالف»)."""
    a, b = ctx.sent_words[s]
    tallies = lex.cues["tally_words"]
    return any((ctx.stems(k) | {ctx.ws[k].text}) & tallies for k in range(a, b))


def tally_sentence(ctx: Context, lex: TriggerLexicon, s: int) -> bool:
    """A count over a period («خلال هذه الفترة», «منذ بدء الحرب», «خلال عشرة
    أشهر») or a grand total («العدد الإجمالي») in sentence ``s``. A period
    counts only when its clause (up to «حيث», «بينما», «إن», «قال» ...) holds
    a figure or a casualty word: «يعانون منذ سنوات من سوء الخدمات، حيث قالت
    الشرطة إن متظاهرا قتل» tells one killing, not a tally."""
    a, b = ctx.sent_words[s]
    periods, tallies = lex.cues["tally_periods"], lex.cues["tally_words"]
    for k in range(a, b):
        stems = ctx.stems(k) | {ctx.ws[k].text}
        if stems & tallies:
            return True
        if stems & lex.cues["tally_preps"]:
            period = any((ctx.stems(q) | {ctx.ws[q].text}) & periods for q in range(k + 1, min(b, k + 4)))
            # «منذ 23 أيلول 2014»: since a date
            since_date = "منذ" in stems and k + 1 < b and ctx.ws[k + 1].text[:1].isdigit()
            if (period or since_date) and _counted_clause(ctx, lex, k, a, b):
                return True
    return False


def _opens_clause(ctx: Context, lex: TriggerLexicon, q: int) -> bool:
    w = ctx.ws[q].text
    return w in _CLAUSE_OPENERS or w in lex.cues["complementisers"] \
        or w in lex.cues["speaker_pronouns"] or bool(ctx.stems(q) & lex.cues["report_verbs"])


_CLAUSE_OPENERS = frozenset({"حيث", "بينما", "فيما", "لكن", "ولكن", "وحيث"})


def _counted_clause(ctx: Context, lex: TriggerLexicon, k: int, a: int, b: int) -> bool:
    """The clause around word ``k`` holds a number, a casualty word or acts
    of violence in the plural («تزايدت الهجمات منذ مطلع العام»)."""
    lo = next((q for q in range(k - 1, a - 1, -1) if _opens_clause(ctx, lex, q)), a - 1) + 1
    hi = next((q for q in range(k + 1, b) if _opens_clause(ctx, lex, q)), b)
    if any(lo <= i < hi and not (i == k + 1 and ctx.ws[i].text[:1].isdigit())
           for i, _, _ in ctx.numbers):
        return True
    cues = lex.cues["killed"] | lex.cues["injured"]
    if any(ctx.reads_as(q, cues) for q in range(lo, hi)):
        return True
    from .triggers import find_triggers

    return any(h.form.entry.type == "ASSAULT" and h.plural and lo <= h.i < hi
               for h in find_triggers(ctx, lex, ctx.sentence_of(k)))
