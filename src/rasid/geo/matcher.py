"""Find place-name mentions in a text by gazetteer lookup.

Words are taken from the normalised text; the first word of a name may carry
proclitics (``وسبها``, ``بصنعاء``, ``لليبيا``), which stay outside the span.
Multiword names match longest first (``المملكة العربية السعودية`` before
``السعودية``). A generic word before a name (``بلدة غدوة``) is not part of the
place text but is remembered, as is a word of nearness (``قرب``), and a
nisba adjective after it (``طرابلس الليبية``) that names its country.

Single-word names that are also frequent Arabic words (GeoNames lists many
small places whose names are ordinary words) are dropped unless the place is
important enough or a generic word introduces it; frequencies come from the
word list of :mod:`rasid.text` when it is installed. Other doubtful one-word
names (ordinary words, small or foreign places) are kept only on evidence
from their context (:mod:`rasid.geo.evidence`).
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

from ..text.memo import WordMemo
from ..text.normalise import normalise, normalise_with_map, original_span
from .build import REGION, data_path, load_yaml
from .gazetteer import Candidate, Gazetteer, gazetteer

_WORD = re.compile(r"[\u0621-\u064A0-9]+")


@dataclass(slots=True)
class Word:
    """A word of the normalised text with its offsets there."""

    norm: str
    nstart: int
    nend: int


@dataclass(slots=True)
class PlaceMention:
    """A span of the original text that names a place in the gazetteer."""

    start: int
    end: int
    text: str
    key: str  # the normalised name looked up
    candidates: tuple[Candidate, ...]
    first_word: int
    last_word: int
    generic: str | None = None
    generic_precision: int | None = None
    near: bool = False
    nisba_country: str | None = None
    clitic: bool = False
    prefix: str = ""  # the proclitic left out of the span («ب» of «بصنعاء»)
    linked: bool = False  # introduced by «في/داخل» or a proclitic ب: may be a container
    container: "PlaceMention | None" = None  # the place the text puts this one in
    inferred: str | None = None  # facility | quarter | capital | entity: no gazetteer name


@dataclass(slots=True, frozen=True)
class Context:
    generic: dict[str, int]
    near: frozenset[str]
    prefixes: tuple[str, ...]
    glued: tuple[str, ...]
    nisba: dict[str, str]  # normalised adjective (m. and f.) -> alpha-2
    links: frozenset[str] = frozenset()
    facilities: frozenset[str] = frozenset()
    quarters: frozenset[str] = frozenset()
    descriptive: frozenset[str] = frozenset()
    anaphora: frozenset[str] = frozenset()
    capital: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def context_words() -> Context:
    """The words of ``data/gazetteer/context.yaml``, normalised."""
    data = load_yaml(data_path("context.yaml"))
    n = lambda s: normalise(str(s), collapse_space=True)  # noqa: E731
    nisba: dict[str, str] = {}
    for cc, forms in data["nisba"].items():
        for f in forms:
            nisba[n(f)] = cc
            nisba[n(f) + "ه"] = cc
    return Context(
        generic={n(k): int(v) for k, v in data["generic"].items()},
        near=frozenset(n(w) for w in data["near"]),
        prefixes=tuple(sorted((n(p) for p in data["prefixes"]), key=len, reverse=True)),
        glued=tuple(n(p) for p in data.get("glued", [])),
        nisba=nisba,
        links=frozenset(n(w) for w in data.get("links", [])),
        facilities=frozenset(n(w) for w in data.get("facilities", [])),
        quarters=frozenset(n(w) for w in data.get("quarters", [])),
        descriptive=frozenset(f for w in data.get("descriptive", []) for f in (n(w), n(w) + "ه")),
        anaphora=frozenset(n(w) for w in data.get("anaphora", [])),
        capital=frozenset(n(w) for w in data.get("capital", [])),
    )


@lru_cache(maxsize=1)
def word_counts() -> tuple[dict[str, int], int]:
    """``(counts, total tokens)`` from ``data/text/wordlist.tsv.gz`` ({} if absent)."""
    path = Path(str(resources.files("rasid.data").joinpath("text", "wordlist.tsv.gz")))
    counts: dict[str, int] = {}
    total = 0
    if not path.is_file():
        return counts, 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                m = re.search(r"tokens=(\d+)", line)
                total = int(m.group(1)) if m else total
                continue
            w, _, c = line.rstrip("\n").partition("\t")
            if c.isdigit():
                counts[w] = int(c)
    return counts, total or sum(counts.values())


def is_important(cands: Iterable[Candidate]) -> bool:
    """Countries, capitals, regions, curated places and big cities are never
    dropped as common words."""
    return any(c.is_country or c.curated or c.feature in ("PPLC", "ADM1") or c.population >= 1_000_000
               for c in cands)


def common_word(word: str, cands: tuple[Candidate, ...]) -> bool:
    """Whether a one-word name is too frequent an ordinary word to trust."""
    if is_important(cands):
        return False
    counts, total = word_counts()
    if not total:
        return False
    per_million = counts.get(word, 0) * 1e6 / total
    pop = max(c.population for c in cands)
    return (per_million >= 100 and pop < 300_000) or (per_million >= 10 and pop < 3_000)


def minor_foreign(cands: tuple[Candidate, ...]) -> bool:
    """Only small places far from the region: GeoNames's Arabic-script names
    for these are mostly Persian or Urdu spellings that collide with words."""
    return all(c.country not in REGION and c.population < 100_000 and not is_important((c,))
               for c in cands)


def words_of(norm: str) -> list[Word]:
    return [Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(norm)]


_STEMS: dict[tuple[str, ...], WordMemo[str, tuple[tuple[int, str], ...]]] = {}


def _stems(word: str, prefixes: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """``(prefix length, stem)`` readings of a word: whole word first
    (memoised per distinct word as plain tuples; bounded)."""
    memo = _STEMS.get(prefixes)
    if memo is None:
        memo = _STEMS.setdefault(prefixes, WordMemo())
    got = memo.lookup(word)
    if got is None:
        got = _read_stems(word, prefixes)
        memo.put(word, got)
    return got


def _read_stems(word: str, prefixes: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    out = [(0, word)]
    if word.startswith("لل") and len(word) > 3:
        out.append((1, "ا" + word[1:]))
    for p in prefixes:
        if word.startswith(p) and len(word) - len(p) >= 2:
            out.append((len(p), word[len(p):]))
            if word[len(p):].startswith("لل") and len(word) - len(p) > 3:
                out.append((len(p) + 1, "ا" + word[len(p) + 1:]))
    return tuple(out)


def find_mentions(text: str, *, norm: str | None = None, norm_map: list[int] | None = None,
                  gaz: Gazetteer | None = None, loc_spans: Iterable[tuple[int, int]] = ()) -> list[PlaceMention]:
    """Place mentions in ``text``, left to right, longest name first; then
    the mentions read from context (:mod:`rasid.geo.infer`: facilities and
    quarters inside a named place, «العاصمة», ``loc_spans`` of LOC entities)
    and which mention lies inside which."""
    from .infer import infer_mentions

    gaz = gaz or gazetteer()
    ctx = context_words()
    if norm is None or norm_map is None or len(norm_map) != len(norm) + 1:
        norm, norm_map = normalise_with_map(text)
    words = words_of(norm)
    from .evidence import keep_doubtful

    loc_spans = list(loc_spans)
    found = _gazetteer_mentions(text, norm, norm_map, words, gaz, ctx)
    mentions = infer_mentions(text, norm_map, words, found, gaz, ctx, loc_spans=loc_spans)
    kept = keep_doubtful(mentions, words, ctx, loc_spans=loc_spans)
    if len(kept) < len(mentions):
        ids = {id(m) for m in kept}
        for m in kept:
            if m.container is not None and id(m.container) not in ids:
                m.container = None
    return kept


def _gazetteer_mentions(text: str, norm: str, norm_map: list[int], words: list[Word],
                        gaz: Gazetteer, ctx: Context) -> list[PlaceMention]:
    """The mentions of gazetteer names (see :func:`find_mentions`)."""
    out: list[PlaceMention] = []
    counts, _ = word_counts()
    memo = _starts_memo(gaz, ctx.prefixes)
    i = 0
    while i < len(words):
        word = words[i].norm
        starts = memo.lookup(word)
        if starts is None:
            starts = _name_starts(word, gaz, ctx.prefixes)
            memo.put(word, starts)
        if not starts and word in counts:
            i += 1  # starts no name, and is a known word (not «منإيطاليا», see _glued)
            continue
        hit = _match_at(words, i, gaz, ctx, starts, area=_after_area_word(words, i, ctx))
        if hit is None:
            i += 1
            continue
        plen, n, key, cands = hit
        nstart = words[i].nstart + plen
        nend = words[i + n - 1].nend
        start, end = original_span(norm_map, nstart, nend)
        m = PlaceMention(start, end, text[start:end], key, cands, i, i + n - 1, clitic=plen > 0,
                         prefix=word[:plen])
        _read_context(m, words, ctx, norm)
        if n == 1 and m.generic is None and (common_word(key, cands) or minor_foreign(cands)):
            i += 1
            continue
        out.append(m)
        i += n
    return out


_STARTS: dict[int, tuple[Gazetteer, tuple[str, ...], WordMemo]] = {}


def _starts_memo(gaz: Gazetteer, prefixes: tuple[str, ...]) -> WordMemo:
    """The memo of :func:`_name_starts` for one gazetteer and proclitic set."""
    got = _STARTS.get(id(gaz))
    if got is None or got[0] is not gaz or got[1] != prefixes:
        got = _STARTS[id(gaz)] = (gaz, prefixes, WordMemo())
    return got[2]


def _name_starts(word: str, gaz: Gazetteer, prefixes: tuple[str, ...]) -> tuple[tuple[int, str, tuple[int, ...]], ...]:
    """``(prefix length, stem, name lengths)`` for each reading of ``word``
    that starts some gazetteer name (in reading order)."""
    return tuple((plen, stem, gaz.lengths(stem)) for plen, stem in _stems(word, prefixes) if gaz.lengths(stem))


def _after_area_word(words: list[Word], i: int, ctx: Context) -> bool:
    """Word ``i`` follows a generic word
    («محافظة», «ولاية», «حي»): guarded names count there."""
    if i == 0:
        return False
    return _strip_one(words[i - 1].norm, ctx.prefixes) in ctx.generic


def _match_at(words: list[Word], i: int, gaz: Gazetteer, ctx: Context,
              starts: tuple[tuple[int, str, tuple[int, ...]], ...] | None = None, *, area: bool = False):
    """The longest name starting at word ``i``: ``(prefix len, words, key, candidates)``.

    Only the readings that start a name, and only the name lengths the
    gazetteer has for them, are tried (``starts``: :func:`_name_starts`).
    Guarded names (regions named like a common word or a bigger place) count
    only after an area word (``area``)."""
    best = None
    word = words[i].norm
    if starts is None:
        starts = _name_starts(word, gaz, ctx.prefixes)
    limit = min(gaz.max_words, len(words) - i)
    for plen, stem, lengths in starts:
        if plen and best is not None:
            break  # the whole word already reads as a name
        for n in lengths:
            if n > limit or (n > 1 and not _adjacent(words, i, n)):
                continue
            key = " ".join([stem] + [w.norm for w in words[i + 1:i + n]]) if n > 1 else stem
            cands = gaz.lookup(key)
            if cands and not area:
                cands = gaz.unguarded(key, cands)
            if cands and n == 1 and not is_important(cands) and _doubtful(word, plen, stem):
                continue
            if cands and (best is None or n > best[1]):
                best = (plen, n, key, cands)
                break
    if best is not None and best[0] == 0 and best[1] == 1 and not is_important(best[3]):
        best = _clitic_over_word(word, starts, gaz, area=area) or best
    if best is None:
        best = _glued(words[i].norm, gaz, ctx)
    return best


def _clitic_over_word(word: str, starts, gaz: Gazetteer, *, area: bool):
    """«الرياض وجدة»: ``و`` + a major place (Jeddah) over a minor place
    spelt like the whole word (Oujda)."""
    for plen, stem, lengths in starts:
        if plen and word[:plen] in ("و", "ف") and 1 in lengths:
            cands = gaz.lookup(stem)
            if cands and not area:
                cands = gaz.unguarded(stem, cands)
            if cands and is_important(cands):
                return (plen, 1, stem, cands)
    return None


def _doubtful(word: str, plen: int, stem: str) -> bool:
    """«بلاد» is a word of its own, not ب + «لاد»: a clitic reading of a
    minor place needs the stem to be more frequent than the whole word."""
    if not plen:
        return False
    counts, _ = word_counts()
    return any(counts.get(word[k:], 0) >= 30 and counts.get(word[k:], 0) > counts.get(stem, 0)
               for k in range(plen))


def _glued(word: str, gaz: Gazetteer, ctx: Context):
    """«منإيطاليا»: a preposition glued to a major place name by a lost space."""
    counts, _ = word_counts()
    if word in counts:
        return None
    for p in ctx.glued:
        if word.startswith(p) and len(word) - len(p) >= 3:
            cands = gaz.lookup(word[len(p):])
            if cands and is_important(cands):
                return (len(p), 1, word[len(p):], cands)
    return None


def _adjacent(words: list[Word], i: int, n: int) -> bool:
    """Words ``i..i+n-1`` are separated by single spaces only (no punctuation)."""
    return all(words[j + 1].nstart - words[j].nend == 1 for j in range(i, i + n - 1))


def _read_context(m: PlaceMention, words: list[Word], ctx: Context, norm: str) -> None:
    i = m.first_word
    prev = words[i - 1].norm if i > 0 else ""
    prev_stem = _strip_one(prev, ctx.prefixes)
    if prev_stem in ctx.generic and m.key not in ctx.generic:
        m.generic = prev_stem
        m.generic_precision = ctx.generic[prev_stem]
        i -= 1
        prev = words[i - 1].norm if i > 0 else ""
        prev_stem = _strip_one(prev, ctx.prefixes)
    two = " ".join(w.norm for w in words[max(0, i - 2):i])
    if prev_stem in ctx.near or _strip_one(two, ctx.prefixes) in ctx.near:
        m.near = True
    if m.generic:
        lead = words[m.first_word - 1].norm
        proclitic = lead[:len(lead) - len(m.generic)] if lead.endswith(m.generic) else ""
    else:
        proclitic = m.prefix
    if prev_stem in ctx.links or proclitic in ("ب", "وب", "فب"):
        m.linked = True
    j = m.last_word + 1
    if j < len(words):
        m.nisba_country = ctx.nisba.get(words[j].norm)


def _strip_one(word: str, prefixes: tuple[str, ...]) -> str:
    """``word`` if it is a context word itself, else without its proclitic."""
    ctx = context_words()
    if word in ctx.generic or word in ctx.near:
        return word
    for p in prefixes:
        if word.startswith(p) and len(word) - len(p) >= 2:
            return word[len(p):]
    return word
