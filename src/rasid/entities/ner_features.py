"""Token features for the NER tagger.

:func:`sentence_features` turns a list of words into one list of feature
strings per word, the input of the CRF (python-crfsuite). The features of a
word alone are computed once per word form (:func:`word_info`, cached):

* the normalised form and the clitic-stripped stem (:func:`analyse_clitics`,
  the article ال kept and restored after ل), the proclitics, the article;
* stem prefixes 1-3 and suffixes 1-4, the shape, the length and a frequency
  band from the shipped news word list (rare words are often names);
* word clusters learned from the news corpus at three granularities
  (``data/ner/clusters.tsv.gz``, built by ``scripts/build_word_clusters.py``);
* trigger classes (titles, organisation heads, place words, name particles,
  speech verbs) from ``data/ner/triggers.yaml``;
* single-word membership of the place gazetteer, the actor dictionary and
  the country lexicon.

Each word also gets its neighbours' word, stem, cluster and trigger class
within ±2 words, stem bigrams, and the position (B/I) inside the longest
gazetteer or actor phrase that covers it (first word may carry proclitics).
"""

from __future__ import annotations

import gzip
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..text.normalise import normalise
from ..text.tokens import analyse_clitics, word_counts

CLUSTER_HEADER = "#rasid-word-clusters"
DATA = resources.files("rasid.data").joinpath("ner")
OFFSETS = (-2, -1, 1, 2)
MAX_PHRASE = 4
_LATIN = re.compile(r"[A-Za-z]")
_ARABIC = re.compile(r"[\u0621-\u064a]")
_DIGIT = re.compile(r"\d")


# ------------------------------------------------------------ resources

def read_clusters(path: Path) -> tuple[dict[str, tuple[int, ...]], dict[str, str]]:
    """Read a cluster file: ``({word: (c1, c2, ...)}, header fields)``.

    The first line is ``#rasid-word-clusters`` and ``key=value`` fields
    (``k=64,256,1024``); then ``word<TAB>c1<TAB>c2...``, one word a line."""
    out: dict[str, tuple[int, ...]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        head = fh.readline().rstrip("\n").split("\t")
        if not head or head[0] != CLUSTER_HEADER:
            raise ValueError(f"{path}: not a rasid cluster file")
        meta = dict(f.split("=", 1) for f in head[1:])
        n = len(meta["k"].split(","))
        for line in fh:
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
    prefixes, off, art = analyse_clitics(word)
    stem = normalise(word[off:])
    if art and not stem.startswith("ال"):
        stem = "ا" + stem
    return stem or normalise(word), "".join(prefixes), art


@lru_cache(maxsize=400_000)
def word_info(word: str) -> WordInfo:
    """The cached features of one word form."""
    norm = normalise(word)
    stem, pfx, art = stem_of(word)
    cl = clusters()
    trig = triggers()
    gaz = phrases()
    c = cl.get(stem) or cl.get(norm)
    t = trig.get(stem) or trig.get(norm)
    bare = stem[2:] if art and len(stem) > 3 else stem
    freq = word_counts().get(stem, 0)
    own = ["b", "w=" + norm, "s=" + stem, "sh=" + _shape(norm),
           "len=" + str(min(len(bare), 8)), "fq=" + str(min(int(math.log2(freq + 1)), 20))]
    if pfx:
        own.append("p=" + pfx)
    if art:
        own.append("art")
    for k in (1, 2, 3):
        if len(bare) > k:
            own.append(f"sp{k}=" + bare[:k])
    for k in (1, 2, 3, 4):
        if len(bare) > k:
            own.append(f"ss{k}=" + bare[-k:])
    if c:
        own.extend(f"c{j}={v}" for j, v in enumerate(c))
    else:
        own.append("c=none")
    if t:
        own.append("t=" + t)
    g = gaz.get(stem) or gaz.get(norm)
    if g:
        own.append("g1=" + g)
    if bare != stem and gaz.get(bare):
        own.append("gb=" + gaz[bare])
    ctx: dict[int, tuple[str, ...]] = {}
    for d in OFFSETS:
        f = [f"{d}w={norm}", f"{d}s={stem}"]
        if c:
            f.append(f"{d}c={c[1] if len(c) > 1 else c[0]}")
        if t:
            f.append(f"{d}t={t}")
        if g:
            f.append(f"{d}g={g}")
        if abs(d) == 1:
            f.append(f"{d}sh={_shape(norm)}")
            if pfx:
                f.append(f"{d}p={pfx}")
        ctx[d] = tuple(f)
    return WordInfo(norm, stem, tuple(own), ctx)


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

    __slots__ = ("known", "bg_prev", "bg_next", "_word")

    def __init__(self, known: set[str]) -> None:
        self.known = frozenset(known)
        self.bg_prev = frozenset(tuple(a[4:].split("|", 1)) for a in known if a.startswith("bg-="))
        self.bg_next = frozenset(tuple(a[4:].split("|", 1)) for a in known if a.startswith("bg+="))
        # As large as word_info's cache: the long tail of names recurs.
        self._word = lru_cache(maxsize=400_000)(self._kept)

    def _kept(self, word: str) -> tuple:
        info = word_info(word)
        k = self.known
        return (info.stem, tuple(f for f in info.own if f in k),
                tuple(tuple(f for f in info.ctx[d] if f in k) for d in OFFSETS))

    def sentence(self, words: list[str]) -> list[list[str]]:
        """What :func:`sentence_features` gives, less the unknown attributes."""
        kept = [self._word(w) for w in words]
        marks = phrase_marks([word_info(w) for w in words])
        known = self.known
        edge = {d: f"{d}w=<s>" for d in OFFSETS if f"{d}w=<s>" in known}
        n = len(kept)
        out = []
        for i, (stem, own, _) in enumerate(kept):
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
            if marks[i] and "gz=" + marks[i] in known:
                f.append("gz=" + marks[i])
            out.append(f)
        return out
