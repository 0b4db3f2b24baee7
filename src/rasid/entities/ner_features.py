"""Token features for the NER tagger.

:func:`sentence_features` turns a list of words into one list of feature
strings per word, the input of the CRF (python-crfsuite). The features of a
word alone are computed once per word form (:func:`word_info`, cached):

* the normalised form and the clitic-stripped stem (:func:`analyse_clitics`,
  the article ال kept and restored after ل), the proclitics, the article;
* stem prefixes 1-3 and suffixes 1-4, the shape, the length, a frequency
  band from the shipped news word list (rare words are often names);
* word clusters learned from the news corpus at three granularities
  (``data/ner/clusters.tsv.gz``, built by ``scripts/build_word_clusters.py``);
* trigger classes (titles, organisation heads, place words, name particles,
  speech verbs) from ``data/ner/triggers.yaml``;
* single-word membership of the place gazetteer, the actor dictionary and
  the country lexicon;
* the person-name lexicon (:mod:`rasid.entities.ner_names`): role (given
  name, surname, both), frequency band, Arab or foreign, and how common the
  word is as an ordinary word in the news word list.

Each word also gets its neighbours' word, stem, cluster, trigger class and
name class within ±2 words, stem bigrams, the name classes of itself and
its next or previous word when both are name words (a given name followed
by a surname) and its place in a run of such words, and the position (B/I) inside the longest gazetteer or actor
phrase that covers it (first word may carry proclitics).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from importlib import resources
from pathlib import Path

import yaml

from ..datafiles import headed_tsv
from ..text.normalise import normalise
from ..text.tokens import _word_info as token_word_info
from ..text.tokens import word_counts
from .ner_names import name_class, name_parts

CLUSTER_HEADER = "#rasid-word-clusters"
DATA = resources.files("rasid.data").joinpath("ner")
OFFSETS = (-2, -1, 1, 2)
MAX_PHRASE = 4
_LATIN = re.compile(r"[A-Za-z]")
_ARABIC = re.compile(r"[\u0621-\u064a]")
_DIGIT = re.compile(r"\d")
# The article-rate feature (``ar``, :func:`article_rate`) is off: models
# trained with it tagged «البرلمان انتقادات شديدة لحفتر» as one organisation.
ARTICLE_RATE = False
# The person-name lexicon features (``nr``/``nf``/``nx``/``nw``/``na``/``nrf``/
# ``nwp``, neighbour name classes, ``nrun``; :mod:`~rasid.entities.ner_names`)
# are off: on the development split they scored 73.12 F1 against 73.45 without
# them (held-out 71.14 against 71.09) and tag ~10% slower. The lexicon is used
# by the rule-based person names of :mod:`~rasid.entities.mentions`.
NAME_FEATURES = False


def _name_class(stem: str, art: bool) -> str:
    return name_class(stem, art) if NAME_FEATURES else ""


# ------------------------------------------------------------ resources

def read_clusters(path: Path) -> tuple[dict[str, tuple[int, ...]], dict[str, str]]:
    """Read a cluster file: ``({word: (c1, c2, ...)}, header fields)``.

    The first line is ``#rasid-word-clusters`` and ``key=value`` fields
    (``k=64,256,1024``); then ``word<TAB>c1<TAB>c2...``, one word a line."""
    out: dict[str, tuple[int, ...]] = {}
    with headed_tsv(path, header=CLUSTER_HEADER, what="rasid cluster file") as (meta, lines):
        n = len(meta["k"].split(","))
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != n + 1:
                raise ValueError(f"{path}: bad line {line!r}")
            out[parts[0]] = tuple(int(p) for p in parts[1:])
    return out, meta


@lru_cache(maxsize=1)
def clusters() -> dict[str, tuple[int, ...]]:
    """The shipped word clusters (normalised word -> cluster per granularity)."""
    with resources.as_file(DATA.joinpath("clusters.tsv.gz")) as path:
        return read_clusters(path)[0]


@lru_cache(maxsize=1)
def triggers() -> dict[str, str]:
    """Normalised trigger word -> class (``data/ner/triggers.yaml``)."""
    with DATA.joinpath("triggers.yaml").open("r", encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    out: dict[str, str] = {}
    for cls, words in raw.items():
        for w in words:
            out.setdefault(normalise(w), cls)
    return out


@lru_cache(maxsize=1)
def phrases() -> dict[str, str]:
    """Normalised name (words joined by one space) -> LOC, PER or ORG, from
    the place gazetteer, the country lexicon and the actor dictionary."""
    from ..geo.gazetteer import gazetteer
    from .dictionary import _DESCRIPTOR, lexicons, load_dictionary, name_variants

    out: dict[str, str] = {}
    for name in gazetteer().names:
        out[name] = "LOC"
    for name in lexicons().country_names:
        out[name] = "LOC"
    for e in load_dictionary().entries.values():
        for alias in (e.name_ar, *e.aliases, *e.short):
            m = _DESCRIPTOR.match(alias)
            core = m.group(2) if m else alias
            for v in name_variants(core):
                out[v] = e.type
    return out


@lru_cache(maxsize=1)
def phrase_lengths() -> dict[str, tuple[int, ...]]:
    """First word -> the word counts (2..MAX_PHRASE, longest first) of the
    known multiword names that start with it, so a sentence tries only those."""
    lengths: dict[str, set[int]] = {}
    for name in phrases():
        words = name.split(" ")
        if 2 <= len(words) <= MAX_PHRASE:
            lengths.setdefault(words[0], set()).add(len(words))
    return {w: tuple(sorted(ks, reverse=True)) for w, ks in lengths.items()}


# ------------------------------------------------------------ one word

@dataclass(slots=True, frozen=True)
class WordInfo:
    norm: str
    stem: str
    own: tuple[str, ...]                    # features of the word itself
    ctx: dict[int, tuple[str, ...]]         # features it gives at offset d
    name: str = ""                          # name class (ner_names.name_class)


class WordCore(NamedTuple):
    """The analysis of one word form that the features are built from."""

    norm: str
    stem: str
    pfx: str
    art: bool


def _shape(w: str) -> str:
    if _ARABIC.search(w):
        return "mix" if (_LATIN.search(w) or _DIGIT.search(w)) else "ar"
    if _LATIN.search(w):
        return "lat"
    if _DIGIT.search(w):
        return "dig"
    return "punc"


def stem_of(word: str) -> tuple[str, str, bool]:
    """``(normalised stem, proclitics, has article)`` of a word."""
    core = word_core(word)
    return core.stem, core.pfx, core.art


@lru_cache(maxsize=400_000)
def word_core(word: str) -> WordCore:
    """``(norm, stem, proclitics, has article)`` of a word form, cached. The
    clitic analysis is the tokeniser's (memoised there for the same forms)."""
    norm, prefixes, off, art = token_word_info(word)
    stem = normalise(word[off:])
    if art and not stem.startswith("ال"):
        stem = "ا" + stem
    return WordCore(norm, stem or norm, "".join(prefixes), art)


