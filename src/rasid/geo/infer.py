"""Place mentions read from context, and which place lies in which.

After the gazetteer matches (:mod:`rasid.geo.matcher`), this module adds:

- **containers**: a place right after another and introduced by «في»,
  «داخل» or a proclitic ب («حي الروضة بمدينة تعز», «زنجبار بمحافظة أبين»)
  is where the first one lies; the geocoder prefers candidates inside it;
- **facilities** the gazetteer lacks, named by a facility word and the words
  after it, when the text says where they are («معسكر الاستقبال في ضلاع
  همدان», «ميناء الزيت بالبريقة», «مسجد الإمام الصادق في الكويت»,
  «معسكر اللواء 15 المرابط داخل المدينة»: the last town named); the
  facility word is part of the place text;
- **quarters** of a town («حي المغاير الشعبي في حلب القديمة»: «المغاير»);
- «العاصمة» alone, resolved later to the capital of the article's country;
- **LOC entities** (from NER) that no gazetteer match covers: their text as a
  gazetteer name (guarded names included: the entity says it is a place), or
  else a place inside the one named right after them.

Inferred mentions have no candidates; the geocoder gives them their
container's point.
"""

from __future__ import annotations

import bisect
from typing import Iterable

from .gazetteer import Gazetteer
from .matcher import Context, PlaceMention, Word, _strip_one

MAX_NAME_WORDS = 3


def infer_mentions(text: str, norm_map: list[int], words: list[Word], found: list[PlaceMention],
                   gaz: Gazetteer, ctx: Context, *, loc_spans: Iterable[tuple[int, int]] = ()) -> list[PlaceMention]:
    """``found`` with the inferred mentions added (in text order) and every
    mention's ``container`` set."""
    from ..text.normalise import original_span

    by_first = {m.first_word: m for m in found}
    taken = set()
    for m in found:
        taken.update(range(m.first_word - (1 if m.generic else 0), m.last_word + 1))
    extra: list[PlaceMention] = []

    def span(i: int, j: int) -> tuple[int, int]:
        return original_span(norm_map, words[i].nstart, words[j].nend)

    for i, w in enumerate(words):
        if i in taken:
            continue
        stem = _strip_one(w.norm, ctx.prefixes)
        if stem in ctx.facilities or stem in ctx.quarters:
            j = _name_end(words, i + 1, ctx, by_first)
            if j is None:
                continue
            cont = _container_after(words, j, found, by_first, ctx)
            if cont is None:
                continue
            first = i if stem in ctx.facilities else i + 1
            start, end = span(first, j)
            if stem in ctx.facilities:
                start += len(w.norm) - len(stem)  # «ومعسكر»: the proclitic stays outside
            m = PlaceMention(start, end, text[start:end], " ".join(x.norm for x in words[first:j + 1]), (),
                             first, j, inferred="facility" if stem in ctx.facilities else "quarter")
            m.container = cont
            extra.append(m)
            taken.update(range(i, j + 1))
        elif stem in ctx.capital and i + 1 not in by_first:
            start, end = span(i, i)
            start += len(w.norm) - len(stem)
            m = PlaceMention(start, end, text[start:end], stem, (), i, i, inferred="capital")
            if i + 1 < len(words):
                m.nisba_country = ctx.nisba.get(words[i + 1].norm)
            extra.append(m)

    extra.extend(_entity_mentions(text, norm_map, words, found, taken, gaz, ctx, list(loc_spans), by_first))
    out = sorted(found + extra, key=lambda m: (m.start, m.end))
    _link_containers(out, words, ctx)
    return out


def _name_end(words: list[Word], i: int, ctx: Context, by_first: dict[int, PlaceMention]) -> int | None:
    """The last word of a facility or quarter name that starts at word ``i``
    (None when there is none): up to three adjacent words, not a gazetteer
    place, not a link word, not a descriptive adjective, no proclitic
    ``و``/``ب`` after the first."""
    if i >= len(words) or i in by_first:
        return None
    end = None
    for k in range(i, min(i + MAX_NAME_WORDS, len(words))):
        w = words[k].norm
        if k > i and (words[k].nstart - words[k - 1].nend != 1 or k in by_first):
            break
        if w in ctx.links or w in ctx.descriptive or _strip_one(w, ctx.prefixes) in ctx.anaphora:
            break
        if k > i and (w.startswith(("و", "ب", "ف", "ل")) and not w.startswith("ال")):
            break
        if k > i and not (w.startswith("ال") or any(ch.isdigit() for ch in w)):
            break
        end = k
    return end


def _container_after(words: list[Word], j: int, found: list[PlaceMention],
                     by_first: dict[int, PlaceMention], ctx: Context) -> PlaceMention | None:
    """The place that the words after word ``j`` put it in: a linked mention
    within two words (descriptive adjectives skipped), or «داخل المدينة»:
    the last town named before."""
    k = j + 1
    while k < len(words) and words[k].norm in ctx.descriptive:
        k += 1
    for gap in (0, 1):
        m = by_first.get(k + gap) or (by_first.get(k + gap + 1) if by_first.get(k + gap + 1) and by_first[k + gap + 1].generic else None)
        if m is not None and m.linked and m.candidates:
            return m
    if k + 1 < len(words) and words[k].norm in ctx.links and words[k + 1].norm in ctx.anaphora:
        return _last_town(found, j)
    if k < len(words) and _strip_one(words[k].norm, ctx.prefixes) in ctx.anaphora and words[k].norm.startswith("ب"):
        return _last_town(found, j)
    return None


def _last_town(found: list[PlaceMention], j: int) -> PlaceMention | None:
    """The last mention before word ``j`` that may be a town."""
    for m in reversed(found):
        if m.last_word < j and any(c.feature.startswith("PPL") for c in m.candidates):
            return m
    return None


def _entity_mentions(text: str, norm_map: list[int], words: list[Word], found: list[PlaceMention],
                     taken: set[int], gaz: Gazetteer, ctx: Context, loc_spans: list[tuple[int, int]],
                     by_first: dict[int, PlaceMention]) -> list[PlaceMention]:
    """Mentions for LOC entity spans that no mention covers."""
    if not loc_spans:
        return []
    starts = [norm_map[w.nstart] for w in words]
    out = []
    for s, e in loc_spans:
        i = bisect.bisect_left(starts, s)
        j = bisect.bisect_left(starts, e) - 1
        if i >= len(words) or j < i or any(k in taken for k in range(i, j + 1)):
            continue
        key = " ".join(w.norm for w in words[i:j + 1])
        cands = gaz.lookup(key)
        if cands:
            m = PlaceMention(s, e, text[s:e], key, cands, i, j)
        else:
            cont = _container_after(words, j, found, by_first, ctx)
            if cont is None:
                continue
            m = PlaceMention(s, e, text[s:e], key, (), i, j, inferred="entity")
            m.container = cont
        out.append(m)
        taken.update(range(i, j + 1))
    return out


def _link_containers(mentions: list[PlaceMention], words: list[Word], ctx: Context) -> None:
    """Set ``container`` for a gazetteer mention followed, within one link
    word, by a linked mention («الروضة بمدينة تعز», «طرابلس في ليبيا»)."""
    for a, b in zip(mentions, mentions[1:]):
        if a.container is not None or not a.candidates or not b.candidates or not b.linked:
            continue
        lead = b.first_word - (1 if b.generic else 0)
        gap = lead - a.last_word - 1
        if gap == 0 or (gap == 1 and words[a.last_word + 1].norm in ctx.links):
            a.container = b
