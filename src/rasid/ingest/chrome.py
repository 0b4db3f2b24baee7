"""Site chrome: recognise and drop the lines of a page that are not the article.

The rules live in ``data/ingest/chrome.yaml`` (chrome lines, blocks such as
«اقرأ أيضا», lines that name the outlet) and ``data/ingest/outlets.yaml``
(known outlet names). Every rule is matched against a *folded* copy of a line
(:func:`fold`); the text that is kept is never folded.

:func:`clean_lines` is the one entry point: it takes the lines of an article
(without its headline) and gives back the kept paragraphs and the outlet name
found on the way, if any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

# Diacritics (U+064B-U+0652, U+0670), tatweel and invisible marks are
# removed; hamza-carrying alifs, alif maqsura and ta marbuta are folded. Done
# with a regex and str.replace (C speed), not a translate table.
_DROP = re.compile("[\u064B-\u0652\u0670\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]+")
_REPLACE = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"))
_SPACES = re.compile(r"\s+")
# Punctuation stripped from both ends of an outlet name.
_EDGE_PUNCT = " :：.…|»«\"'“”()[]-–—،,"

# A line ends like a sentence (it is not a headline in a «اقرأ أيضا» list).
_SENTENCE_END = re.compile(r"[.!?؟:؛…»\"”)]\s*$")


def fold(text: str) -> str:
    """The matching form of a line: folded letters, single spaces, stripped, lower case."""
    text = _DROP.sub("", text)
    for a, b in _REPLACE:
        if a in text:
            text = text.replace(a, b)
    return _SPACES.sub(" ", text).strip().lower()


def clean_line(line: str) -> str:
    """A kept line: no-break and other odd spaces made plain, ends stripped."""
    if "\u00a0" in line or "\u202f" in line or "\u2007" in line:
        line = line.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2007", " ")
    return line.strip()


def _fold_pattern(pattern: str) -> str:
    """A regex written in ordinary spelling, folded like the lines it is matched against."""
    pattern = _DROP.sub("", pattern)
    for a, b in _REPLACE:
        pattern = pattern.replace(a, b)
    return pattern


def _load_yaml(name: str) -> dict[str, Any]:
    path = resources.files("rasid.data").joinpath("ingest", name)
    with path.open("r", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _compile(pattern: str, *, name: str) -> re.Pattern[str]:
    try:
        return re.compile(_fold_pattern(pattern), re.IGNORECASE)
    except re.error as exc:  # a bad data file is a bug of the package
        raise ValueError(f"{name}: bad pattern {pattern!r}: {exc}") from None


def _phrase_regex(phrases: list[str]) -> str:
    alts = sorted({re.escape(fold(p)).replace("\\ ", r"\s*") for p in phrases}, key=len, reverse=True)
    return "(?:" + "|".join(alts) + ")"


_TRAIL_PUNCT = r"[\s:：.…|»«\-–—_()\[\]]*"
_LEAD_PUNCT = r"[\s.…|»«\-–—_*•·>()\[\]]*"
# Parts of a byline ("عين اليوم – جدة").
_BYLINE_SPLIT = re.compile(r"\s*[–—\-]\s*")


@dataclass(slots=True, frozen=True)
class Block:
    start: re.Pattern[str]
    max_lines: int
    max_words: int


@dataclass(slots=True, frozen=True)
class Rules:
    """Compiled chrome and outlet rules."""

    max_chars: int
    drop: re.Pattern[str]
    blocks: tuple[Block, ...]
    source: tuple[re.Pattern[str], ...]
    outlet_names: dict[str, str]  # folded name or alias -> canonical name (no prefix needed)
    prefixed_names: dict[str, str]  # folded name -> canonical, only after a prefix
    prefix: re.Pattern[str]
    generic_outlet: tuple[re.Pattern[str], ...]
    strip_prefix: re.Pattern[str]
    byline: re.Pattern[str]

    def is_chrome(self, folded: str) -> bool:
        return len(folded) <= self.max_chars and self.drop.fullmatch(folded) is not None

    def block_at(self, folded: str) -> Block | None:
        if len(folded) > self.max_chars:
            return None
        for block in self.blocks:
            if block.start.fullmatch(folded):
                return block
        return None

    def outlet(self, line: str, *, folded: str | None = None, generic: bool = False) -> str | None:
        """The outlet that a whole (kept) line names, or None."""
        if folded is None:
            if len(line) > 80:
                return None
            folded = fold(line)
        if len(folded) > 60:
            return None
        bare = folded.strip(_EDGE_PUNCT)
        name = self.outlet_names.get(bare)
        if name:
            return name
        m = self.prefix.match(bare)
        if m:
            rest = bare[m.end():]
            name = self.outlet_names.get(rest) or self.prefixed_names.get(rest)
            if name:
                return name
        if generic:
            for pat in self.generic_outlet:
                g = pat.fullmatch(bare)
                if g:
                    off = folded.index(bare)
                    s, e = g.span("source")
                    return _original(line, folded, s + off, e + off)
        return None


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The rules of the shipped data files, compiled once."""
    chrome = _load_yaml("chrome.yaml")
    outlets = _load_yaml("outlets.yaml")
    parts = [_LEAD_PUNCT + _phrase_regex(chrome["drop_phrases"]) + _TRAIL_PUNCT]
    for pat in chrome["drop_patterns"]:
        _compile(pat, name="chrome.yaml")  # validate each on its own
        parts.append("(?:" + _fold_pattern(pat) + ")")
    drop = re.compile("|".join(parts), re.IGNORECASE)
    blocks = tuple(
        Block(start=re.compile(_phrase_regex(b["start"]) + _TRAIL_PUNCT, re.IGNORECASE),
              max_lines=int(b["max_lines"]), max_words=int(b["max_words"]))
        for b in chrome["blocks"])
    source = tuple(_compile(p, name="chrome.yaml") for p in chrome["source_patterns"])
    names: dict[str, str] = {}
    prefixed: dict[str, str] = {}
    for entry in outlets["outlets"]:
        canonical = entry["name"]
        target = prefixed if entry.get("prefix_only") else names
        target[fold(canonical)] = canonical
        for alias in entry.get("aliases") or ():
            names[fold(str(alias))] = canonical
    prefix = re.compile(_phrase_regex(outlets["prefixes"]) + r"\s*[:：]?\s+", re.IGNORECASE)
    generic = tuple(_compile(p, name="outlets.yaml") for p in outlets["generic_patterns"])
    for pat in chrome["strip_prefixes"]:
        _compile(pat, name="chrome.yaml")
    strip_prefix = re.compile("|".join("(?:" + _fold_pattern(p) + ")" for p in chrome["strip_prefixes"]),
                              re.IGNORECASE)
    byline = _compile(outlets["byline_pattern"], name="outlets.yaml")
    return Rules(max_chars=int(chrome["max_chrome_line_chars"]), drop=drop, blocks=blocks,
                 source=source, outlet_names=names, prefixed_names=prefixed, prefix=prefix,
                 generic_outlet=generic, strip_prefix=strip_prefix, byline=byline)