def article_rate(stem: str, freq: int) -> str:
    """How often the news puts the article on a word without it, as a band
    of log2(with / without): names (of people above all) seldom take it,
    nouns often do. An accusative ending (هجوما) is compared with the
    article on the word without it (الهجوم)."""
    counts = word_counts()
    with_art = counts.get("ال" + stem, 0)
    if stem.endswith("ا") and len(stem) > 3:
        with_art = max(with_art, counts.get("ال" + stem[:-1], 0))
    return str(max(-5, min(3, math.floor(math.log2((with_art + 1) / (freq + 1))))))


def word_parts(word: str) -> tuple[list[tuple[str, str | None]], list[tuple[str, str]], list[tuple[str, str]]]:
    """The features of one word form as ``(name, value)`` pairs, in order:
    ``(own, ctx, near)``. ``own`` are the word's own features (a value-less
    flag has value ``None``); ``ctx`` the ones it gives a neighbour at every
    offset ``d`` (named ``{d}{name}``), ``near`` those it gives at ±1 only,
    after ``ctx``."""
    norm, stem, pfx, art = word_core(word)
    cl = clusters()
    trig = triggers()
    gaz = phrases()
    c = cl.get(stem) or cl.get(norm)
    t = trig.get(stem) or trig.get(norm)
    bare = stem[2:] if art and len(stem) > 3 else stem
    freq = word_counts().get(stem, 0)
    shape = _shape(norm)
    own = [("b", None), ("w", norm), ("s", stem), ("sh", shape),
           ("len", str(min(len(bare), 8))), ("fq", str(min(int(math.log2(freq + 1)), 20)))]
    if pfx:
        own.append(("p", pfx))
    if art:
        own.append(("art", None))
    if ARTICLE_RATE and not art and shape == "ar" and len(stem) > 2:
        own.append(("ar", article_rate(stem, freq)))
    for k in (1, 2, 3):
        if len(bare) > k:
            own.append((f"sp{k}", bare[:k]))
    for k in (1, 2, 3, 4):
        if len(bare) > k:
            own.append((f"ss{k}", bare[-k:]))
    if c:
        own.extend((f"c{j}", str(v)) for j, v in enumerate(c))
    else:
        own.append(("c", "none"))
    if t:
        own.append(("t", t))
    g = gaz.get(stem) or gaz.get(norm)
    if g:
        own.append(("g1", g))
    if bare != stem and gaz.get(bare):
        own.append(("gb", gaz[bare]))
    nc = _name_class(stem, art)
    if nc:
        own.extend(name_parts(stem, art, form=norm))
    ctx = [("w", norm), ("s", stem)]
    if c:
        ctx.append(("c", str(c[1] if len(c) > 1 else c[0])))
    if t:
        ctx.append(("t", t))
    if g:
        ctx.append(("g", g))
    if nc:
        ctx.append(("n", nc))
    near = [("sh", shape)]
    if pfx:
        near.append(("p", pfx))
    return own, ctx, near


