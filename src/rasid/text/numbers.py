"""Numbers in Arabic news: digits, number words, duals and vague quantities.

:func:`find_numbers` returns one :class:`~rasid.document.NumberSpan` per
numeric expression:

* digits in any script (``1,500``, ``١٬٥٠٠``, ``2.5``, ``٢٫٥``, ``1.500``), with
  a following scale word (``3 آلاف``, ``2.5 مليون``);
* number words in every gender and case and their compounds (``خمسة وعشرين``,
  ``مئة وخمسين``, ``ألف وخمسمائة``, ``ثلاثة آلاف``, ``ألف و500``), also with an
  attached proclitic (``وثلاثة``, ``بثلاثة``, ``للخمسة``) — the span starts after
  the proclitic;
* duals of counted nouns (``جنديين``, ``قتيلان``): value 2, kind ``"dual"``; for
  nouns with a sound plural only the -ان form (``مسلحين`` is a plural);
* vague quantities (``عشرات`` 12, ``مئات`` 100, ``آلاف`` 1000, ``عشرات الآلاف``
  10000, ``عدة``/``بضعة``/``عدد من`` 3): kind ``"vague"``, approximate;
* approximators (``نحو``, ``أكثر من``, ``ما لا يقل عن``, ``… على الأقل``) make the
  number approximate and are part of its span; the value is the number stated.

Ordinals (``الأول``, ``الثاني عشر``) are not counts and are not returned.
Years (``2016``) are plain cardinals. Number words are data:
``data/text/numbers.yaml``. Joining by و is allowed only where Arabic builds a
compound (a unit before a ten, anything after a hundred or a scale word), so
``3 و5`` stays two numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..document import NumberSpan, Token
from ..pipeline import stage
from .normalise import normalise
from .tokens import _orig_offset, tokenize

DATA = resources.files("rasid.data").joinpath("text")
_PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل")


@dataclass(slots=True, frozen=True)
class _Lex:
    units: dict[str, int]
    teen_ones: frozenset[str]
    teen_tens: frozenset[str]
    tens: dict[str, int]
    hundreds: dict[str, int]
    scales: dict[str, tuple[int, int | None, bool]]  # multiplier, count, plural
    vague: dict[str, tuple[int, int]]  # value, multiplier
    vague_phrases: dict[tuple[str, ...], int]
    approx_before: tuple[tuple[str, ...], ...]
    approx_after: tuple[tuple[str, ...], ...]
    ordinals: frozenset[str]
    article_blocked: frozenset[str]
    duals: frozenset[str]
    keys: frozenset[str]


def _n(words) -> list[str]:
    return [normalise(str(w)) for w in words]


@lru_cache(maxsize=1)
def lexicon() -> _Lex:
    """``data/text/numbers.yaml``, normalised, loaded once."""
    with DATA.joinpath("numbers.yaml").open("r", encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    by_value = lambda sec: {w: int(v) for v, ws in raw[sec].items() for w in _n(ws)}  # noqa: E731
    scales = {w: (int(s["multiplier"]), s.get("count"), bool(s.get("plural")))
              for s in raw["scales"] for w in _n(s["forms"])}
    vague = {w: (int(v["value"]), int(v["multiplier"])) for v in raw["vague"] for w in _n(v["forms"])}
    phrases = {tuple(_n(p.split())): int(raw["vague_phrases"]["value"])
               for p in raw["vague_phrases"]["forms"]}
    duals = set()
    for kind, nouns in raw["dual_nouns"].items():
        for noun in _n(nouns):
            base = noun[:-1] + "ت" if noun.endswith("ه") else noun
            duals.add(base + "ان")
            if kind == "broken":
                duals.add(base + "ين")
    lex = _Lex(
        units=by_value("units"), teen_ones=frozenset(_n(raw["teen_ones"])),
        teen_tens=frozenset(_n(raw["teen_tens"])), tens=by_value("tens"),
        hundreds=by_value("hundreds"), scales=scales, vague=vague, vague_phrases=phrases,
        approx_before=tuple(sorted((tuple(_n(p.split())) for p in raw["approx_before"]),
                                   key=len, reverse=True)),
        approx_after=tuple(tuple(_n(p.split())) for p in raw["approx_after"]),
        ordinals=frozenset(_n(raw["ordinals"])),
        article_blocked=frozenset(_n(raw["article_blocked"])), duals=frozenset(duals), keys=frozenset(),
    )
    keys = (set(lex.units) | lex.teen_ones | set(lex.tens) | set(lex.hundreds) | set(scales)
            | set(vague) | {p[0] for p in phrases} | {p[0] for p in lex.approx_before}
            | lex.ordinals | lex.duals)
    return _Lex(**{**{f: getattr(lex, f) for f in lex.__slots__}, "keys": frozenset(keys)})


@lru_cache(maxsize=50_000)
def _lookup(norm: str) -> tuple[str, int, bool] | None:
    """``(stem, proclitic length, joined by و)`` when ``norm`` is a known word
    after stripping a proclitic and the article, else ``None``."""
    keys = lexicon().keys
    for p in _PREFIXES:
        if not norm.startswith(p) or len(norm) - len(p) < 2:
            continue
        s = norm[len(p):]
        cands = [s]
        if s.startswith("ال"):
            cands.append(s[2:])
        if p.endswith("ل") and s.startswith("ل"):
            cands.append(s[1:])  # للثلاثة = ل + الثلاثة
        for c in cands:
            if c in keys and not (c is not s and c in lexicon().article_blocked):
                return c, len(p), p.startswith("و")
    return None


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def parse_digits(s: str, *, before_scale: bool = False) -> int | float | None:
    """The value of a digit string in any script with thousands separators
    (``,`` ``٬``, or ``.`` in ``1.500.000``) and a decimal point (``.`` ``٫``,
    or ``,`` in ``2,5``). A single ``.`` before three digits is a thousands
    separator (``1.500``) unless a scale word follows (``1.500 مليون``)."""
    s = normalise(s).replace("٬", ",").replace("٫", ".")
    if not _DIGITS.fullmatch(s):
        return None
    if "," in s:
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
            s = s.replace(",", "")
        elif s.count(",") == 1 and "." not in s:
            s = s.replace(",", ".")
        else:
            s = s.replace(",", "")
    if s.count(".") > 1:
        if not re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
            return None
        s = s.replace(".", "")
    elif re.fullmatch(r"\d{1,3}\.\d{3}", s) and not before_scale:
        s = s.replace(".", "")
    value = float(s) if "." in s else int(s)
    return _tidy(value)


def _tidy(v: int | float) -> int | float:
    return int(v) if isinstance(v, float) and v.is_integer() else v


class _Parser:
    """Recognise number expressions over a token list."""

    def __init__(self, text: str, tokens: list[Token]):
        self.text = text
        self.toks = tokens
        self.lex = lexicon()
        self.info: list[tuple[str, int, bool] | None] = [
            None if t.is_punct else (("#", 0, False) if t.norm[:1].isdigit() else _lookup(t.norm))
            for t in tokens
        ]

    def stem(self, i: int) -> str | None:
        if i >= len(self.toks):
            return None
        inf = self.info[i]
        return inf[0] if inf else None

    def norm(self, i: int) -> str | None:
        return self.toks[i].norm if i < len(self.toks) else None

    def phrase_at(self, i: int, phrases) -> int:
        """Length of the first phrase matching at token ``i`` (its first word
        may carry a proclitic), or 0."""
        for ph in phrases:
            if self.stem(i) != ph[0] and self.norm(i) != ph[0]:
                continue
            if all(self.norm(i + k) == w for k, w in enumerate(ph[1:], 1)):
                return len(ph)
        return 0

    def start_of(self, i: int) -> int:
        t = self.toks[i]
        inf = self.info[i]
        if not inf or inf[0] == "#" or not inf[1]:
            return t.start
        return t.start + _orig_offset(t.text, t.norm, inf[1])

    # ---------------------------------------------------------------- core
    def core(self, i: int) -> tuple[int | float, int] | None:
        """Parse an exact number (digits or words) at ``i``: (value, end)."""
        lex, toks = self.lex, self.toks
        total: int | float = 0
        current: int | float = 0
        last = None  # kind of the previous term
        last_unit = 0
        j = i
        while j < len(toks):
            t = toks[j]
            if t.is_punct:
                break
            st = self.stem(j)
            joined = j == i
            nxt = j
            if not joined and st is None and t.norm == "و" and j + 1 < len(toks):
                nxt = j + 1  # a standalone و before digits: «ألف و500»
                st = self.stem(nxt)
                conj = True
            else:
                conj = bool(self.info[j] and self.info[j][2])
            if st is None:
                break
            if st == "#":
                if not joined and not (conj and last in ("hundred", "scale")):
                    break
                scale_next = self.stem(nxt + 1) in lex.scales
                v = parse_digits(toks[nxt].text, before_scale=scale_next)
                if v is None:
                    break
                current += v
                last, j = "digits", nxt + 1
                continue
            if st in lex.scales:
                mult, count, plural = lex.scales[st]
                if count:
                    if not joined and not (conj and last in ("hundred", "scale")):
                        break
                    total += current + count * mult
                    current = 0
                elif joined and not plural:
                    total += mult
                elif not joined and not conj and last in ("digits", "unit", "ten", "hundred", "teen"):
                    if plural and not (2 < current <= 10 or last == "digits"):
                        break
                    total += current * mult
                    current = 0
                elif not joined and conj and last in ("hundred", "scale") and not plural:
                    total += current + mult
                    current = 0
                else:
                    break
                last, j = "scale", nxt + 1
                continue
            if not joined and not conj:
                if st in lex.teen_tens and last in ("unit", "teen_one") and last_unit < 10:
                    current += 10
                    last, j = "teen", j + 1
                    continue
                if st in ("مئه", "مائه") and last == "unit" and last_unit < 10:
                    current += last_unit * 99
                    last, j = "hundred", j + 1
                    continue
                break
            if st in lex.teen_ones:
                if not joined or self.stem(nxt + 1) not in lex.teen_tens:
                    break
                current += 1
                last_unit = 1
                last, j = "teen_one", nxt + 1
                continue
            if st in lex.units:
                v = lex.units[st]
                if not joined and last not in ("hundred", "scale"):
                    break
                current += v
                last_unit = v
                last, j = "unit", nxt + 1
                continue
            if st in lex.tens:
                if not joined and last not in ("hundred", "scale", "unit"):
                    break
                if last == "unit" and last_unit >= 10:
                    break
                current += lex.tens[st]
                last, j = "ten", nxt + 1
                continue
            if st in lex.hundreds:
                if not joined and last != "scale":
                    break
                current += lex.hundreds[st]
                last, j = "hundred", nxt + 1
                continue
            break
        if j == i:
            return None
        return _tidy(total + current), j

    def parse_at(self, i: int) -> tuple[NumberSpan, int] | None:
        lex = self.lex
        st = self.stem(i)
        if st is None:
            return None
        if st in lex.ordinals:
            end = i + 1
            if self.stem(end) in lex.teen_tens:
                end += 1
            return None, end
        approx = False
        k = self.phrase_at(i, lex.approx_before)
        body = i + k if k else i
        if k:
            approx = True
        found = self.core(body)
        kind = "cardinal"
        if found is None:
            found = self.vague_at(body)
            if found is None:
                if st in lex.duals and not k:
                    return self.span(i, i + 1, 2, False, "dual"), i + 1
                return None
            kind, approx = "vague", True
        value, end = found
        a = self.phrase_at(end, lex.approx_after)
        if a:
            approx, end = True, end + a
        return self.span(i, end, value, approx, kind), end

    def vague_at(self, i: int) -> tuple[int, int] | None:
        lex = self.lex
        st = self.stem(i)
        n = self.phrase_at(i, lex.vague_phrases)
        if n:
            ph = next(p for p in lex.vague_phrases if len(p) == n and p[0] in (st, self.norm(i)))
            value, mult, end = lex.vague_phrases[ph], lex.vague_phrases[ph], i + n
        elif st in lex.vague:
            (value, mult), end = lex.vague[st], i + 1
        else:
            return None
        nxt = self.stem(end)
        if nxt in lex.scales and lex.scales[nxt][2] and not (self.info[end] or ("", 0, True))[2]:
            return mult * lex.scales[nxt][0], end + 1
        return value, end

    def span(self, i: int, end: int, value, approx: bool, kind: str) -> NumberSpan:
        s, e = self.start_of(i), self.toks[end - 1].end
        return NumberSpan(s, e, self.text[s:e], value, approx, kind)


def find_numbers(text: str, tokens: list[Token] | None = None) -> list[NumberSpan]:
    """Every numeric expression of ``text`` in order (see the module docstring).
    ``tokens`` are those of :func:`rasid.text.tokens.tokenize` for ``text``."""
    if tokens is None:
        tokens = tokenize(text)
    parser = _Parser(text, tokens)
    out: list[NumberSpan] = []
    i = 0
    n = len(tokens)
    while i < n:
        if parser.info[i] is None:
            i += 1
            continue
        got = parser.parse_at(i)
        if got is None:
            i += 1
            continue
        span, end = got
        if span is not None:
            out.append(span)
        i = max(end, i + 1)
    return out


def parse_number(words: str) -> tuple[int | float, bool] | None:
    """``(value, approximate)`` when the whole of ``words`` is one number
    expression (``"خمسة وعشرين"`` -> ``(25, False)``, ``"نحو 300"`` ->
    ``(300, True)``, ``"جنديين"`` -> ``(2, False)``), else ``None``."""
    words = words.strip()
    spans = find_numbers(words)
    if len(spans) != 1:
        return None
    sp = spans[0]
    rest = (words[:sp.start] + words[sp.end:]).strip()
    if rest not in ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك"):
        return None
    return sp.value, sp.approximate


@stage(name="text.numbers", reads=("tokens",), writes=("numbers",))
def STAGE(doc):
    doc.numbers = find_numbers(doc.text, doc.tokens)
    return doc
