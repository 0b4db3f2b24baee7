"""Quotations and who said them.

:func:`find_quotes` takes the text between «…», “…” and "…" (a quote whose
closing mark is missing ends at the end of its paragraph). A quotation is
kept when a speech verb (قال، أضاف، أكد، أوضح، تابع، صرح … from the
``report_verbs`` cues) stands before it in its sentence, or when it runs to
four words or more; short marks without a speech verb are scare quotes
(«الإرهاب») and are skipped. The speaker is the actor mention right after
the speech verb, else the nearest one before the verb, else the words after
the verb up to «إن/أن» (at most three).
"""

from __future__ import annotations

import bisect
import re

from ..document import Document, Quote
from ..entities.matcher import stem_texts, words
from ..entities.stage import MENTIONS_KEY, ensure_norm, extract_mentions
from ..text.normalise import original_span
from .lexicon import trigger_lexicon

PAIRS = {"«": "»", "“": "”", "\"": "\""}
_PARA = re.compile(r"\n\s*\n|\n")
_OPEN = re.compile("[" + re.escape("".join(PAIRS)) + "]")
_SPEECH_EXTRA = frozenset({"قال", "اضاف", "تابع", "صرح", "اعتبر", "راي", "يقول", "تقول", "قالت",
                           "اضافت", "مضيفا", "مضيفه", "موضحا", "مؤكدا", "مشيرا", "متابعا", "بقوله"})


def _spans(text: str) -> list[tuple[int, int]]:
    """Inner spans of quotations (start after the opening mark)."""
    out = []
    n = len(text)
    m = _OPEN.search(text)
    while m is not None:
        i = m.start()
        close = PAIRS[text[i]]
        para_end = _PARA.search(text, i + 1)
        limit = para_end.start() if para_end else n
        j = text.find(close, i + 1, limit)
        end = j if j >= 0 else limit
        inner = text[i + 1:end].strip()
        if inner:
            lead = len(text[i + 1:end]) - len(text[i + 1:end].lstrip())
            out.append((i + 1 + lead, i + 1 + lead + len(inner)))
        m = _OPEN.search(text, (j + 1) if j >= 0 else limit)
    return out


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Inner character spans of the quotations of ``text`` (every pair of
    marks, with or without a speech verb)."""
    return _spans(text)


def find_quotes(doc: Document) -> list[Quote]:
    ensure_norm(doc)
    mentions = doc.meta.get(MENTIONS_KEY)
    if mentions is None:
        mentions = extract_mentions(doc)
    lex = trigger_lexicon()
    speech = {v for v in lex.cues["report_verbs"]} | _SPEECH_EXTRA
    ws = words(doc.norm)
    starts = [w.start for w in ws]
    sents = doc.sentences or []
    out: list[Quote] = []
    for qs, qe in _spans(doc.text):
        nq = bisect.bisect_left(doc.norm_map, qs, 0, len(doc.norm_map) - 1)
        first_word = bisect.bisect_left(starts, nq)
        # the sentence (or 40 words) before the quotation
        sent_start = next((s.start for s in sents if s.start <= qs < max(s.end, qs + 1)), 0)
        ns = bisect.bisect_left(doc.norm_map, sent_start, 0, len(doc.norm_map) - 1)
        lo = max(bisect.bisect_left(starts, ns), first_word - 40)
        verb = None
        for k in range(first_word - 1, lo - 1, -1):
            if not speech.isdisjoint(stem_texts(ws[k].text)):
                verb = k
                break
        n_words = len(doc.text[qs:qe].split())
        if verb is None and n_words < 4:
            continue
        speaker, speaker_id = None, None
        if verb is not None:
            after = [m for m in mentions if verb < m.i < first_word and m.type in ("PER", "ORG")]
            before = [m for m in mentions if lo <= m.i and m.j <= verb and m.type in ("PER", "ORG")]
            pick = after[0] if after else (before[-1] if before else None)
            if pick is not None:
                speaker, speaker_id = pick.text, pick.actor_id
            else:
                end = verb + 1
                while end < first_word and end <= verb + 3 and not ws[end].text.startswith(("ان", "بان")):
                    end += 1
                if end > verb + 1:
                    s0, e0 = original_span(doc.norm_map, ws[verb + 1].start, ws[end - 1].end)
                    speaker = doc.text[s0:e0]
        out.append(Quote(speaker, speaker_id, doc.text[qs:qe], qs, qe))
    return out
