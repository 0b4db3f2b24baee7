"""Statistical named-entity recognition: PER, ORG and LOC.

The model ships in the package (``data/models/ner-crf.crfsuite``, trained by
``rasid train ner``: :mod:`rasid.entities.ner_train`) and is loaded once,
lazily, without any download. :meth:`NerModel.tag` gives BIO tags for a list
of words; :func:`find_entities` tags a document sentence by sentence over
``doc.tokens`` and turns the tags into :class:`~rasid.document.Entity` spans
that start at the stem of their first token, so that attached proclitics stay
outside (``لحفتر`` -> ``حفتر``, ``والجيش الليبي`` -> ``الجيش الليبي``), and
end at the end of their last token.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..document import Document, Entity, Token
from .ner_data import spans
from .ner_features import phrase_marks, sentence_features, word_info

MODEL_NAME = "ner-crf.crfsuite"
TYPES = ("PER", "ORG", "LOC")
MAX_WORDS = 200  # longer runs of tokens are tagged in pieces


class NerModel:
    """A trained tagger: ``tag(words) -> BIO tags``."""

    __slots__ = ("method", "_tagger", "path")

    def __init__(self, method: str, tagger, path: Path):
        self.method = method
        self._tagger = tagger
        self.path = path

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

    def tag(self, words: list[str]) -> list[str]:
        """BIO tags (``O``, ``B-PER``, ``I-ORG``...) for one sentence of words."""
        if not words:
            return []
        if self.method == "crf":
            return list(self._tagger.tag(sentence_features(words)))
        return self._tagger.tag(words)


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


def complete_spans(words: list[str], found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Extend each tagged span to a known multiword name of the same type that
    overlaps it (place gazetteer, actor dictionary): the corpora often tag
    «مجلس الأمن» where the name is «مجلس الأمن الدولي»."""
    known = spans([m or "O" for m in phrase_marks([word_info(w) for w in words])])
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
    for toks in _groups(doc):
        words = [t.text for t in toks]
        for a, b, typ in complete_spans(words, spans(ner.tag(words))):
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
