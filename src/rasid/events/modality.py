"""Which sentences may hold events, and how the article attributes each
act (see :func:`assign_modality`)."""

from __future__ import annotations

from .context import Context
from .draft import Draft, Hit
from .lexicon import TriggerLexicon


def _ends_question(ctx: Context, s: int) -> bool:
    sent = ctx.sentences[s]
    return ctx.doc.text[sent.start:sent.end].rstrip().endswith(("؟", "?"))


def sentence_skipped(ctx: Context, lex: TriggerLexicon, s: int) -> bool:
    """Questions, opinions and sports reports give no events."""
    a, b = ctx.sent_words[s]
    if a >= b:
        return True
    if _ends_question(ctx, s) or ctx.ws[a].text in lex.cues["question"] \
            or ctx.stems(a) & lex.cues["question"]:
        return True
    opinion = lex.cues["opinion"]
    sport = lex.cues["sport"]
    if sum(1 for k in range(a, b) if ctx.reads_as(k, sport)) >= 2:
        return True  # a match or a transfer, not a political act
    return any(ctx.reads_as(k, opinion) for k in range(a, b))


def _followed_by_that(ctx: Context, k: int) -> bool:
    if k + 1 >= len(ctx.ws):
        return False
    nxt = ctx.ws[k + 1].text
    return nxt.startswith(("ان", "بان")) and len(nxt) <= 5


_THREAT_WINDOW = 3


def assign_modality(ctx: Context, lex: TriggerLexicon, d: Draft, hits: list[Hit]) -> None:
    h = d.hit
    a, b = ctx.sent_words[h.s]
    if h.form.pos == "verb" and h.prefix.endswith("ل"):
        d.modality = "hypothetical"  # «ليهاجم», «لشن هجمات»: a purpose, not an act
        return
    if h.i > a:
        prev = ctx.ws[h.i - 1].text
        if h.form.pos == "verb" and h.form.present and prev in ("ان", "بان") and not h.prefix:
            d.modality = "hypothetical"  # «أن يهاجم أحد»: a subjunctive, not an act told
            return
        if prev in lex.cues["negation"] or ctx.stems(h.i - 1) & lex.cues["negation"]:
            d.modality = "negated"
            return
    if "س" in h.prefix:
        d.modality = "future"
    if d.type != "THREATEN" and any(
            ctx.reads_as(k, lex.cues["threat"]) for k in range(max(a, h.i - _THREAT_WINDOW), h.i)):
        d.modality = "hypothetical"  # «هدد التنظيم بشن هجمات»: threatened, not done
        return
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
    if d.modality in ("claimed", "accused"):
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
    if d.type != "ACCUSE" and any(x.form.entry.type == "ACCUSE" and x.form.entry.mode == "allege" and x.i < h.i and x.s == h.s
                                  for x in hits):
        d.modality = "accused"
