"""The source a sentence cites («قال مصدر أمني», «بحسب الأناضول»): an
event's ``reported_by``."""

from __future__ import annotations

from ..entities.dictionary import is_media
from ..entities.matcher import joined, stem_variants
from ..text.normalise import original_span
from .context import Candidate, Context
from .draft import sentence_cands as _sentence_cands
from .lexicon import TriggerLexicon


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
                    or at[0].kind == "name" and is_media(at[0].actor_id):
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
