"""The ACLED event type and sub-event type of a draft.

The PLOVER type and mode give the default (``ontology.yaml``, or the trigger
entry's own ``acled``); then, for ASSAULT:

* taking territory by a state actor is «Government regains territory»;
* an attack (not a clash: «اشتباكات», «معارك», «بين X و Y») whose target is
  civilians or a civilian place (the ``civilians`` cues: «ثلاثة أشخاص»,
  «مدنيين», «بلدة», «سوق» …) is «Violence against civilians / Attack», unless
  the weapon makes it remote violence (air strike, shelling, bomb), which
  ACLED codes by the weapon.
"""

from __future__ import annotations

from .context import Context
from .draft import Draft
from .lexicon import TriggerLexicon
from .ontology import acled_for
from .roles import is_state

_VAC = ("Violence against civilians", "Attack")


def _words(ctx: Context, i: int, j: int) -> set[str]:
    out: set[str] = set()
    for k in range(i, j):
        out.add(ctx.ws[k].text)
        out |= ctx.stems(k)
    out |= {w.removeprefix("ال") for w in out}
    return out | {w[:-1] for w in out if w.endswith("ا") and len(w) > 3}  # «سوقا»


def _is_clash(ctx: Context, lex: TriggerLexicon, d: Draft) -> bool:
    clash = lex.cues["clash"]
    for h in [d.hit, *d.extra_hits]:
        if not clash.isdisjoint(_words(ctx, h.i, h.j)):
            return True
    a, b = ctx.sent_words[d.hit.s]
    return any(ctx.ws[k].text in lex.cues["between"] for k in range(d.hit.j, min(b, d.hit.j + 8)))


def civilian_target(ctx: Context, lex: TriggerLexicon, d: Draft) -> bool:
    """Whether the draft's target names civilians or a civilian place."""
    civ = lex.cues["civilians"]
    t = d.target
    if t is not None and not civ.isdisjoint(_words(ctx, t.i, t.j)):
        return True
    # the object right after the verb and its subject («هاجم مسلحون سوقا»)
    i = max(d.hit.j, d.actor.j if d.actor is not None and d.actor.i >= d.hit.j else d.hit.j)
    j = min(ctx.sent_words[d.hit.s][1], i + 2)
    return not civ.isdisjoint(_words(ctx, i, j))


def acled_types(ctx: Context, lex: TriggerLexicon, d: Draft) -> tuple[str | None, str | None]:
    """``(event_type, sub_event_type)`` of a draft (see the module docstring)."""
    acled = acled_for(d.type, d.mode, override=d.hit.form.entry.acled)
    if d.type != "ASSAULT":
        return acled
    if acled[1] == "Non-state actor overtakes territory" and d.actor is not None and is_state(d.actor):
        return "Battles", "Government regains territory"
    if acled == ("Battles", "Armed clash") and not _is_clash(ctx, lex, d) \
            and civilian_target(ctx, lex, d):
        return _VAC
    return acled
