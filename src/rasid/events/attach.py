"""Place and date of a draft (see :func:`assign_place_date`)."""

from __future__ import annotations

from .context import Context
from .draft import Draft

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