def _is_headline_like(line: str, *, max_words: int) -> bool:
    return len(line.split()) <= max_words and not _SENTENCE_END.search(line)


def _substantive(line: str) -> bool:
    """A line that is clearly article prose (not a name, label or headline)."""
    return len(line.split()) >= 8 or bool(_SENTENCE_END.search(line))


def clean_lines(lines: list[str], *, find_source: bool = True) -> tuple[list[str], str | None]:
    """Drop chrome from ``lines``; give ``(paragraphs, source)``.

    Paragraphs are the kept lines, stripped, without empty ones. ``source`` is
    the outlet named by a chrome line (``رابط الخبر بصحيفة ...``) or by a line
    that is just an outlet's name, or None. With ``find_source=False`` such
    lines still leave the body but no source is reported.
    """
    r = rules()
    kept: list[str] = []
    source: str | None = None
    i, n = 0, len(lines)
    while i < n:
        line = clean_line(lines[i])
        i += 1
        if not line:
            continue
        # Outlet named inside a chrome sentence, maybe at the end of a
        # paragraph: look in the tail of a long line only.
        head, tail = "", line
        if len(line) > _TAIL_CHARS:
            cut = line.rfind(" ", 0, len(line) - _TAIL_CHARS)
            if cut > 0:
                head, tail = line[:cut + 1], line[cut + 1:]
        folded = fold(tail)
        hit = None
        for pat in r.source:
            hit = pat.search(folded)
            if hit:
                break
        if hit:
            if source is None:
                source = _original(tail, folded, *hit.span("source"))
            line = (head + _cut_from(tail, folded, hit.start())).rstrip()
            if not line:
                continue
        # Chrome leading a line that goes on with the article.
        fhead = fold(line[:_HEAD_CHARS])
        m = r.strip_prefix.match(fhead)
        if m and m.end():
            line = _cut_to(line[:_HEAD_CHARS], fhead, m.end()) + line[_HEAD_CHARS:]
            line = line.strip()
            if not line:
                continue
            fhead = fold(line[:_HEAD_CHARS])
        if not kept:
            # A byline or dateline naming the outlet at the head of the body.
            m = r.byline.match(fhead)
            if m:
                named = next((name for part in _BYLINE_SPLIT.split(m.group("byline"))
                              if (name := r.outlet(part, folded=part))), None)
                if named:
                    source = source or named
                    line = (_cut_to(line[:_HEAD_CHARS], fhead, m.end()) + line[_HEAD_CHARS:]).strip()
                    if not line:
                        continue
        if len(line) > r.max_chars:  # too long for any other chrome rule
            kept.append(line)
            continue
        folded = fold(line)
        if not folded:
            continue
        block = r.block_at(folded)
        if block is not None:
            # A related-articles heading after the article: everything after is chrome.
            taken = 0
            while i < n and taken < block.max_lines:
                nxt = clean_line(lines[i])
                if not nxt:
                    if taken:
                        break
                    i += 1
                    continue
                if not _is_headline_like(nxt, max_words=block.max_words) and not r.is_chrome(fold(nxt)):
                    break
                i += 1
                taken += 1
            continue
        if r.is_chrome(folded):
            continue
        name = r.outlet(line, folded=folded)
        if name:
            if source is None:
                source = name
            continue
        kept.append(line)
    # A short outlet-like line after the last paragraph of prose, or right
    # under the headline, names the outlet.
    last_prose = max((k for k, line in enumerate(kept) if _substantive(line)), default=-1)
    for k in range(len(kept) - 1, last_prose, -1):
        name = r.outlet(kept[k], generic=True)
        if name:
            source = source or name
            del kept[k]
    if len(kept) > 1 and not _substantive(kept[0]):
        name = r.outlet(kept[0], generic=True)
        if name:
            source = source or name
            del kept[0]
    return kept, (source if find_source else None)


