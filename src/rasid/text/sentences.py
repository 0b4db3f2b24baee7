"""Sentence splitting for Arabic news, including run-on text.

:func:`split_sentences` cuts the text at

* line breaks;
* ``.`` ``!`` ``?`` ``؟`` ``…`` (with any closing quotes or brackets right after
  them), except inside numbers (``2.5`` is one token), between letters with no
  space (``ق.م``), and after initials and abbreviations (``د.``, ``م.``, ``Dr.``);
* before a word with the conjunction و followed by a weekday, ``أمس`` or
  ``اليوم`` (``وقتل الخميس``), under the same conditions as the openers below;
* before a reporting or discourse opener (``وقال``, ``وأضاف``, ``كما``,
  ``من جهته``, ``في غضون ذلك`` …, listed in ``data/text/sentences.yaml``) when
  it follows a word that can end a clause (not a preposition, conjunction or
  particle), stands outside any open quotation or bracket, and the current
  sentence already has a few words: news agencies often run several sentences
  together without a full stop.

Every sentence is trimmed of white space, none is empty, and together they
cover every character of the text that is not white space.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from importlib import resources

import yaml

from ..document import Sentence, Token
from ..pipeline import stage
from .normalise import normalise
from .tokens import tokenize

DATA = resources.files("rasid.data").joinpath("text")
_END = re.compile(r"[.!?؟…]+")
_CLOSERS = frozenset("»”’\"')]}›")
_QUOTE_PAIRS = {"«": "»", "“": "”", "‘": "’", "(": ")", "[": "]", "‹": "›"}
_SYMMETRIC = frozenset("\"'")
_SOFT_PUNCT = frozenset("،,؛;)")  # an opener may follow these
_BREAK = re.compile(r"[\n\r\u2028\u2029\x0b\x0c\x1c-\x1e\x85]")


@lru_cache(maxsize=1)
def sentence_rules() -> dict:
    """``data/text/sentences.yaml``, normalised, loaded once."""
    with DATA.joinpath("sentences.yaml").open("r", encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    # first word -> [(words, needs a comma after or punctuation before)]
    openers: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
    for key, comma in (("openers", False), ("openers_before_comma", True)):
        for phrase in raw[key]:
            words = tuple(normalise(w) for w in phrase.split())
            openers.setdefault(words[0], []).append((words, comma))
    for seqs in openers.values():
        seqs.sort(key=lambda wc: len(wc[0]), reverse=True)
    return {
        "openers": openers,
        "non_final": frozenset(normalise(w) for w in raw["non_final"]),
        "abbreviations": frozenset(normalise(w).lower() for w in raw["abbreviations"]),
        "min_words": int(raw["min_words"]),
        "verb_time_words": frozenset(normalise(w) for w in raw["verb_time_words"]),
    }


def split_sentences(text: str, *, tokens: list[Token] | None = None) -> list[Sentence]:
    """Sentences of ``text`` (see the module docstring). ``tokens`` are those of
    :func:`rasid.text.tokens.tokenize` for the same text, if already made."""
    if tokens is None:
        tokens = tokenize(text)
    hard = sorted({m.start() for m in _BREAK.finditer(text)}
                  | set(_punct_cuts(text, tokens)))
    soft = _opener_cuts(text, tokens, hard, sentence_rules())
    return _spans(text, sorted(set(hard).union(soft)))


def _punct_cuts(text: str, tokens: list[Token]) -> list[int]:
    rules = sentence_rules()
    cuts = []
    n = len(tokens)
    for i, tok in enumerate(tokens):
        if not tok.is_punct or not _END.fullmatch(tok.text):
            continue
        nxt = tokens[i + 1] if i + 1 < n else None
        if tok.text == "." and i > 0:
            prev = tokens[i - 1]
            if prev.end == tok.start and not prev.is_punct and (
                    len(prev.norm) == 1 or prev.norm.lower() in rules["abbreviations"]):
                continue  # initial or abbreviation: «د.», «Dr.»
            if nxt is not None and nxt.start == tok.end and not nxt.is_punct:
                continue  # «ق.م», «U.S»
        end = tok.end
        j = i + 1
        while j < n and tokens[j].start == end and tokens[j].is_punct and (
                tokens[j].text[0] in _CLOSERS):
            end = tokens[j].end
            j += 1
        cuts.append(end)
    return cuts


def _quoted(tokens: list[Token], text: str) -> list[bool]:
    """For each token, whether it lies inside a matched quotation or bracket
    within its line (an unmatched opening mark quotes nothing)."""
    inside = [False] * len(tokens)
    line_start = 0
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int]] = []
    for i, tok in enumerate(tokens):
        if _BREAK.search(text, line_start, tok.start):
            stack.clear()
        line_start = tok.start
        if not tok.is_punct:
            continue
        ch = tok.text[0]
        if ch in _SYMMETRIC:
            if stack and stack[-1][0] == ch:
                spans.append((stack.pop()[1], i))
            else:
                stack.append((ch, i))
        elif ch in _QUOTE_PAIRS:
            stack.append((_QUOTE_PAIRS[ch], i))
        else:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == ch:
                    spans.append((stack[k][1], i))
                    del stack[k:]
                    break
    for a, b in spans:
        for k in range(a + 1, b):
            inside[k] = True
    return inside


def _opener_cuts(text: str, tokens: list[Token], hard: list[int], rules: dict) -> list[int]:
    openers = rules["openers"]
    non_final = rules["non_final"]
    min_words = rules["min_words"]
    times = rules["verb_time_words"]
    n = len(tokens)
    timed = {i for i, t in enumerate(tokens)
             if i and t.prefixes == ("و",) and not t.has_article
             and i + 1 < n and tokens[i + 1].norm in times}
    candidates = sorted(timed.union(i for i, t in enumerate(tokens) if i and t.norm in openers))
    if not candidates:
        return []
    inside = _quoted(tokens, text)
    cuts: list[int] = []
    norms = [t.norm for t in tokens]
    for i in candidates:
        tok = tokens[i]
        if inside[i]:
            continue
        match = next((wc for wc in openers.get(tok.norm, ())
                      if tuple(norms[i:i + len(wc[0])]) == wc[0]), None)
        if match is None and i in timed:
            match = ((tok.norm,), False)
        if match is None:
            continue
        prev = tokens[i - 1]
        if prev.is_punct and prev.text[0] not in _SOFT_PUNCT:
            continue
        after = i + len(match[0])
        if match[1] and not prev.is_punct and not (after < n and norms[after] in ("،", ",")):
            continue
        if not prev.is_punct and prev.norm in non_final:
            continue
        last = max(hard[bisect_left(hard, tok.start) - 1] if bisect_left(hard, tok.start) else 0,
                   cuts[-1] if cuts else 0)
        words = 0
        k = i - 1
        while k >= 0 and tokens[k].start >= last and words < min_words:
            words += not tokens[k].is_punct
            k -= 1
        if words >= min_words:
            cuts.append(tok.start)
    return cuts


def _spans(text: str, cuts: list[int]) -> list[Sentence]:
    out = []
    prev = 0
    for cut in cuts + [len(text)]:
        if cut <= prev:
            continue
        chunk = text[prev:cut]
        stripped = chunk.strip()
        if stripped:
            s = prev + (len(chunk) - len(chunk.lstrip()))
            out.append(Sentence(s, s + len(stripped)))
        prev = cut
    return out


@stage(name="text.sentences", reads=("tokens",), writes=("sentences",))
def STAGE(doc):
    doc.sentences = split_sentences(doc.text, tokens=doc.tokens)
    return doc