def _attr(name: str, value: str | None) -> str:
    return name if value is None else name + "=" + value


@lru_cache(maxsize=400_000)
def word_info(word: str) -> WordInfo:
    """The cached features of one word form."""
    core = word_core(word)
    own, ctx, near = word_parts(word)
    by_offset: dict[int, tuple[str, ...]] = {}
    for d in OFFSETS:
        f = [f"{d}{n}={v}" for n, v in ctx]
        if abs(d) == 1:
            f.extend(f"{d}{n}={v}" for n, v in near)
        by_offset[d] = tuple(f)
    return WordInfo(core.norm, core.stem, tuple(_attr(n, v) for n, v in own), by_offset,
                    _name_class(core.stem, core.art))


def _name_pairs(prev: str, cur: str, nxt: str) -> list[str]:
    # A name word beside another name word: «محمد حسين», «أحمد الحسيني».
    out = []
    if cur and prev:
        out.append(f"np-={prev[0]}|{cur}")
    if cur and nxt:
        out.append(f"np+={cur}|{nxt[0]}")
    return out


def name_runs(classes: list[str]) -> list[str | None]:
    """``B``/``I``/``L`` for the words of each run of two or more name words
    that are not mostly ordinary words (class without ``o``), else ``None``."""
    n = len(classes)
    out: list[str | None] = [None] * n
    i = 0
    while i < n:
        j = i
        while j < n and classes[j] and "o" not in classes[j]:
            j += 1
        if j - i >= 2:
            out[i] = "B"
            for k in range(i + 1, j - 1):
                out[k] = "I"
            out[j - 1] = "L"
        i = max(j, i + 1)
    return out


# -------------------------------------------------------------- sentence

def phrase_marks(infos: list[WordInfo]) -> list[str | None]:
    """``B-T``/``I-T`` for words inside the longest known name starting at
    each word (the first word by its stem, the others by their form)."""
    gaz = phrases()
    starts = phrase_lengths()
    n = len(infos)
    marks: list[str | None] = [None] * n
    i = 0
    while i < n:
        hit = 0
        typ = ""
        for k in starts.get(infos[i].stem, ()):
            if k > n - i:
                continue
            key = " ".join([infos[i].stem, *(x.norm for x in infos[i + 1:i + k])])
            typ = gaz.get(key, "")
            if typ:
                hit = k
                break
        if hit:
            marks[i] = "B-" + typ
            for j in range(i + 1, i + hit):
                marks[j] = "I-" + typ
            i += hit
        else:
            i += 1
    return marks


def sentence_features(words: list[str]) -> list[list[str]]:
    """One list of feature strings per word (CRF input)."""
    infos = [word_info(w) for w in words]
    marks = phrase_marks(infos)
    runs = name_runs([x.name for x in infos])
    n = len(infos)
    out = []
    for i, info in enumerate(infos):
        f = list(info.own)
        for d in OFFSETS:
            j = i + d
            if 0 <= j < n:
                f.extend(infos[j].ctx[d])
            else:
                f.append(f"{d}w=<s>")
        prev = infos[i - 1].stem if i else "<s>"
        nxt = infos[i + 1].stem if i + 1 < n else "</s>"
        f.append(f"bg-={prev}|{info.stem}")
        f.append(f"bg+={info.stem}|{nxt}")
        f.extend(_name_pairs(infos[i - 1].name if i else "", info.name,
                             infos[i + 1].name if i + 1 < n else ""))
        if runs[i]:
            f.append("nrun=" + runs[i])
        if marks[i]:
            f.append("gz=" + marks[i])
        out.append(f)
    return out


