"""Place and date of a draft (see :func:`assign_place_date`).

The **clause** of a trigger runs from the end of the trigger before it in the
sentence (or the last clause-opening word before it: حيث، منذ، الذي، في وقت
…, the ``clause_breaks`` cues) to the start of the next trigger (or the next
clause-opening word). The **place** is, in order:

1. in the clause, for a visit, the place after «إلى» (where the visitor goes);
2. in the clause, the first place after the trigger, else the last before it;
3. in the sentence (within ``PLACE_WINDOW`` words), the first place after the
   trigger, else the last before it (a weaker reading, which a mention of the
   same act with a place in its own clause replaces when they merge).

The **date** is the time of the clause nearest the trigger, else of the
sentence, else the publication date with precision ``week`` (the article does
not say). Background acts keep their own dates («منذ أن فقد معقله في مدينة
سرت في ديسمبر 2016» is dated 2016-12).
"""

from __future__ import annotations

from .context import Context
from .draft import Draft, Hit
from .lexicon import TriggerLexicon

PLACE_WINDOW = 15
_TO = frozenset({"الى", "الي", "إلى", "نحو"})  # as normalised (ى → ي)


def clause_bounds(ctx: Context, lex: TriggerLexicon, h: Hit, hits: list[Hit]) -> tuple[int, int]:
    """Word span ``[lo, hi)`` of the clause of hit ``h`` (see the module docstring)."""
    a, b = ctx.sent_words[h.s]
    lo, hi = a, b
    for x in hits:
        if x is h:
            continue
        if x.j <= h.i:
            lo = max(lo, x.j)
        elif x.i >= h.j:
            hi = min(hi, x.i)
    breaks = lex.cues["clause_breaks"]
    for k in range(h.i - 1, lo - 1, -1):
        if ctx.ws[k].text in breaks or not breaks.isdisjoint(ctx.stems(k)):
            lo = k + 1
            break
    for k in range(h.j, hi):
        if ctx.ws[k].text in breaks or not breaks.isdisjoint(ctx.stems(k)):
            hi = k
            break
    return lo, hi


def _destination(ctx: Context, places: list) -> tuple | None:
    for i, p in places:
        if i > 0 and (ctx.ws[i - 1].text in _TO or ctx.ws[i].text.startswith("لل")):
            return i, p
    return None


def assign_place_date(ctx: Context, lex: TriggerLexicon, d: Draft, hits: list[Hit],
                      published: str | None) -> None:
    """Set ``d.place`` (and whether it was read in its clause or sentence) and
    ``d.date``/``d.date_precision``."""
    h = d.hit
    a, b = ctx.sent_words[h.s]
    lo, hi = clause_bounds(ctx, lex, h, hits)
    near = [(i, p) for i, p in ctx.places if a <= i < b and abs(i - h.i) <= PLACE_WINDOW]
    own = [(i, p) for i, p in near if lo <= i < hi]
    pick = None
    if own:
        after = [x for x in own if x[0] >= h.j]
        if d.mode == "visit":
            pick = _destination(ctx, after)
        pick = pick or (after[0] if after else own[-1])
        d.place_in_clause = True
    elif near:
        after = [x for x in near if x[0] >= h.i]
        pick = after[0] if after else near[-1]
    if pick is not None:
        d.place, d.place_in_sentence = pick[1], True
    times = [(i, t) for i, t in ctx.times if a <= i < b and t.value]
    if times:
        in_clause = [x for x in times if lo <= x[0] < hi]
        i, t = min(in_clause or times, key=lambda x: abs(x[0] - h.i))
        d.date, d.date_precision, d.date_in_sentence = t.value, t.precision, True
    elif published:
        # the article does not date the act: the week of publication
        d.date, d.date_precision = published[:10], "week"
