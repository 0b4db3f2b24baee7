"""NER training corpora: readers, tag normalisation, the fixed held-out split.

Three corpora under ``../shared/data/ner`` are read (nothing of them ships):

* ANERcorp (``anercorp/train.txt``): ``token TAG`` lines, a blank line after
  each sentence; lines without a token are skipped.
* AQMAR (``aqmar/*.txt``): 28 Wikipedia articles in the same format, with
  article-specific MIS0-3 classes and a few tag typos.
* The Wojood sample (``wojood-sample/train.txt`` and ``val.txt``): nested
  ``token TAG [TAG ...]`` lines; the outermost entity among the mapped types
  is kept.

Typos and type mapping live in ``data/ner/tags.yaml`` (:func:`tag_rules`).

The held-out tenth is fixed and contiguous: the last 10% of the sentences of
ANERcorp and of Wojood ``train.txt``, and the last AQMAR articles (sorted by
file name) that make about 10% of its tokens. Wojood ``val.txt`` goes to
training. The development split used to choose hyper-parameters is carved
the same way from the tail of each training part. :func:`splits` gives all
three; nothing is random.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

import yaml

HELD_OUT = 0.10
DEV = 0.10
DOC_SIZE = 20


@dataclass(slots=True, frozen=True)
class NerSentence:
    """One sentence: its words, BIO tags over PER/ORG/LOC/MISC, and origin."""

    words: tuple[str, ...]
    tags: tuple[str, ...]
    source: str  # corpus name, and article for AQMAR

    def key(self) -> str:
        """A stable hash of the sentence (its source and words)."""
        h = hashlib.sha1(self.source.encode("utf-8"))
        h.update("\x1f".join(self.words).encode("utf-8"))
        return h.hexdigest()


@dataclass(slots=True, frozen=True)
class Splits:
    train: list[NerSentence]
    dev: list[NerSentence]
    held_out: list[NerSentence]

    @property
    def train_all(self) -> list[NerSentence]:
        """Training and development parts together (the final model's data)."""
        return self.train + self.dev


# ------------------------------------------------------------------ tags

@lru_cache(maxsize=1)
def tag_rules() -> dict:
    """``data/ner/tags.yaml``: ``fix``, ``types`` and ``predict``."""
    path = resources.files("rasid.data").joinpath("ner", "tags.yaml")
    with path.open("r", encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    return {"fix": dict(raw.get("fix") or {}), "types": dict(raw.get("types") or {}),
            "predict": tuple(raw.get("predict") or ())}


def normalise_tag(tag: str) -> str:
    """A raw corpus tag as ``O`` or ``B-T``/``I-T`` with T in PER/ORG/LOC/MISC."""
    rules = tag_rules()
    tag = rules["fix"].get(tag, tag).strip()
    if tag == "O" or len(tag) < 3 or tag[1] != "-" or tag[0] not in "BI":
        return "O"
    mapped = rules["types"].get(tag[2:])
    return f"{tag[0]}-{mapped}" if mapped else "O"


def repair_bio(tags: Iterable[str]) -> list[str]:
    """Make a tag sequence valid BIO: an I-T that does not continue a T
    entity starts one (B-T)."""
    out: list[str] = []
    prev = "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def to_bilou(tags: Iterable[str]) -> list[str]:
    """BIO tags as BILOU: the last word of an entity of several words is
    ``L-T``, an entity of one word ``U-T`` (the CRF is trained on these)."""
    tags = list(tags)
    out = list(tags)
    for i, t in enumerate(tags):
        nxt = tags[i + 1] if i + 1 < len(tags) else "O"
        if t == "O" or (nxt.startswith("I-") and nxt[2:] == t[2:]):
            continue
        out[i] = ("U-" if t.startswith("B-") else "L-") + t[2:]
    return out


def from_bilou(tags: Iterable[str]) -> list[str]:
    """BILOU (or BIO) tags as valid BIO."""
    return repair_bio(("B-" + t[2:]) if t[:2] == "U-" else ("I-" + t[2:]) if t[:2] == "L-" else t
                      for t in tags)


def restrict(tags: Iterable[str], *, types: Iterable[str] | None = None) -> list[str]:
    """Tags of types outside ``types`` (default: the model's types) become O."""
    keep = set(types if types is not None else tag_rules()["predict"])
    return [t if t == "O" or t[2:] in keep else "O" for t in tags]


def spans(tags: Iterable[str]) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end, type)`` of a BIO sequence (end exclusive)."""
    out: list[tuple[int, int, str]] = []
    start, typ = -1, ""
    tags = list(tags)
    for i, t in enumerate([*tags, "O"]):
        if t == "O" or t.startswith("B-") or t[2:] != typ:
            if start >= 0:
                out.append((start, i, typ))
                start, typ = -1, ""
            if t != "O":
                start, typ = i, t[2:]
    return out


# --------------------------------------------------------------- readers

def _blocks(path: Path) -> Iterable[list[list[str]]]:
    block: list[list[str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            fields = line.split()
            if not line.strip():
                if block:
                    yield block
                block = []
            elif line[:1].isspace():
                continue  # a tag without a token
            else:
                block.append(fields)
    if block:
        yield block


def read_conll(path: Path, *, source: str) -> list[NerSentence]:
    """Sentences of a ``token TAG`` file (ANERcorp, AQMAR), tags normalised."""
    out = []
    for block in _blocks(path):
        words = tuple(f[0] for f in block)
        tags = repair_bio(normalise_tag(f[1] if len(f) > 1 else "O") for f in block)
        out.append(NerSentence(words, tuple(tags), source))
    return out


def nested_spans(columns: list[list[str]]) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, raw type)`` of nested BIO tags, one tag list per token."""
    found: list[tuple[int, int, str]] = []
    open_: dict[str, int] = {}
    for i, tags in enumerate(columns):
        seen = set()
        for tag in tags:
            tag = tag_rules()["fix"].get(tag, tag)
            if tag == "O" or len(tag) < 3 or tag[1] != "-":
                continue
            typ = tag[2:]
            seen.add(typ)
            if tag[0] == "B" or typ not in open_:
                if typ in open_:
                    found.append((open_[typ], i, typ))
                open_[typ] = i
        for typ in [t for t in open_ if t not in seen]:
            found.append((open_.pop(typ), i, typ))
    n = len(columns)
    found.extend((s, n, t) for t, s in open_.items())
    return found


def outermost(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Of the spans whose types map to an entity type, the outermost ones
    (mapped types), overlapping later spans dropped."""
    types = tag_rules()["types"]
    mapped = [(s, e, types[t]) for s, e, t in found if types.get(t)]
    mapped.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    kept: list[tuple[int, int, str]] = []
    end = 0
    for s, e, t in mapped:
        if s >= end:
            kept.append((s, e, t))
            end = e
    return kept


def read_nested(path: Path, *, source: str) -> list[NerSentence]:
    """Sentences of a Wojood file: outermost PER/ORG/LOC/MISC entity kept."""
    out = []
    for block in _blocks(path):
        words = tuple(f[0] for f in block)
        tags = ["O"] * len(words)
        for s, e, t in outermost(nested_spans([f[1:] for f in block])):
            tags[s] = f"B-{t}"
            for k in range(s + 1, e):
                tags[k] = f"I-{t}"
        out.append(NerSentence(words, tuple(tags), source))
    return out


# ---------------------------------------------------------------- splits

def _tail(sentences: list[NerSentence], frac: float) -> tuple[list, list]:
    cut = len(sentences) - max(1, round(len(sentences) * frac))
    return sentences[:cut], sentences[cut:]


def _tail_articles(articles: list[list[NerSentence]], frac: float) -> tuple[list, list]:
    total = sum(len(s.words) for a in articles for s in a)
    tail: list[list[NerSentence]] = []
    n = 0
    for art in reversed(articles):
        if n >= frac * total:
            break
        tail.insert(0, art)
        n += sum(len(s.words) for s in art)
    head = articles[:len(articles) - len(tail)]
    return head, tail


def _flat(articles: list[list[NerSentence]]) -> list[NerSentence]:
    return [s for a in articles for s in a]


def corpus_dir(shared: Path) -> Path:
    return Path(shared) / "data" / "ner"


@lru_cache(maxsize=2)
def splits(shared: Path) -> Splits:
    """The fixed train / dev / held-out parts of the three corpora."""
    root = corpus_dir(shared)
    train: list[NerSentence] = []
    dev: list[NerSentence] = []
    held: list[NerSentence] = []

    aner = read_conll(root / "anercorp" / "train.txt", source="anercorp")
    rest, h = _tail(aner, HELD_OUT)
    t, d = _tail(rest, DEV)
    train += t; dev += d; held += h

    articles = [read_conll(p, source=f"aqmar/{p.stem}")
                for p in sorted((root / "aqmar").glob("*.txt"))]
    rest_a, h_a = _tail_articles(articles, HELD_OUT)
    t_a, d_a = _tail_articles(rest_a, DEV)
    train += _flat(t_a); dev += _flat(d_a); held += _flat(h_a)

    woj = read_nested(root / "wojood-sample" / "train.txt", source="wojood")
    rest, h = _tail(woj, HELD_OUT)
    t, d = _tail(rest, DEV)
    train += t; dev += d; held += h
    train += read_nested(root / "wojood-sample" / "val.txt", source="wojood/val")
    return Splits(train, dev, held)


def documents(sentences: list[NerSentence], *, size: int = DOC_SIZE) -> list[list[int]]:
    """Indices of ``sentences`` grouped into pseudo-documents for evaluating
    the document pass: runs of consecutive sentences from the same source
    (corpus, or AQMAR article), cut every ``size`` sentences (the corpora do
    not mark article ends, ANERcorp articles run about 20 sentences)."""
    out: list[list[int]] = []
    for i, s in enumerate(sentences):
        if out and sentences[out[-1][-1]].source == s.source and len(out[-1]) < size:
            out[-1].append(i)
        else:
            out.append([i])
    return out


# ------------------------------------------------------------- scoring

def score(gold: list[list[str]], pred: list[list[str]], *,
          types: Iterable[str] | None = None) -> dict[str, dict[str, float]]:
    """Exact-span (conlleval) precision, recall, F1 and counts per type and
    ``ALL`` (micro), over ``types`` (default: the model's types)."""
    types = tuple(types if types is not None else tag_rules()["predict"])
    tp = {t: 0 for t in types}
    ng = dict(tp)
    np_ = dict(tp)
    for g, p in zip(gold, pred):
        gs = {s for s in spans(restrict(g, types=types))}
        ps = {s for s in spans(restrict(p, types=types))}
        for s in gs:
            ng[s[2]] += 1
        for s in ps:
            np_[s[2]] += 1
        for s in gs & ps:
            tp[s[2]] += 1
    out = {}
    for t in (*types, "ALL"):
        a = sum(tp.values()) if t == "ALL" else tp[t]
        g = sum(ng.values()) if t == "ALL" else ng[t]
        p = sum(np_.values()) if t == "ALL" else np_[t]
        prec = 100 * a / p if p else 0.0
        rec = 100 * a / g if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[t] = {"p": prec, "r": rec, "f1": f1, "gold": g, "pred": p, "correct": a}
    return out


def format_scores(scores: dict[str, dict[str, float]]) -> str:
    """A small table of :func:`score` results."""
    lines = [f"{'type':<5} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6} {'ok':>6}"]
    for t, s in scores.items():
        lines.append(f"{t:<5} {s['p']:6.2f} {s['r']:6.2f} {s['f1']:6.2f} "
                     f"{s['gold']:6d} {s['pred']:6d} {s['correct']:6d}")
    return "\n".join(lines)
