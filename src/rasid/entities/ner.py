"""Statistical named-entity recognition: PER, ORG and LOC.

The model ships in the package (``data/models/ner-crf.crfsuite``, trained by
``rasid train ner``: :mod:`rasid.entities.ner_train`) and is loaded once,
lazily, without any download. :meth:`NerModel.tag` gives BIO tags for a list
of words; :func:`find_entities` tags a document sentence by sentence over
``doc.tokens`` and turns the tags into :class:`~rasid.document.Entity` spans
that start at the stem of their first token, so that attached proclitics stay
outside (``لحفتر`` -> ``حفتر``, ``والجيش الليبي`` -> ``الجيش الليبي``), and
end at the end of their last token.

A document pass (:func:`propagate`) then keeps the tagging consistent within
the document: a name tagged in one sentence is tagged where it recurs
untagged in the others (measured on the development split: +2.6 F1, mostly
recall of company, team and person names met once after a title and then
alone).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..document import Document, Entity, Token
from .ner_data import from_bilou, spans
from ..text.tokens import word_counts
from .ner_features import ModelFeatures, phrase_marks, word_core

MODEL_NAME = "ner-crf.crfsuite"
TYPES = ("PER", "ORG", "LOC")
MAX_WORDS = 200  # longer runs of tokens are tagged in pieces
PROPAGATE_MAX_FREQ = 1000  # single words more frequent than this in the news word list are not propagated


class NerModel:
    """A trained tagger: ``tag(words) -> BIO tags``."""

    __slots__ = ("method", "_tagger", "path", "_features")

    def __init__(self, method: str, tagger, path: Path):
        self.method = method
        self._tagger = tagger
        self.path = path
        self._features: ModelFeatures | None = None
        if method == "crf":  # only the attributes the model weighs: same tags, less work
            self._features = ModelFeatures({a for a, _ in tagger.info().state_features})

    @classmethod
    def load(cls, path: Path, *, method: str = "crf") -> "NerModel":
        """Open a model file written by :mod:`rasid.entities.ner_train`."""
        if method == "crf":
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            return cls("crf", tagger, Path(path))
        if method == "bilstm":
            from .ner_bilstm import NumpyBiLstmCrf

            return cls("bilstm", NumpyBiLstmCrf.load(Path(path)), Path(path))
        raise ValueError(f"unknown NER method {method!r}")

    def tag(self, words: list[str], *, marks: list[str | None] | None = None) -> list[str]:
        """BIO tags (``O``, ``B-PER``, ``I-ORG``...) for one sentence of words
        (``marks``: its :func:`phrase_marks`, when the caller has them)."""
        if not words:
            return []
        if self.method == "crf":
            return from_bilou(self._tagger.tag(self._features.sentence(words, marks=marks)))
        return self._tagger.tag(words)

    def tag_document(self, sentences: list[list[str]], *,
                     marks: list[list[str | None]] | None = None) -> list[list[str]]:
        """BIO tags of every sentence of one document, made consistent
        across its sentences by :func:`propagate` (``marks``: each sentence's
        :func:`phrase_marks`, when the caller has them)."""
        if marks is None:
            marks = [None] * len(sentences)
        tags = [self.tag(list(words), marks=m) for words, m in zip(sentences, marks)]
        return propagate([[word_core(w).stem for w in words] for words in sentences], tags)


@lru_cache(maxsize=1)
def model() -> NerModel:
    """The shipped model, loaded once per process."""
    ref = resources.files("rasid.data").joinpath("models", MODEL_NAME)
    with resources.as_file(ref) as path:
        return NerModel.load(path)


def _groups(doc: Document) -> list[list[Token]]:
    """Tokens grouped by sentence (the whole text when there are none)."""
    tokens = doc.tokens
    if not doc.sentences:
        groups = [tokens]
    else:
        groups = []
        i = 0
        for s in doc.sentences:
            g = []
            while i < len(tokens) and tokens[i].start < s.end:
                if tokens[i].start >= s.start:
                    g.append(tokens[i])
                i += 1
            groups.append(g)
        if i < len(tokens):
            groups.append(tokens[i:])
    out = []
    for g in groups:
        for k in range(0, len(g), MAX_WORDS):
            if g[k:k + MAX_WORDS]:
                out.append(g[k:k + MAX_WORDS])
    return out


def propagate(stems: list[list[str]], tags: list[list[str]], *,
              max_freq: int = PROPAGATE_MAX_FREQ) -> list[list[str]]:
    """Tag again, in every sentence of a document, the names tagged elsewhere in it.

    ``stems`` and ``tags`` give each sentence's word stems
    (:attr:`WordCore.stem`) and BIO tags. Every tagged span, and the last
    word of a tagged person of several words (the surname), becomes a key
    with the type it was given most often; wherever the key's stems recur on
    words all tagged ``O``, they are tagged with that type, longest keys
    first. One-word keys shorter than three letters or more frequent than
    ``max_freq`` in the shipped news word list are left out (common words
    that are sometimes part of a name). Returns new tag lists."""
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for st, tg in zip(stems, tags):
        for a, b, typ in spans(tg):
            key = tuple(st[a:b])
            votes[key][typ] += 1
            if typ == "PER" and b - a > 1:
                votes[key[-1:]][typ] += 1
    if not votes:
        return [list(t) for t in tags]
    counts = word_counts()
    starts: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for key, c in votes.items():
        if len(key) == 1 and (len(key[0]) < 3 or counts.get(key[0], 0) > max_freq):
            continue
        starts[key[0]].append((key, c.most_common(1)[0][0]))
    for keys in starts.values():
        keys.sort(key=lambda kt: -len(kt[0]))
    out = []
    for st, tg in zip(stems, tags):
        tg = list(tg)
        for i, s in enumerate(st):
            for key, typ in starts.get(s, ()):
                n = len(key)
                if tuple(st[i:i + n]) == key and all(t == "O" for t in tg[i:i + n]):
                    tg[i] = "B-" + typ
                    for j in range(i + 1, i + n):
                        tg[j] = "I-" + typ
                    break
        out.append(tg)
    return out


def complete_spans(words: list[str], found: list[tuple[int, int, str]], *,
                   marks: list[str | None] | None = None) -> list[tuple[int, int, str]]:
    """Extend each tagged span to a known multiword name of the same type that
    overlaps it (place gazetteer, actor dictionary): the corpora often tag
    «مجلس الأمن» where the name is «مجلس الأمن الدولي». ``marks``: the
    words' :func:`phrase_marks`, when the caller has them."""
    if marks is None:
        marks = phrase_marks([word_core(w) for w in words])
    known = spans([m or "O" for m in marks])
    out = []
    for a, b, typ in found:
        for pa, pb, ptyp in known:
            if ptyp == typ and pa < b and a < pb:
                a, b = min(a, pa), max(b, pb)
        if not out or a >= out[-1][1]:
            out.append((a, b, typ))
    return out


def find_entities(doc: Document, *, ner: NerModel | None = None) -> list[Entity]:
    """PER/ORG/LOC entities of ``doc`` found by the NER model, in text order.

    Reads ``doc.tokens`` (and ``doc.sentences`` when present); each span's
    ``text`` is exactly ``doc.text[start:end]``."""
    ner = ner or model()
    out: list[Entity] = []
    groups = _groups(doc)
    sentences = [[t.text for t in toks] for toks in groups]
    marks = [phrase_marks([word_core(w) for w in words]) for words in sentences]
    tagged = ner.tag_document(sentences, marks=marks)
    for toks, words, tags, mk in zip(groups, sentences, tagged, marks):
        for a, b, typ in complete_spans(words, spans(tags), marks=mk):
            if typ not in TYPES:
                continue
            first, last = toks[a], toks[b - 1]
            while b - 1 > a and last.is_punct:  # never end on punctuation
                b -= 1
                last = toks[b - 1]
            if first.is_punct:
                continue
            start, end = first.stem[0], last.end
            if end <= start:
                continue
            out.append(Entity(doc.text[start:end], start, end, typ))
    return out