_WORD = re.compile(r"\S+")
# Chrome that names the outlet inside a paragraph sits in its last characters.
_TAIL_CHARS = 300
# ... and chrome leading a paragraph in its first characters.
_HEAD_CHARS = 250


def _word_spans(line: str, folded: str) -> list[tuple[int, int]] | None:
    """Character spans in ``line`` of the words of ``folded`` (None if they do not align)."""
    spans = [m.span() for m in _WORD.finditer(line)]
    if len(spans) != folded.count(" ") + 1:
        spans = [s for s in spans if fold(line[s[0]:s[1]])]
        if len(spans) != folded.count(" ") + 1:
            return None
    return spans


def _cut_to(line: str, folded: str, end: int) -> str:
    """What is left of ``line`` after the words of ``folded[:end]``."""
    spans = _word_spans(line, folded)
    done = folded[:end].rstrip()
    if not done:
        return line
    if spans is None:
        return line
    w = done.count(" ") + 1
    return line[spans[w][0]:] if w < len(spans) else ""


def _cut_from(line: str, folded: str, start: int) -> str:
    """``line`` cut at the word where a match in its folded form began."""
    spans = _word_spans(line, folded)
    if spans is None:
        return line if start else ""
    w = folded.count(" ", 0, start)
    return line[:spans[w][0]] if w < len(spans) else line


def _original(line: str, folded: str, start: int, end: int) -> str:
    """The original spelling of ``folded[start:end]``, by whole words, edge punctuation stripped."""
    spans = _word_spans(line, folded)
    if spans is None or end <= start:
        return folded[start:end].strip(_EDGE_PUNCT)
    first = folded.count(" ", 0, start)
    last = folded.count(" ", 0, end - 1)
    return line[spans[first][0]:spans[last][1]].strip(_EDGE_PUNCT)
