"""The working records of the extractor: a trigger :class:`Hit` and the
:class:`Draft` event built around it, and the role fillers of a sentence."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Place
from .context import Candidate, Context
from .lexicon import TriggerForm


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
    plural: bool = False  # a plural noun («الهجمات»): with ``definite``, a class of acts
    fresh: bool = False  # «زيارة مماثلة», «هجوم جديد»: another act, never merged


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
    place_in_clause: bool = False
    date: str | None = None
    date_precision: str | None = None
    date_in_sentence: bool = False
    fatalities: int | None = None
    injured: int | None = None
    arrested: int | None = None
    modality: str = "asserted"
    reported_by: str | None = None
    extra_hits: list[Hit] = field(default_factory=list)


def sentence_cands(ctx: Context, s: int) -> list[Candidate]:
    """The role fillers inside sentence ``s``."""
    a, b = ctx.sent_words[s]
    return [c for c in ctx.cands if a <= c.i and c.j <= b]
