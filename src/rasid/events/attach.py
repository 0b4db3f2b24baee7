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
WHEN_WHERE = 4  # words from a time to the place told with it («صباح الخميس في مدينة سجنان»)
_FORCE = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "THREATEN"})
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
        if ctx.reads_as(k, breaks):
            lo = k + 1
            break
    for k in range(h.j, hi):
        if ctx.reads_as(k, breaks):
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


def carry_over(ctx: Context, lex: TriggerLexicon, d: Draft, previous: list[Draft]) -> None:
    """A sentence that opens by continuing the report before («وأضافت الوزارة
    أن قوات الأمن تمكنت من القبض على 13 عنصرا»): an act there with no date
    (or no place) of its own takes those of the main act of the sentence
    before (the first with a place in its own clause)."""
    h = d.hit
    a, b = ctx.sent_words[h.s]
    if d.date_in_sentence and d.place_in_sentence:
        return
    opener = next((k for k in range(a, min(b, a + 2))), None)
    if opener is None or not (ctx.stems(opener) | {ctx.ws[opener].text}) & lex.cues["continuation"]:
        return
    kin = (lambda t: t in _FORCE) if d.type in _FORCE else (lambda t: t == d.type)
    prev = [x for x in previous if x.hit.s == h.s - 1 and kin(x.type)]
    # the first act of the sentence before is its main one; its own clause first
    prev.sort(key=lambda x: (not x.place_in_clause, x.hit.i))
    when = None
    if not d.date_in_sentence:
        dated = [x for x in prev if x.date_in_sentence]
        if dated:
            d.date, d.date_precision = dated[0].date, dated[0].date_precision
            when = next((i for i, t in ctx.times if t.value == d.date
                         and ctx.sentence_of(i) == h.s - 1), None)
    if not d.place_in_sentence and prev:
        # «صباح الخميس في مدينة سجنان»: the place told with the time, else the act's
        pa, pb = ctx.sent_words[h.s - 1]
        beside = [p for i, p in ctx.places if pa <= i < pb and when is not None
                  and 0 < i - when <= WHEN_WHERE]
        placed = [x.place for x in prev if x.place_in_sentence]
        if beside or placed:
            d.place = (beside or placed)[0]
