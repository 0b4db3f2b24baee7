"""What the event extractor reads of a document, indexed by word.

:func:`build_context` gathers, over the words of ``Document.norm``: the
sentences (``doc.sentences`` or :func:`~rasid.text.sentences.split_sentences`),
the role fillers (:class:`Candidate`: actor mentions of the entities stage,
LOC entities of the places stage, generic participants such as «مسلحين»,
counted victims such as «ثلاثة أشخاص»), number spans, places and times.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..document import Document, NumberSpan, Place, Sentence, TimeSpan
from ..entities.matcher import PROCLITICS, PhraseIndex, Word, joined, stem_texts, stem_variants, words
from ..entities.stage import MENTIONS_KEY, ensure_norm, extract_mentions
from ..text.normalise import original_span
from .lexicon import TriggerLexicon


@dataclass(slots=True)
class Candidate:
    """A possible actor or target over words ``[i, j)`` (norm ``[nstart, nend)``)."""

    i: int
    j: int
    nstart: int
    nend: int
    kind: str  # name | title | institution | bare | country | loc | participant | victim
    actor_id: str | None = None
    prefix: str = ""
    victim: bool = False

    def mention(self, doc: Document):
        from ..document import Mention

        s, e = original_span(doc.norm_map, self.nstart, self.nend)
        return Mention(doc.text[s:e], s, e, self.actor_id)


@dataclass(slots=True)
class Context:
    doc: Document
    norm: str
    ws: list[Word]
    starts: list[int]
    sentences: list[Sentence]
    sent_words: list[tuple[int, int]]
    cands: list[Candidate]
    numbers: list[tuple[int, int, NumberSpan]] = field(default_factory=list)  # (i, j, span)
    places: list[tuple[int, Place]] = field(default_factory=list)
    times: list[tuple[int, TimeSpan]] = field(default_factory=list)
    stem_memo: dict[int, frozenset[str]] = field(default_factory=dict)  # see stems()

    def word_at(self, norm_offset: int) -> int:
        """Index of the word containing or following a norm offset."""
        k = bisect.bisect_right(self.starts, norm_offset) - 1
        if k >= 0 and self.ws[k].end > norm_offset:
            return k
        return k + 1

    def sentence_of(self, i: int) -> int:
        for n, (a, b) in enumerate(self.sent_words):
            if a <= i < b:
                return n
        return len(self.sent_words) - 1

    def reads_as(self, i: int, words: frozenset[str] | set[str]) -> bool:
        """Whether word ``i``, or one of its proclitic readings, is in ``words``."""
        return self.ws[i].text in words or not words.isdisjoint(self.stems(i))

    def stems(self, i: int) -> frozenset[str]:
        """The proclitic readings of word ``i`` (not the virtual ones),
        computed once per word of the document."""
        got = self.stem_memo.get(i)
        if got is None:
            got = self.stem_memo[i] = frozenset(stem_texts(self.ws[i].text, virtual=False))
        return got


def _to_norm(doc: Document, offset: int) -> int:
    return bisect.bisect_left(doc.norm_map, offset, 0, len(doc.norm_map) - 1)


def _sentences(doc: Document) -> list[Sentence]:
    if doc.sentences:
        return list(doc.sentences)
    try:
        from ..text.sentences import split_sentences

        got = split_sentences(doc.text)
        if got:
            return got
    except Exception:  # pragma: no cover - a broken splitter must not stop events
        pass
    return [Sentence(0, len(doc.text))]


def _numbers(doc: Document) -> list[NumberSpan]:
    if doc.numbers:
        return list(doc.numbers)
    try:
        from ..text.numbers import find_numbers

        return find_numbers(doc.text)
    except Exception:  # pragma: no cover
        return []


_PIECES = re.compile(r"\d+|[^\W\d_]+")


def unglue(ws: list[Word]) -> list[Word] | None:
    """The words with digits glued to letters cut apart («بمقتل18» -> «بمقتل»,
    «18»; «قتل5» -> «قتل», «5»), as the tokeniser and the numbers stage read
    them; ``None`` when no word mixes them."""
    if all(w.text.isdigit() or not any(ch.isdigit() for ch in w.text) for w in ws):
        return None
    out: list[Word] = []
    for w in ws:
        if w.text.isdigit() or not any(ch.isdigit() for ch in w.text):
            out.append(w)
            continue
        out.extend(Word(w.start + m.start(), w.start + m.end(), m.group()) for m in _PIECES.finditer(w.text))
    return out


def build_context(doc: Document, lex: TriggerLexicon) -> Context:
    ensure_norm(doc)
    norm = doc.norm
    ws = words(norm)
    cut = unglue(ws)
    if cut is not None:
        ws = cut
    starts = [w.start for w in ws]
    ctx = Context(doc, norm, ws, starts, _sentences(doc), [], [])
    for s in ctx.sentences:
        a = ctx.word_at(_to_norm(doc, s.start))
        b = ctx.word_at(_to_norm(doc, s.end))
        ctx.sent_words.append((a, b))
    mentions = doc.meta.get(MENTIONS_KEY)
    if mentions is None:
        mentions = extract_mentions(doc)
    taken = [False] * len(ws)
    cands: list[Candidate] = []
    kind_of = {"dictionary": "name", "short": "name", "name": "name", "kunya": "name", "coref": "name",
               "title": "title", "institution": "institution", "bare": "bare", "anaphor": "bare",
               "country": "country"}
    for m in mentions:
        i, j = m.i, m.j
        if cut is not None:  # the mentions index the words before the cut
            i, j = ctx.word_at(m.nstart), ctx.word_at(max(m.nstart, m.nend - 1)) + 1
        cands.append(Candidate(i, j, m.nstart, m.nend, kind_of.get(m.source, "name"), m.actor_id,
                               m.prefix))
    for c in cands:
        for k in range(max(c.i, 0), min(c.j, len(ws))):
            taken[k] = True
    for e in doc.entities:
        if e.type != "LOC":
            continue
        a, b = _to_norm(doc, e.start), _to_norm(doc, e.end)
        i, j = ctx.word_at(a), ctx.word_at(b - 1) + 1
        if i < j and not any(taken[i:j]):
            cands.append(Candidate(i, j, a, b, "loc", e.actor_id))
            for k in range(i, j):
                taken[k] = True
    _participants(ctx, lex, cands, taken)
    time_spans = [(t.start, t.end) for t in doc.times]
    cues = lex.cues["killed"] | lex.cues["injured"] | lex.cues["arrested"]
    for n in _numbers(doc):
        a, b = _to_norm(doc, n.start), _to_norm(doc, n.end)
        i, j = ctx.word_at(a), ctx.word_at(max(a, b - 1)) + 1
        ctx.numbers.append((i, j, n))
        if any(s < n.end and n.start < e for s, e in time_spans):
            continue  # «14 أبريل» is a date, not a group of people
        # «ثلاثة أشخاص», «17 مدنيا»: a counted group is a possible target
        if n.kind == "dual":
            if i > 0 and (ws[i - 1].text in cues or not cues.isdisjoint(stem_texts(ws[i - 1].text))) \
                    and not any(taken[i:j]):
                cands.append(Candidate(i, j, a, b, "victim", victim=True))
            continue
        if j < len(ws) and joined(norm, ws[j - 1], ws[j]) and not any(taken[i:j]):
            part = next((c for c in cands if c.kind == "participant" and c.i == j), None)
            if part is not None:
                part.i, part.nstart, part.victim, part.kind = i, a, True, "victim"
            elif not taken[j]:
                cands.append(Candidate(i, j + 1, a, ws[j].end, "victim", victim=True))
    _collapse(ctx, lex, cands)
    ctx.cands = sorted(cands, key=lambda c: (c.i, -c.j))
    for p in doc.places:
        ctx.places.append((ctx.word_at(_to_norm(doc, p.start)), p))
    for t in doc.times:
        ctx.times.append((ctx.word_at(_to_norm(doc, t.start)), t))
    return ctx


def _participants(ctx: Context, lex: TriggerLexicon, cands: list[Candidate], taken: list[bool]) -> None:
    index: PhraseIndex[str] = _participant_index(lex)
    victims = lex.cues["victims"]
    ws = ctx.ws
    starts = index.starting_words(ws, prefixes=PROCLITICS)
    i = 0
    while i < len(ws):
        if taken[i] or i not in starts:
            i += 1
            continue
        m = index.best_at(ctx.norm, ws, i, prefixes=PROCLITICS)
        if m is None or m.virtual or any(taken[m.i:m.j]):
            i += 1
            continue
        text = ctx.norm[m.start:m.end]
        cands.append(Candidate(m.i, m.j, m.start, m.end, "participant", prefix=m.prefix,
                               victim=text in victims or text.removeprefix("ال") in victims))
        for k in range(m.i, m.j):
            taken[k] = True
        i = m.j


_PINDEX: dict[int, PhraseIndex[str]] = {}


def _participant_index(lex: TriggerLexicon) -> PhraseIndex[str]:
    key = id(lex)
    if key not in _PINDEX:
        idx: PhraseIndex[str] = PhraseIndex()
        for words_ in lex.cue_phrases["participants"]:
            idx.add(words_, " ".join(words_))
        _PINDEX[key] = idx
    return _PINDEX[key]


def _collapse(ctx: Context, lex: TriggerLexicon, cands: list[Candidate]) -> None:
    """Prefer a name to the title before it; drop mentions nested in others;
    join force words to the mention after them («قوات» + «الجيش الوطني الليبي»)."""
    force = lex.cues["force_words"]
    cands.sort(key=lambda c: (c.i, -c.j))
    drop: set[int] = set()
    for a, c in enumerate(cands):
        for b, d in enumerate(cands):
            if a != b and d.i <= c.i and c.j <= d.j and (d.i, d.j) != (c.i, c.j):
                drop.add(id(c))  # nested in d
        if c.kind == "title":
            for d in cands:
                if d.kind == "name" and c.j <= d.i <= c.j + 2 and joined(ctx.norm, ctx.ws[d.i - 1], ctx.ws[d.i]):
                    # «وزير الخارجية الروسي سيرغي لافروف»: one filler, the name's actor
                    drop.add(id(c))
                    d.i, d.nstart, d.prefix = c.i, c.nstart, c.prefix
                    d.actor_id = d.actor_id or c.actor_id
    kept = [c for c in cands if id(c) not in drop]
    by_end = {c.j: c for c in kept}
    for c in kept:
        for _ in range(2):
            k = c.i - 1
            if k < 0 or not joined(ctx.norm, ctx.ws[k], ctx.ws[c.i]):
                break
            stem = next((s for s in stem_variants(ctx.ws[k].text)
                         if s.text in force and not s.virtual), None)
            if stem is None:
                break
            prev = by_end.get(c.i)
            if prev is not None and prev is not c and prev.kind == "participant":
                drop.add(id(prev))
            c.i, c.nstart, c.prefix = k, ctx.ws[k].start + stem.offset, stem.prefix
    cands[:] = [c for c in kept if id(c) not in drop]
