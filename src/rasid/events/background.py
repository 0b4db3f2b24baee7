"""Acts an article tells as background, history or habit, not as its news.

:func:`background` says whether a draft is one of these; the driver
(:mod:`~rasid.events.extract`) drops it. The cue words are in
``data/events/triggers.yaml`` (``cues``):

* an old date read in the event's own clause: its last day more than
  :data:`OLD_DAYS` days before publication («في عام 2011», «في أبريل الماضي»);
* a time distance before the trigger: «بعد شهرين من مقتل …», «بعد نحو شهر
  من الهجوم» (``distance_units`` of weeks, months, years after ``distance_preps``,
  then من/على right before the trigger);
* a pluperfect «كان … قد» (``pluperfect_aux``) before the trigger in its
  clause, in a sentence that reads no date (a dated one, «كانت قد انطلقت
  صباح أمس», is judged by its date);
* «سبق أن/سبق ل» (``precedent``) right before the trigger;
* a habitual past, a form of كان up to four words before a present verb in
  its clause («كنت أنتقد», «وكانت الشرطة تعتقل»), or a habit word near the
  trigger (``habitual``, eight words either side: «عادة», «غالب ما»; daily
  acts are news);
* a standing position: a present statement verb (REQUEST, ACCUSE, REJECT,
  AGREE; not SUPPORT) up to three words after a relative pronoun («الميثاق الذي
  يدعو إلى ...», «اليونان التي تطالب بمكانها»);
* an earlier act named by the word right after a noun trigger
  (``earlier_next``: «المفاوضات السابقة»).
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from .context import Context
from .draft import Draft, Hit
from .lexicon import TriggerLexicon

OLD_DAYS = 40  # the gold counts acts of the last month as news of the day
_WINDOW = 8  # words before the trigger searched for a distance or a habit


def _last_day(value: str) -> date | None:
    """The last day a date value («2015», «2015-06», «2015-06-03») may mean."""
    try:
        parts = [int(p) for p in value[:10].split("-")]
    except ValueError:
        return None
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], monthrange(parts[0], parts[1])[1])
    try:
        return date(*parts[:3])
    except ValueError:
        return None


def _age(value: str | None, published: str | None) -> int | None:
    """Days from the last day of a date value to publication."""
    if not (published and value):
        return None
    last = _last_day(value)
    try:
        pub = date.fromisoformat(published[:10])
    except ValueError:
        return None
    return None if last is None else (pub - last).days


# cue phrases by first word, per lexicon and cue list: {(id(lex), key): (lex, {first: [phrases]})}
_BY_FIRST: dict[tuple[int, str], tuple[TriggerLexicon, dict[str, list[tuple[str, ...]]]]] = {}


def _by_first(lex: TriggerLexicon, key: str) -> dict[str, list[tuple[str, ...]]]:
    got = _BY_FIRST.get((id(lex), key))
    if got is None or got[0] is not lex:
        index: dict[str, list[tuple[str, ...]]] = {}
        for ph in lex.cue_phrases[key]:
            if ph:
                index.setdefault(ph[0], []).append(ph)
        got = _BY_FIRST[(id(lex), key)] = (lex, index)
    return got[1]


def _phrase_at(ctx: Context, lex: TriggerLexicon, key: str, k: int, b: int) -> bool:
    """A phrase of cue list ``key`` starts at word ``k`` (before ``b``)."""
    index = _by_first(lex, key)
    firsts = {ctx.ws[k].text, *ctx.stems(k)}
    for first in firsts:
        for ph in index.get(first, ()):
            if k + len(ph) <= b and all(ctx.ws[k + n].text == ph[n] or ph[n] in ctx.stems(k + n)
                                        for n in range(1, len(ph))):
                return True
    return False


def _in(ctx: Context, lex: TriggerLexicon, key: str, k: int) -> bool:
    return ctx.reads_as(k, lex.cues[key])


def _clause_start(ctx: Context, lex: TriggerLexicon, i: int, a: int) -> int:
    """First word of the trigger's clause: after the last clause break or
    complementiser before it."""
    for k in range(i - 1, a - 1, -1):
        if _in(ctx, lex, "clause_breaks", k) or ctx.ws[k].text in lex.cues["complementisers"]:
            return k + 1
    return a


def _distance(ctx: Context, lex: TriggerLexicon, i: int, a: int) -> bool:
    """«بعد (نحو) شهرين من مقتل …»: a unit of weeks or more, then من/على
    right before the trigger, after a distance preposition."""
    if i - 2 < a or ctx.ws[i - 1].text not in ("من", "على", "علي"):
        return False
    if not _in(ctx, lex, "distance_units", i - 2):
        return False
    return any(_in(ctx, lex, "distance_preps", k) for k in range(max(a, i - 6), i - 2))


def _pluperfect(ctx: Context, lex: TriggerLexicon, i: int, a: int) -> bool:
    start = _clause_start(ctx, lex, i, a)
    aux = [k for k in range(start, i) if _in(ctx, lex, "pluperfect_aux", k)]
    return bool(aux) and any(ctx.ws[k].text in ("قد", "وقد") for k in range(aux[0] + 1, i))


def _habitual(ctx: Context, lex: TriggerLexicon, d: Draft, a: int, b: int) -> bool:
    h = d.hit
    if h.form.pos == "verb" and h.form.present and any(
            _in(ctx, lex, "pluperfect_aux", k)
            for k in range(max(_clause_start(ctx, lex, h.i, a), h.i - 4), h.i)):
        return True  # «كنت أنتقد», «وكانت الشرطة تعتقل»
    lo, hi = max(a, h.i - _WINDOW), min(b, h.j + _WINDOW)
    return any(_phrase_at(ctx, lex, "habitual", k, b) for k in range(lo, hi))


def _hit_bounds(h: Hit, hits: list[Hit], a: int, b: int) -> tuple[int, int]:
    """Words ``[lo, hi)`` between the triggers around ``h`` in its sentence."""
    lo, hi = a, b
    for x in hits:
        if x is not h and x.j <= h.i:
            lo = max(lo, x.j)
        elif x is not h and x.i >= h.j:
            hi = min(hi, x.i)
    return lo, hi


def _date_bounds(ctx: Context, lex: TriggerLexicon, h: Hit, hits: list[Hit]) -> tuple[int, int]:
    """Words ``[lo, hi)`` whose date is the trigger's: between the triggers
    around it, not past a clause break or back past «إن/أن/إنه», except a relative pronoun right after
    a noun trigger or its adjective, which tells of the trigger itself («المعارك
    التي شهدتها المدينة في أبريل»; not «استعادت الأراضي التي خسرتها العام
    الماضي»)."""
    lo, hi = _hit_bounds(h, hits, *ctx.sent_words[h.s])
    breaks = lex.cues["clause_breaks"]
    for k in range(h.i - 1, lo - 1, -1):
        if _in(ctx, lex, "clause_breaks", k) or ctx.ws[k].text in lex.cues["complementisers"] \
                or ctx.ws[k].text in lex.cues["speaker_pronouns"]:
            lo = k + 1  # «قال جنرال شارك في انقلاب في مايو إنه ...»: May is not the act's
            break
    for k in range(h.j, hi):
        if h.form.pos == "noun" and ctx.ws[k].text in lex.cues["relative"] and k <= h.j + 1:
            continue
        if ctx.reads_as(k, breaks):
            hi = k
            break
    return lo, hi


def _since(ctx: Context, h: Hit, i: int) -> bool:
    """The date at word ``i`` follows «منذ»: the start of what goes on
    («منذ اشتعال الحرب في مارس»), not the time of an act."""
    return any(ctx.ws[k].text in ("منذ", "ومنذ", "فمنذ")
               for k in range(max(ctx.sent_words[h.s][0], i - 5), i))


def _clause_date(ctx: Context, lex: TriggerLexicon, h: Hit, hits: list[Hit]) -> str | None:
    """The value of the date read nearest the trigger in its own clause, else
    between it and the trigger before it, not back past «إن/أن» («الهجوم على متحف باردو في مارس
    الماضي الذي أدى إلى مقتل 22 شخصا»: the killing is of March); a date
    after «منذ» is not read (:func:`_since`)."""
    lo = _hit_bounds(h, hits, *ctx.sent_words[h.s])[0]
    lo = max([lo] + [k + 1 for k in range(lo, h.i) if ctx.ws[k].text in lex.cues["complementisers"]
                     or ctx.ws[k].text in lex.cues["speaker_pronouns"]])
    for lo, hi in (_date_bounds(ctx, lex, h, hits), (lo, h.i)):
        own = [(i, t) for i, t in ctx.times if lo <= i < hi and t.value and not _since(ctx, h, i)]
        if own:
            return min(own, key=lambda x: abs(x[0] - h.i))[1].value
    return None


# statement verbs whose present tense after a relative pronoun describes a
# standing position («الميثاق الذي يدعو إلى ...», «اليونان التي تطالب بمكانها»)
_STATEMENT_TYPES = frozenset({"REQUEST", "ACCUSE", "REJECT", "AGREE"})  # not SUPPORT: «روسيا التي تدعم حفتر» is news


def _standing(ctx: Context, lex: TriggerLexicon, d: Draft, a: int) -> bool:
    h = d.hit
    if d.type not in _STATEMENT_TYPES or h.form.pos != "verb" or not h.form.present:
        return False
    return any(ctx.ws[k].text in lex.cues["relative"] for k in range(max(a, h.i - 3), h.i))


def background_reason(ctx: Context, lex: TriggerLexicon, d: Draft, hits: list[Hit],
                      published: str | None, *, one_sentence: bool = False) -> str | None:
    """Why ``d`` is an act told as background, history or habit (see the
    module docstring): ``"old-date"``, ``"distance"``, ``"precedent"``,
    ``"pluperfect"``, ``"habitual"``, ``"standing"``, ``"earlier"``; None when it is not one.
    ``hits`` are the triggers of its sentence. In a one-sentence text
    (``one_sentence``) there is no news for a pluperfect act to be the
    background of: it is kept."""
    h = d.hit
    a, b = ctx.sent_words[h.s]
    old = _age(_clause_date(ctx, lex, h, hits), published)
    if old is not None and old > OLD_DAYS:
        return "old-date"
    if _distance(ctx, lex, h.i, a):
        return "distance"
    if h.i > a and (_in(ctx, lex, "precedent", h.i - 1)
                    or (h.i - 1 > a and ctx.ws[h.i - 1].text in ("ان", "أن")
                        and _in(ctx, lex, "precedent", h.i - 2))):
        return "precedent"
    if not one_sentence and _pluperfect(ctx, lex, h.i, a) \
            and not any(a <= i < b for i, _ in ctx.times):
        return "pluperfect"  # undated «كان ... قد»; a dated one is judged by its date above
    if _habitual(ctx, lex, d, a, b):
        return "habitual"
    if _standing(ctx, lex, d, a):
        return "standing"
    if h.form.pos == "noun" and h.j < b and _in(ctx, lex, "earlier_next", h.j):
        return "earlier"
    return None


def background(ctx: Context, lex: TriggerLexicon, d: Draft, hits: list[Hit],
               published: str | None, *, one_sentence: bool = False) -> bool:
    """Whether ``d`` is an act told as background (:func:`background_reason`)."""
    return background_reason(ctx, lex, d, hits, published, one_sentence=one_sentence) is not None


__all__ = ["background", "background_reason", "OLD_DAYS"]