class ModelFeatures:
    """:func:`sentence_features` restricted to the attributes a trained model
    gives a weight to. An attribute the model does not know adds nothing to
    any score, so the tags are exactly those of the full feature lists, while
    the tagger reads about a third fewer strings and the bigrams it does not
    know are never built. Each word's kept features are remembered once."""

    __slots__ = ("known", "bg_prev", "bg_next", "_values", "_ctx", "_word")

    def __init__(self, known: set[str]) -> None:
        self.known = frozenset(known)
        self.bg_prev = frozenset(tuple(a[4:].split("|", 1)) for a in known if a.startswith("bg-="))
        self.bg_next = frozenset(tuple(a[4:].split("|", 1)) for a in known if a.startswith("bg+="))
        # Known values by attribute name ("-1w" -> {"قال", ...}; a flag's value is None).
        values: dict[str, set] = {}
        for a in known:
            name, eq, value = a.partition("=")
            values.setdefault(name, set()).add(value if eq else None)
        self._values = {k: frozenset(v) for k, v in values.items()}
        # Context name -> (offset index, "{d}{name}=", known values) for the
        # offsets where the model knows some value of it (the ``near`` names
        # of word_parts only at ±1, as word_info gives them).
        ctx: dict[str, list[tuple[int, str, frozenset]]] = {}
        for k, d in enumerate(OFFSETS):
            for name in ("w", "s", "c", "t", "g", "n", *(("sh", "p") if abs(d) == 1 else ())):
                vals = self._values.get(f"{d}{name}")
                if vals:
                    ctx.setdefault(name, []).append((k, f"{d}{name}=", vals))
        self._ctx = {name: tuple(v) for name, v in ctx.items()}
        # As large as word_info's cache: the long tail of names recurs.
        self._word = lru_cache(maxsize=400_000)(self._kept)

    def _kept(self, word: str) -> tuple:
        # Only the attributes the model knows are built: a (name, value)
        # pair is looked up in the known values of its name first.
        values = self._values
        empty = frozenset()
        own, ctx, near = word_parts(word)
        kept_own = tuple(_attr(n, v) for n, v in own if v in values.get(n, empty))
        by_offset: tuple[list[str], ...] = tuple([] for _ in OFFSETS)
        known_ctx = self._ctx
        for n, v in ctx + near:
            for k, attr, vals in known_ctx.get(n, ()):
                if v in vals:
                    by_offset[k].append(attr + v)
        core = word_core(word)
        return core.stem, kept_own, tuple(map(tuple, by_offset)), _name_class(core.stem, core.art)

    def sentence(self, words: list[str], *, marks: list[str | None] | None = None) -> list[list[str]]:
        """What :func:`sentence_features` gives, less the unknown attributes
        (``marks``: the sentence's :func:`phrase_marks`, when already known)."""
        kept = [self._word(w) for w in words]
        if marks is None:
            marks = phrase_marks([word_core(w) for w in words])
        known = self.known
        edge = {d: f"{d}w=<s>" for d in OFFSETS if f"{d}w=<s>" in known}
        runs = name_runs([k[3] for k in kept])
        n = len(kept)
        out = []
        for i, (stem, own, _, name) in enumerate(kept):
            f = list(own)
            for k, d in enumerate(OFFSETS):
                j = i + d
                if 0 <= j < n:
                    f.extend(kept[j][2][k])
                elif d in edge:
                    f.append(edge[d])
            prev = kept[i - 1][0] if i else "<s>"
            nxt = kept[i + 1][0] if i + 1 < n else "</s>"
            if (prev, stem) in self.bg_prev:
                f.append(f"bg-={prev}|{stem}")
            if (stem, nxt) in self.bg_next:
                f.append(f"bg+={stem}|{nxt}")
            if name:
                f.extend(a for a in _name_pairs(kept[i - 1][3] if i else "", name,
                                                kept[i + 1][3] if i + 1 < n else "")
                         if a in known)
            if runs[i] and "nrun=" + runs[i] in known:
                f.append("nrun=" + runs[i])
            if marks[i] and "gz=" + marks[i] in known:
                f.append("gz=" + marks[i])
            out.append(f)
        return out
